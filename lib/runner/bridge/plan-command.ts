/**
 * One command of a schedule plan's "other client" lane, through the same paths as the program's:
 * MULTI / EXEC / DISCARD as the client's own transaction (client-multi.ts), anything else as a
 * single command (command.ts). The plan schema admits only allowed commands.
 */
import type { PlanCommand } from "../plans/schema";
import { sendClientEnd, sendClientMulti } from "./client-multi";
import { sendCommand } from "./command";
import type { BridgeContext } from "./context";
import type { RunConnection } from "./connections";
import type { Reply } from "./guest-args";

export function sendPlanCommand(ctx: BridgeContext, conn: RunConnection, command: PlanCommand): Promise<Reply> {
  const method = command.name.toLowerCase();
  if (method === "multi") return sendClientMulti(ctx, conn, null);
  if (method === "exec" || method === "discard") return sendClientEnd(ctx, conn, method, null);
  return sendCommand(ctx, conn, method, command.args, null);
}
