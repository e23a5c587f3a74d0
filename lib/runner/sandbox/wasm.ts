/** Loading QuickJS: the WASM file compiled once per thread, one instance (own memory) per sandbox. */
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from "quickjs-emscripten-core";
import variant from "@jitl/quickjs-wasmfile-release-sync";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { EmscriptenMemory } from "./wasm-snapshot";

let compiled: Promise<WebAssembly.Module> | undefined;
function compiledWasm(): Promise<WebAssembly.Module> {
  compiled ??= readFile(createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-sync/wasm")).then((b) => WebAssembly.compile(b));
  return compiled;
}

/** A new WASM instance of QuickJS, with memory of its own. */
export async function newInstance(): Promise<QuickJSWASMModule> {
  return newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmModule: await compiledWasm() }));
}

/** The Emscripten module behind a QuickJS WASM module (its memory and allocator). */
export function emscriptenOf(mod: QuickJSWASMModule): EmscriptenMemory | undefined {
  const m = (mod as unknown as { module?: Partial<EmscriptenMemory> }).module;
  return m && m.HEAPU8 instanceof Uint8Array && typeof m._malloc === "function" && typeof m._free === "function" ? (m as EmscriptenMemory) : undefined;
}
