// The local Redis the scripts start protects itself: one command cannot make it allocate past
// proto-max-bulk-len, a client that doesn't read its replies is closed, slow commands are logged.
import net from "node:net";
import { describe, expect, it } from "vitest";
import { ownRedisServer } from "../test/support/own-redis";

const own = ownRedisServer();

describe("the local redis-server's own bounds", () => {
  it("runs with the settings, keeping maxmemory 256mb noeviction", async () => {
    const get = async (name: string) => ((await own.redis.config("GET", name)) as string[])[1];
    expect(await get("maxmemory")).toBe(String(256 * 1024 * 1024));
    expect(await get("maxmemory-policy")).toBe("noeviction");
    expect(await get("proto-max-bulk-len")).toBe(String(1024 * 1024));
    expect(await get("client-query-buffer-limit")).toBe(String(4 * 1024 * 1024));
    expect(await get("client-output-buffer-limit")).toMatch(/^normal 33554432 8388608 10 /);
    expect(await get("slowlog-log-slower-than")).toBe("10000");
  });

  it("refuses offsets that would grow a string past 1 MB", async () => {
    await expect(own.redis.setrange("s", 2 * 1024 * 1024, "x")).rejects.toThrow(/string exceeds maximum allowed size/);
    await expect(own.redis.setbit("b", 9 * 1024 * 1024, 1)).rejects.toThrow(/bit offset is not an integer or out of range/);
    expect(await own.redis.exists("s", "b")).toBe(0);
    expect(await own.redis.setrange("ok", 1000, "x")).toBe(1001);
  });

  it("closes a client that asks for replies it never reads, instead of holding them", async () => {
    await own.redis.set("big", "v".repeat(1024 * 1024));
    const closed = await new Promise<boolean>((resolve) => {
      const s = net.connect(own.server.port, "127.0.0.1", () => {
        // Not reading: the replies pile up in Redis's output buffer for this client.
        s.pause();
        s.write("GET big\r\n".repeat(100));
        // A paused socket notices the close only once it reads again.
        setTimeout(() => s.resume(), 1000).unref();
      });
      s.on("error", () => {});
      s.on("close", () => resolve(true));
      setTimeout(() => {
        s.destroy();
        resolve(false);
      }, 8000).unref();
    });
    expect(closed).toBe(true);
    expect(await own.redis.ping()).toBe("PONG");
  });
});
