// `playground check UNIT FILE.ts`: grading arrives with the grader (lib/lessons/grade.ts).
export async function checkCommand(_args: string[], _json: boolean, usage: (msg?: string) => never): Promise<number> {
  usage("check is not available yet");
}
