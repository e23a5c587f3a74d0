export interface LocalRedis {
  url: string;
  port?: number;
  pid?: number;
  local?: boolean;
  stop: () => Promise<void>;
}
export const REDIS_SAFETY_ARGS: string[];
export function localServerArgs(opts: { port: number; maxmemory: string; dir: string }): string[];
export function ensureRedisBinary(opts?: { log?: (msg: string) => void }): string;
export function freePort(): Promise<number>;
export function startLocalRedis(opts?: { port?: number; maxmemory?: string; log?: (msg: string) => void }): Promise<Required<Omit<LocalRedis, "local">>>;
export function redisForThisProcess(opts?: { log?: (msg: string) => void; quiet?: boolean }): Promise<LocalRedis>;
