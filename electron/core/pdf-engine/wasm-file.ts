// Where a WebAssembly engine's binary is. In the packaged app the packages sit in app.asar and
// their .wasm files beside it in app.asar.unpacked (electron-builder.yml, asarUnpack): the unpacked
// file is read directly, without going through the archive.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';

// (Not named `require`: the app's bundle declares one of its own in each module.)
const requireHere = createRequire(import.meta.url);

export function wasmFile(specifier: string): string {
  const path = requireHere.resolve(specifier);
  const unpacked = path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
  return unpacked !== path && existsSync(unpacked) ? unpacked : path;
}
