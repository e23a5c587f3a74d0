/**
 * Writes the CLI's result and exits only once it is written. process.exit() right after a large
 * write to a pipe (`--json | jq`) loses whatever the pipe had not taken yet (~220 KB of 4.7 MB
 * arrived), so the exit waits for the write's callback, which comes once Node handed it all over.
 */
export function printAndExit(text: string, code: number): Promise<never> {
  return new Promise<never>(() => {
    process.stdout.write(`${text}\n`, () => process.exit(code));
  });
}
