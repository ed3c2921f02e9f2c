// The child of archive-crash-safety.test.ts: an archivist's stack fed through the real SANE test
// backend into a blank-page-separated batch, as several feeds of one batch (the test device gives
// the same picture for every sheet of a feed, so each feed is one kind of sheet: the colour
// pattern, the grid, or a white separator). Killed with SIGKILL by the parent at chosen moments:
// while the feeder runs, or after it has fed while the sheets are still being processed.
//
//   node --import tsx/dist/loader.mjs archive-crash-writer.ts <dataDir> <saneDir>
//
// stdout: `batch <id>`, then `captured <seq>` each time a sheet is committed as captured, `fed`
// once the last feed has captured all its sheets, and `done` once the stack is placed (it then
// waits to be killed).
import { createHandlers, dispatch } from '../../electron/core/dispatch';
import { openStation } from '../../electron/core/station';
import type { MethodInput, MethodName, MethodOutput } from '../../electron/contract';

/** The stack, in feeder order: P pages of the colour pattern, G grid pages, W white separators. */
export const STACK = [
  { picture: 'Color pattern', sheets: 3 },
  { picture: 'Solid white', sheets: 1 },
  { picture: 'Grid', sheets: 2 },
  { picture: 'Solid white', sheets: 2 },
  { picture: 'Color pattern', sheets: 2 },
  { picture: 'Grid', sheets: 3 },
] as const;

/** Each sheet of the stack in feeder order: which picture. */
export const SHEETS: readonly string[] = STACK.flatMap((s) => Array.from({ length: s.sheets }, () => s.picture));

const [dataDir, saneDir] = process.argv.slice(2);
if (import.meta.url === `file://${process.argv[1]}`) {
  if (!dataDir || !saneDir) {
    process.stderr.write('usage: archive-crash-writer.ts <dataDir> <saneDir>\n');
    process.exit(2);
  }
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const station = await openStation({ dataDir, env: { ...process.env, SANE_CONFIG_DIR: saneDir } });
  const handlers = createHandlers(station);
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const r = await dispatch(station, handlers, method, input, { emit: () => {} });
    if (!r.ok) throw new Error(`${method}: ${r.error.message.en}`);
    return r.output as MethodOutput<M>;
  };
  // Told of each sheet the moment it is committed as captured (before it is processed).
  const lines = station.archive.lines;
  const commit = lines.commit.bind(lines);
  lines.commit = (...args) => {
    const seq = commit(...args);
    say(`captured ${seq}`);
    if (seq === SHEETS.length) say('fed');
    return seq;
  };
  const batch = await call('archive.create', { name: 'Hộp 7 — sổ 1996', separator: 'blank' });
  say(`batch ${batch.id}`);
  for (const feed of STACK)
    await call('archive.scan', { batchId: batch.id, device: 'sane:test:0', source: 'feeder', dpi: 150, mode: 'color', pages: feed.sheets, driverOptions: { 'test-picture': feed.picture } });
  say('done');
  // Stays open until killed: a kill timed after the stack was placed still finds the station running.
  setInterval(() => {}, 1 << 30);
}
