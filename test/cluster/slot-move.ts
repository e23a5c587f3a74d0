// Moving one hash slot between two masters of a live cluster, the way `redis-cli --cluster
// reshard` does it: IMPORTING on the target, MIGRATING on the source, MIGRATE the slot's keys,
// then every master learns the new owner (SETSLOT NODE). Each step is its own call, so a test can
// stop half way (ASK) or finish the move (MOVED) while a run waits.
import type Redis from "ioredis";

const myId = async (r: Redis) => (await r.call("CLUSTER", "MYID")) as string;

/** Slot `slot` is being moved from `from` to `to`: `from` answers ASK for keys it no longer has. */
export async function beginSlotMove(from: Redis, to: Redis, slot: number): Promise<void> {
  await to.call("CLUSTER", "SETSLOT", slot, "IMPORTING", await myId(from));
  await from.call("CLUSTER", "SETSLOT", slot, "MIGRATING", await myId(to));
}

/** MIGRATEs `keys` (default: every key of the slot still on `from`) to `to`. */
export async function migrateKeys(from: Redis, to: Redis, slot: number, keys?: string[]): Promise<number> {
  const names = keys ?? ((await from.call("CLUSTER", "GETKEYSINSLOT", slot, 1000)) as string[]);
  if (names.length === 0) return 0;
  await from.call("MIGRATE", String(to.options.host), String(to.options.port), "", 0, 5000, "KEYS", ...names);
  return names.length;
}

/** Moves what is left and makes `to` the slot's owner on every master. */
export async function finishSlotMove(from: Redis, to: Redis, masters: Redis[], slot: number): Promise<void> {
  await migrateKeys(from, to, slot);
  const id = await myId(to);
  for (const m of [to, from, ...masters.filter((m) => m !== from && m !== to)]) await m.call("CLUSTER", "SETSLOT", slot, "NODE", id);
}
