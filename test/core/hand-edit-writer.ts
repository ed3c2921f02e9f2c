// The child of page-hand-edits.test.ts's kill -9 test: opens the station on a data folder and turns
// one page a quarter to the right, again and again, through the contract dispatcher, until the
// parent kills it with SIGKILL. stdout: `ready`, then `done <n>` after each turn has resolved (the
// station has committed it), so the parent knows what was promised and can kill mid-edit.
//
//   node --import tsx/dist/loader.mjs hand-edit-writer.ts <dataDir> <pageId>
import { createHandlers, dispatch } from '../../electron/core/dispatch';
import { openStation } from '../../electron/core/station';

const [dataDir, pageId] = process.argv.slice(2);
if (!dataDir || !pageId) {
  process.stderr.write('usage: hand-edit-writer.ts <dataDir> <pageId>\n');
  process.exit(2);
}
const station = await openStation({ dataDir });
const handlers = createHandlers(station);
process.stdout.write('ready\n');
for (let n = 1; ; n++) {
  const r = await dispatch(station, handlers, 'pages.rotate', { pageId, quarterTurns: 1 }, { emit: () => {} });
  if (!r.ok) {
    process.stderr.write(`pages.rotate refused: ${JSON.stringify(r.error)}\n`);
    process.exit(1);
  }
  process.stdout.write(`done ${n}\n`);
}
