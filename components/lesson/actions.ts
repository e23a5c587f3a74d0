"use server";
/**
 * The workbench's server actions, beside the components that call them. Thin on purpose: the
 * contract and the work live in lib/lessons/requests; here is only who is asking.
 */
import { actionClient } from "@/lib/http/request-client";
import { checkUnitRequest } from "@/lib/lessons/requests/check-unit";
import { runUnitRequest, unitSolution } from "@/lib/lessons/requests/run-unit";
import type { RunState } from "@/lib/lessons/requests/contract";
import type { GradeResult } from "@/lib/lessons/grade-types";

export async function runUnit(input: unknown): Promise<RunState> {
  return runUnitRequest(input, actionClient);
}

export async function checkSubmission(input: unknown): Promise<GradeResult> {
  return checkUnitRequest(input, actionClient);
}

export async function revealSolution(slug: unknown): Promise<string | null> {
  return unitSolution(slug);
}
