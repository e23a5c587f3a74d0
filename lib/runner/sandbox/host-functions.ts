/**
 * The host functions the prelude builds the guest's `ioredis`, console and timers on: strings
 * and numbers in, strings/numbers/promises of strings out. Each is wrapped so a host-side
 * exception can never cross into the guest (it marks the sandbox faulty instead).
 */
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import { methodKind } from "../allowlist/allowlist";
import type { SandboxHost } from "./host";

/** What the host functions need of their sandbox. */
export interface HostFunctionOwner {
  /** The run's host now (a placeholder between runs). */
  readonly host: SandboxHost;
  /** Host work as a guest promise, settled into the guest when the work is done. */
  guestPromise<T>(work: Promise<T>, encode: (v: T) => QuickJSHandle): QuickJSHandle;
  /** A host-side exception escaped into a host function: the runtime must not be reused. */
  fault(message: string): void;
}

export function installHostFunctions(vm: QuickJSContext, owner: HostFunctionOwner): void {
  const fn = (name: string, impl: (...args: QuickJSHandle[]) => QuickJSHandle | undefined) => {
    const h = vm.newFunction(name, (...args) => {
      try {
        return impl(...args);
      } catch (e) {
        owner.fault(e instanceof Error ? e.message : String(e));
        return undefined;
      }
    });
    vm.setProp(vm.global, name, h);
    h.dispose();
  };
  const str = (h: QuickJSHandle | undefined) => (h ? String(vm.getString(h)) : "");
  const num = (h: QuickJSHandle | undefined) => (h ? Number(vm.getNumber(h)) : 0);
  const effect = (f: () => void) => {
    f();
    return undefined;
  };

  fn("__call", (json) => owner.guestPromise(owner.host.call(str(json)), (s) => vm.newString(s)));
  fn("__kind", (name) => vm.newNumber(methodKind(str(name))));
  fn("__newConn", (from, line) => vm.newNumber(owner.host.newConnection(num(from), num(line))));
  fn("__sleep", (ms, id) => owner.guestPromise(owner.host.sleep(num(ms), num(id)), (b) => (b ? vm.true : vm.false)));
  fn("__cancelTimer", (id) => effect(() => owner.host.cancelTimer(num(id))));
  fn("__log", (level, text, line) => effect(() => owner.host.log(str(level), str(text), num(line))));
  fn("__refuse", (m, line) => effect(() => owner.host.refuse(str(m), num(line))));
  fn("__badImport", (name, line) => effect(() => owner.host.badImport(str(name), num(line))));
  fn("__uncaught", (name, message, line, column) => effect(() => owner.host.uncaught(str(name), str(message), num(line), num(column))));
}
