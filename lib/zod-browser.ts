/**
 * Zod compiles object parsers with `new Function` and probes for it when a schema is built. The
 * app's CSP has no 'unsafe-eval', so in the browser that probe is a reported CSP violation (it is
 * caught, but still reported). Forms parse a few fields: without the JIT is fast enough. The
 * server has no CSP and keeps it. Import this before building a schema that reaches the browser.
 */
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
