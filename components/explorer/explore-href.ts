/**
 * Where "Show me" goes: a failing check's shortest schedule, opened in the explorer as the same
 * run the grader made (the learner's code, the grader's concurrent calls after it), with the
 * timeline at the write that lost the update. Null when the code is too long for a link.
 */
import type { GradeSchedule } from "@/lib/lessons/grade-types";
import { LINK_CODE_MAX_CHARS, linkSearch } from "./schedule-link";

export function explorerHref(unit: string, code: string, schedule: GradeSchedule): string | null {
  if (code.length > LINK_CODE_MAX_CHARS) return null;
  return `/race/explore${linkSearch({ unit, schedule: schedule.choices, code, calls: schedule.scenario === "concurrent" })}${schedule.lostAtSeq ? `&at=${schedule.lostAtSeq}` : ""}`;
}
