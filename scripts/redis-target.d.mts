export function redisTargetForThisProcess(opts?: { log?: (msg: string) => void; quiet?: boolean }): Promise<{ env: Record<string, string>; describe: string; stop: () => Promise<void> }>;
