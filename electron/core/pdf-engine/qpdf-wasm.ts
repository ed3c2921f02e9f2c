// qpdf 12 compiled to WebAssembly (@neslinesli93/qpdf-wasm, ISC; qpdf itself Apache-2.0), run as
// its own command line inside the engine's worker thread: the same program and arguments as the
// system qpdf, with the files reached through Emscripten's NODEFS (nothing copied into memory).
// Each run gets a fresh instance of the compiled module, so one file's state or failure never
// reaches the next; the module's memory maximum is the run's memory limit (wasm-memory.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, basename } from 'node:path';
import { wasmFile } from './wasm-file';
import { type WasmModule, wasmRuntime, withMemoryMaximum } from './wasm-memory';

interface EmscriptenFs {
  mkdir(path: string): void;
  mount(type: unknown, opts: { root: string }, mountpoint: string): void;
}
interface QpdfModule {
  callMain(args: string[]): number;
  FS: EmscriptenFs;
  NODEFS: unknown;
}
type QpdfFactory = (opts: Record<string, unknown>) => Promise<QpdfModule>;

// (Not named `require`: the app's bundle declares one of its own in each module.)
const requireHere = createRequire(import.meta.url);
let compiled: { limit: number; module: WasmModule } | null = null;

function compiledFor(limitBytes: number): WasmModule {
  if (compiled?.limit !== limitBytes) {
    const wasm = new Uint8Array(readFileSync(wasmFile('@neslinesli93/qpdf-wasm/dist/qpdf.wasm')));
    compiled = { limit: limitBytes, module: new wasmRuntime.Module(withMemoryMaximum(wasm, limitBytes)) };
  }
  return compiled.module;
}

export interface QpdfRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs qpdf with `args`, where every file argument is one of `files` (host paths): each is
 * reached in the engine under /f<i>/ (its folder mounted). */
export async function qpdf(args: (string | { file: string })[], limitBytes: number): Promise<QpdfRun> {
  const out: string[] = [];
  const err: string[] = [];
  // The build binds its output to console.log/error when it starts: catch them for this run.
  const saved = { log: console.log, error: console.error, warn: console.warn };
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = console.warn = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    const factory = requireHere('@neslinesli93/qpdf-wasm') as QpdfFactory;
    const module = compiledFor(limitBytes);
    const m = await factory({
      noInitialRun: true,
      thisProgram: 'qpdf',
      print: (s: string) => out.push(s),
      printErr: (s: string) => err.push(s),
      instantiateWasm: (imports: object, done: (instance: object, module: WasmModule) => void) => {
        void wasmRuntime.instantiate(module, imports).then((instance) => done(instance, module));
        return {};
      },
    });
    const mounts = new Map<string, string>();
    const argv = args.map((a) => {
      if (typeof a === 'string') return a;
      const dir = dirname(a.file);
      let at = mounts.get(dir);
      if (!at) {
        at = `/f${mounts.size}`;
        m.FS.mkdir(at);
        m.FS.mount(m.NODEFS, { root: dir }, at);
        mounts.set(dir, at);
      }
      return `${at}/${basename(a.file)}`;
    });
    let code: number;
    try {
      code = m.callMain(argv);
    } catch (e) {
      // An abort (an allocation past the limit, mostly): the instance is dropped with this run.
      err.push(e instanceof Error ? e.message : String(e));
      code = 3;
    }
    // Named as the system qpdf names itself (the build says "this.program").
    return { code, stdout: out.join('\n'), stderr: err.join('\n').replace(/^this\.program:/gm, 'qpdf:') };
  } finally {
    Object.assign(console, saved);
  }
}
