import { FORM_FIELD } from "./form-field";

/** Which unit's program to start from: the race lab's start form and the explorer's program form. */
export function UnitSelect({ units, value, onPick, testId }: { units: { slug: string; label: string }[]; value: string; onPick: (slug: string) => void; testId: string }) {
  return (
    <select className={FORM_FIELD} value={value} onChange={(e) => onPick(e.target.value)} data-testid={testId}>
      {units.map((u) => (
        <option key={u.slug} value={u.slug}>
          {u.label}
        </option>
      ))}
    </select>
  );
}
