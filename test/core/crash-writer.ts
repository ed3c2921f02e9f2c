// The child of the crash-safety test (crash-safety.test.ts): opens the station on a data folder and
// makes random writes through the contract dispatcher — the path the CLI and the app use — until
// the parent kills it with SIGKILL. Every call that has resolved is appended to a "confirmed" log
// and fsynced before the next one starts, so the parent knows exactly what the station promised.
//
//   node --import tsx/dist/loader.mjs crash-writer.ts <dataDir> <workDir> <seed>
//
// It loads its modules, then waits for a line on stdin before it opens the station: the parent
// starts the next writer while the current one runs, so that loading (the slow part, seconds on a
// busy machine) overlaps the work. stdout, for the parent to time its kill: `opening`,
// `ready <n ready documents>`, then `begin <n> <method> [<document id>]` before each call.
// workDir holds pngs/ (made by the parent), exports/ and confirmed.log.
import { createHash } from 'node:crypto';
import { fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../electron/contract';
import { createHandlers, dispatch } from '../../electron/core/dispatch';
import { openStation } from '../../electron/core/station';
import { seeded } from '../provincial-store/fault-proxy';

export type Confirmed =
  | { op: 'dossier'; code: string; procedureCode: string }
  | { op: 'import'; id: string; sha256: string; pages: number; dossierCode: string | null }
  | { op: 'export'; id: string; path: string; sha256: string }
  | { op: 'view'; id: string }
  | { op: 'delete'; id: string };

const [dataDir, workDir, seedArg] = process.argv.slice(2);
if (!dataDir || !workDir || !seedArg) {
  process.stderr.write('usage: crash-writer.ts <dataDir> <workDir> <seed>\n');
  process.exit(2);
}
const random = seeded(Number(seedArg));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const say = (line: string) => process.stdout.write(`${line}\n`);

// One fsync per confirmation: a line the parent reads was on disk before the next call began.
const log = openSync(join(workDir, 'confirmed.log'), 'a');
function confirm(c: Confirmed): void {
  writeSync(log, `${JSON.stringify(c)}\n`);
  fsyncSync(log);
}

/** A dossier code for a real past day (YYMMDD must be a date), e.g. 000.00.01.H12-230517-0042. */
function dossierCode(): string {
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 1500) * 86_400_000).toISOString();
  const yymmdd = day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10);
  return `000.00.01.H12-${yymmdd}-${String(1 + Math.floor(random() * 9999)).padStart(4, '0')}`;
}
// Opening a dossier again with other details is refused (dossier-exists); derive them from the
// code so that a code drawn twice is opened twice harmlessly.
const procedureOf = (code: string) => `1.00${createHash('sha256').update(code).digest('hex').slice(0, 4)}`;

// Go, or leave quietly if the parent is gone (its end of stdin closes).
await new Promise((go) => {
  process.stdin.once('data', go);
  process.stdin.once('end', () => process.exit(0));
});
say('opening');
const station = await openStation({ dataDir });
const handlers = createHandlers(station);
async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await dispatch(station, handlers, method, input, { emit: () => {} });
  if (!result.ok) throw new Error(`${method} ${JSON.stringify(input)} refused: ${JSON.stringify(result.error)}`);
  return result.output as MethodOutput<M>;
}

// What earlier rounds left: documents to export and view, dossiers to file documents in.
const ready: string[] = [];
for (let offset = 0; ; offset += 1000) {
  const batch = await call('documents.list', { status: 'ready', limit: 1000, offset });
  ready.push(...batch.map((d) => d.id));
  if (batch.length < 1000) break;
}
const dossiers: string[] = readFileSync(join(workDir, 'confirmed.log'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .flatMap((l) => {
    const c = JSON.parse(l) as Confirmed;
    return c.op === 'dossier' ? [c.code] : [];
  });
const pngs = readdirSync(join(workDir, 'pngs')).map((n) => join(workDir, 'pngs', n));
const exportsDir = join(workDir, 'exports');
mkdirSync(exportsDir, { recursive: true });
say(`ready ${ready.length}`);

// Imports dominate: they write the most (page, thumbnail and PDF blobs, rows in one transaction
// and then a second one). Views and exports append to the audit chain; a deletion drops rows in
// one transaction and then the files only that document used.
const ops = ['import', 'import', 'import', 'import', 'dossier', 'dossier', 'export', 'export', 'view', 'view', 'delete'] as const;
// The loop ends only when the parent kills the process.
for (let n = 1; ; n++) {
  const op = ready.length === 0 ? 'import' : pick(ops);
  // The document a call is about is in its begin line: the parent must know which one a kill
  // may have deleted without an answer.
  const id = op === 'export' || op === 'view' || op === 'delete' ? pick(ready) : '';
  say(`begin ${n} ${op} ${id}`.trimEnd());
  if (op === 'dossier') {
    const code = random() < 0.2 && dossiers.length > 0 ? pick(dossiers) : dossierCode();
    const d = await call('dossiers.open', { code, procedureCode: procedureOf(code), channel: pick(['counter', 'online', 'post'] as const) });
    dossiers.push(d.code);
    confirm({ op: 'dossier', code: d.code, procedureCode: procedureOf(code) });
  } else if (op === 'import') {
    // One to three of the pictures: new page blobs sometimes, already stored ones often.
    const paths = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(pngs));
    const r = random();
    const dossierCode_ = r < 0.4 && dossiers.length > 0 ? pick(dossiers) : r < 0.6 ? dossierCode() : undefined;
    const doc = await call('documents.import', {
      paths,
      metadata: { title: `Giấy tờ ${n}`, ...(dossierCode_ ? { dossierCode: dossierCode_, kind: 'component' as const } : {}) },
      dpi: 200,
      ocr: 'skip',
    });
    if (doc.status !== 'ready' || !doc.pdf) throw new Error(`import answered a document that is not ready: ${JSON.stringify(doc)}`);
    ready.push(doc.id);
    if (dossierCode_) dossiers.push(dossierCode_);
    confirm({ op: 'import', id: doc.id, sha256: doc.pdf.sha256, pages: doc.pageCount, dossierCode: doc.metadata.dossierCode });
  } else if (op === 'export') {
    const out = await call('documents.export', { id, path: join(exportsDir, `${process.pid}-${n}.pdf`) });
    confirm({ op: 'export', id, path: out.path, sha256: out.sha256 });
  } else if (op === 'view') {
    const doc = await call('documents.get', { id });
    confirm({ op: 'view', id: doc.id });
  } else {
    await call('documents.delete', { id, reason: 'kiểm thử sự cố' });
    ready.splice(ready.indexOf(id), 1);
    confirm({ op: 'delete', id });
  }
}
