// The procedure catalogue (danh mục thủ tục): the default shipped in assets/catalogue/, overridden
// by the province's file in the station's data folder. A bad file never takes the counter down:
// the station keeps the last good catalogue and says what is wrong with the new one.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { Catalogue, type CatalogueState, type WireError, formatError, invalidInput } from '../../contract';
import { StationError, errorMessage } from '../errors';

/** The station's override and the copy of its last good version, in the data folder. */
export const STATION_CATALOGUE = 'thu-tuc.json';
export const LAST_GOOD_CATALOGUE = 'thu-tuc.last-good.json';

/** The catalogue shipped with the program, in its assets folder. */
export const shippedCatalogue = (assetsDir: string) => join(assetsDir, 'catalogue', 'thu-tuc.json');

type Parsed = { ok: true; catalogue: Catalogue } | { ok: false; problem: WireError };

/** Parses a catalogue file; any problem becomes `catalogue-invalid` naming the file and the field. */
export function parseCatalogueFile(path: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const detail = errorMessage(e);
    return { ok: false, problem: formatError('catalogue-invalid', { file: basename(path), field: 'JSON', detail, detail_vi: `không đọc được JSON (${detail})` }) };
  }
  const parsed = Catalogue.safeParse(json);
  if (parsed.success) return { ok: true, catalogue: parsed.data };
  return { ok: false, problem: asCatalogueProblem(path, parsed.error) };
}

function asCatalogueProblem(path: string, error: z.ZodError): WireError {
  // invalidInput names the field and translates zod's message; the catalogue's code wraps it.
  const d = invalidInput(error).details ?? {};
  return formatError('catalogue-invalid', { file: basename(path), field: String(d.field ?? 'input'), detail: String(d.detail ?? ''), detail_vi: String(d.detail_vi ?? d.detail ?? '') });
}

/** Temporary name, fsync, rename: the last good copy is either the old one or the new one, whole. */
function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export class CatalogueStore {
  private readonly shipped: Catalogue;
  private current: { catalogue: Catalogue; source: CatalogueState['source'] };
  private problem: WireError | null = null;
  /** The station file's size and time when it was last read: it is read again when they change. */
  private seen: string | null = null;

  constructor(defaultFile: string, private readonly dataDir: string) {
    const shipped = parseCatalogueFile(defaultFile);
    // The shipped default is part of the program: a broken one is a bug, not a province's typo.
    if (!shipped.ok) throw new Error(`the shipped catalogue ${defaultFile} is invalid: ${shipped.problem.message.en}`);
    this.shipped = shipped.catalogue;
    this.current = { catalogue: shipped.catalogue, source: 'default' };
  }

  get stationFile(): string {
    return join(this.dataDir, STATION_CATALOGUE);
  }

  /** The catalogue in use, after looking whether the station's file changed since last time. */
  state(): CatalogueState {
    this.refresh();
    return { ...this.current, stationFile: this.stationFile, problem: this.problem };
  }

  /** Validates a file and, if good, makes it the station's catalogue; else throws what is wrong. */
  install(path: string): CatalogueState {
    if (!existsSync(path)) throw new StationError('catalogue-invalid', { file: basename(path), field: 'path', detail: 'no such file', detail_vi: 'không có tệp này' });
    const parsed = parseCatalogueFile(path);
    if (!parsed.ok) throw new StationError('catalogue-invalid', parsed.problem.details ?? {});
    writeAtomically(this.stationFile, readFileSync(path, 'utf8'));
    return this.state();
  }

  private refresh(): void {
    const file = this.stationFile;
    if (!existsSync(file)) {
      // No province file (or it was removed): the shipped default.
      this.seen = null;
      this.problem = null;
      this.current = { catalogue: this.shipped, source: 'default' };
      return;
    }
    const st = statSync(file);
    const stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
    if (stamp === this.seen) return;
    this.seen = stamp;
    const parsed = parseCatalogueFile(file);
    if (parsed.ok) {
      this.problem = null;
      this.current = { catalogue: parsed.catalogue, source: 'station' };
      writeAtomically(join(this.dataDir, LAST_GOOD_CATALOGUE), readFileSync(file, 'utf8'));
      return;
    }
    this.problem = parsed.problem;
    // Keep what was in use; after a restart, the copy of the last good file.
    if (this.current.source === 'station') this.current = { ...this.current, source: 'last-good' };
    else if (this.current.source === 'default') {
      const kept = existsSync(join(this.dataDir, LAST_GOOD_CATALOGUE)) ? parseCatalogueFile(join(this.dataDir, LAST_GOOD_CATALOGUE)) : null;
      if (kept?.ok) this.current = { catalogue: kept.catalogue, source: 'last-good' };
    }
  }
}
