import type { WorkbenchUnit } from "./types";

/** Says in words what each staged race will do, so the buttons are not a surprise. */
export function ScenarioNotes({ scenarios }: { scenarios: WorkbenchUnit["scenarios"] }) {
  if (scenarios.length === 0) return null;
  return (
    <ul className="space-y-1 text-sm text-slate-700 dark:text-slate-300">
      {scenarios.map((s) => (
        <li key={s.id}>
          <span className="font-semibold">{s.label}:</span> {s.description}
        </li>
      ))}
    </ul>
  );
}
