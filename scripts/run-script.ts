// How every bench script ends: run its main, close what it opened (the worker pool), exit 0 -
// or print the error's message (no stack: it is about the setup, e.g. Redis not reachable) and exit 1.
export function runScript(main: () => Promise<void>, close: () => Promise<unknown> = async () => {}): void {
  main()
    .then(close)
    .then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(1);
      },
    );
}
