// A WebAssembly engine's memory bound, set in its binary before it is compiled. qpdf's and
// PDFium's builds may grow their memory up to the maximum written in their memory section (2 GiB);
// rewriting that maximum gives each engine the same kind of limit prlimit gives a system tool: an
// allocation past it fails inside the engine, which then stops (run-tool.ts, tool-memory-limit).

const PAGE = 65_536;

/** An unsigned LEB128 number of a WebAssembly binary at `at`, and where the next field starts. */
export function readLeb(b: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = b[at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

/** `value` as unsigned LEB128. */
export function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** The binary with its (one, defined) memory's maximum lowered to `maxBytes` (never raised, never
 * below its initial size, which it needs to start). A binary without a memory section is returned
 * as it is. */
export function withMemoryMaximum(wasm: Uint8Array, maxBytes: number): Uint8Array {
  let at = 8; // magic and version
  while (at < wasm.length) {
    const id = wasm[at]!;
    const [size, body] = readLeb(wasm, at + 1);
    if (id === 5) {
      let p = body;
      const [count, afterCount] = readLeb(wasm, p);
      p = afterCount;
      if (count !== 1) return wasm;
      const flags = wasm[p]!;
      const [min, afterMin] = readLeb(wasm, p + 1);
      let max = 65_536;
      let end = afterMin;
      if (flags & 1) [max, end] = readLeb(wasm, afterMin);
      const pages = Math.max(min, Math.min(max, Math.floor(maxBytes / PAGE)));
      const section = [...leb(1), flags | 1, ...leb(min), ...leb(pages), ...wasm.subarray(end, body + size)];
      const out = new Uint8Array(wasm.length - (body + size - at) + 1 + leb(section.length).length + section.length);
      out.set(wasm.subarray(0, at));
      out.set([5, ...leb(section.length), ...section], at);
      out.set(wasm.subarray(body + size), at + 1 + leb(section.length).length + section.length);
      return out;
    }
    at = body + size;
  }
  return wasm;
}

/** The memory maximum written in a binary, in bytes (tests read it back). */
export function memoryMaximum(wasm: Uint8Array): number | null {
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at]!;
    const [size, body] = readLeb(wasm, at + 1);
    if (id === 5) {
      const [, p] = readLeb(wasm, body);
      if (!(wasm[p]! & 1)) return null;
      const [, afterMin] = readLeb(wasm, p + 1);
      return readLeb(wasm, afterMin)[0] * PAGE;
    }
    at = body + size;
  }
  return null;
}

/** The runtime's WebAssembly, typed for what the engines use (the station's TypeScript has no DOM
 * library, which is where its types live). */
export interface WasmRuntime {
  Module: new (bytes: Uint8Array) => WasmModule;
  instantiate(module: WasmModule, imports: object): Promise<object>;
  RuntimeError: new (message?: string) => Error;
}
export type WasmModule = { readonly __wasmModule?: never };
export const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;
