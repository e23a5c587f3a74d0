// Cleanup must not depend on the engine noticing every write: whatever command created a key -
// an object form, a command inside multi(), a rename or a move to a new key - it is gone when
// the run ends. These programs stay inside every limit, so they must also run as before.
import { describe, expect, it } from "vitest";
import { adversarialHooks, expectHarmless, newRunId, observe, open, runAs } from "./support";

adversarialHooks();

const programs: [name: string, body: string, output: string[]][] = [
  ["mset({...}) of 200 keys", `const o: Record<string, string> = {};\nfor (let i = 0; i < 200; i++) o["m" + i] = "v" + i;\nconsole.log(await r.mset(o));`, ["OK"]],
  ["hset(key, {...}) inside multi()", `console.log(JSON.stringify(await r.multi().hset("h", { a: "1", b: "2" }).hmset("h2", { c: "3" }).exec()));`, ['[[null,2],[null,"OK"]]']],
  ["rename and renamenx to new keys", `await r.set("a", "1");\nawait r.rename("a", "b");\nawait r.set("c", "2");\nconsole.log(await r.renamenx("c", "d"));`, ["1"]],
  ["lmove, rpoplpush and smove to new keys", `await r.rpush("l", "x", "y");\nawait r.lmove("l", "l2", "LEFT", "RIGHT");\nawait r.rpoplpush("l", "l3");\nawait r.sadd("s", "m");\nconsole.log(await r.smove("s", "s2", "m"));`, ["1"]],
  ["a key written by a connection the program never quit", `const other = r.duplicate();\nawait other.set("left:open", "1");\nconsole.log(await r.exists("left:open"));`, ["1"]],
];

describe("every key a run created is gone when it ends", () => {
  for (const [name, body, output] of programs) {
    it(name, async () => {
      const id = newRunId("clean");
      const seen = await observe(() => runAs(id, `${open}${body}`));
      expect.soft(seen.value.status).toBe("ok");
      expect.soft(seen.value.output).toEqual(output);
      await expectHarmless([id], seen);
    });
  }
});
