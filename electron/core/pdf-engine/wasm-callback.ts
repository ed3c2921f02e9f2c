// A JavaScript function handed to a WebAssembly engine as a C function pointer. PDFium reads a
// document through a callback (FPDF_LoadCustomDocument's m_GetBlock) instead of holding the whole
// file in its memory; a C function pointer is an index into the module's function table, so the
// table needs a free slot (the build's table is fixed at its initial size: `withTableRoom` gives it
// room before it is compiled) and the function must be a WebAssembly one (a one-import module
// wraps the JavaScript function, as Emscripten's own addFunction does).
import { leb, readLeb, wasmRuntime } from './wasm-memory';

/** The binary with its (one, defined) function table's maximum raised by `slots` above its initial
 * size, so that `table.grow` can add that many functions. Returned as it is otherwise. */
export function withTableRoom(wasm: Uint8Array, slots: number): Uint8Array {
  let at = 8; // magic and version
  while (at < wasm.length) {
    const id = wasm[at]!;
    const [size, body] = readLeb(wasm, at + 1);
    if (id === 4) {
      const [count, p] = readLeb(wasm, body);
      const refType = wasm[p]!;
      if (count !== 1) return wasm;
      const flags = wasm[p + 1]!;
      const [min, afterMin] = readLeb(wasm, p + 2);
      const end = flags & 1 ? readLeb(wasm, afterMin)[1] : afterMin;
      const section = [...leb(1), refType, flags | 1, ...leb(min), ...leb(min + slots), ...wasm.subarray(end, body + size)];
      const head = [4, ...leb(section.length)];
      const out = new Uint8Array(wasm.length - (body + size - at) + head.length + section.length);
      out.set(wasm.subarray(0, at));
      out.set([...head, ...section], at);
      out.set(wasm.subarray(body + size), at + head.length + section.length);
      return out;
    }
    at = body + size;
  }
  return wasm;
}

interface WasmTable {
  grow(n: number): number;
  set(i: number, f: unknown): void;
}

/** A module importing one function of four i32 arguments answering an i32, and exporting it. */
const WRAP_I32X4_I32 = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x09, 0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f, // type 0: (i32 × 4) → i32
  0x02, 0x07, 0x01, 0x01, 0x65, 0x01, 0x66, 0x00, 0x00, // import "e" "f": function of type 0
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export "f": function 0
]);

/** Puts `fn` (four i32 arguments, an i32 answer) in `table` and answers its index: the C function
 * pointer. The slot stays taken for the instance's life (one per instance). */
export function addI32x4Function(table: WasmTable, fn: (a: number, b: number, c: number, d: number) => number): number {
  const instance = new (wasmRuntime as unknown as { Instance: new (m: object, i: object) => { exports: { f: unknown } } }).Instance(new wasmRuntime.Module(WRAP_I32X4_I32), { e: { f: fn } });
  const index = table.grow(1);
  table.set(index, instance.exports.f);
  return index;
}
