// The records benchmark's child processes (a fresh process each, so nothing of one run is warm in
// the next one's memory):
//   build <dataDir> <documents>  builds the synthetic store into <dataDir>/station.sqlite;
//   open <dataDir>               times openStation and the document list's first page.
// Each prints one JSON line on stdout; progress goes to stderr.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/records/database';
import { MIGRATIONS, migrate } from '../../electron/core/records/migrations';
import { fold } from '../../electron/core/records/search';
import { AGENCIES, COMPONENTS, GENERATOR, MARKER_KEY, type Person, RESULTS, Rng, SEED, type StoreMarker, citizen, organisation, prose } from './records-data';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms + 7 * HOUR).toISOString().replace('Z', '+07:00');

/** A UUIDv7 (as the station's ids) at `ms`, from the seeded generator: ids sort by time, so the
 * primary keys grow at their end as they do on a real station. */
function uuid7(ms: number, rng: Rng): string {
  const t = ms.toString(16).padStart(12, '0');
  const r16 = () => rng.int(0x10000).toString(16).padStart(4, '0');
  return `${t.slice(0, 8)}-${t.slice(8)}-${(0x7000 | rng.int(0x1000)).toString(16)}-${(0x8000 | rng.int(0x4000)).toString(16)}-${r16()}${r16()}${r16()}`;
}

function build(dir: string, documents: number): void {
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'station.sqlite');
  const building = `${file}.building`;
  rmSync(building, { force: true });
  const db = new Database(building);
  // A throw-away file until it is complete: no journal, no fsync, a large cache.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144'); // 256 MB: the indexes that grow out of order fit
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('foreign_keys = ON');
  // The schema the rows below are written for (version 5); later migrations then run over the
  // store as over any station's, filling what they derive from these rows.
  migrate(db, MIGRATIONS.filter((m) => m.version <= 5));

  const rng = new Rng(SEED);
  const t0 = Date.UTC(2021, 0, 4, 1);
  const step = Math.floor((Date.UTC(2025, 5, 30) - t0) / documents);

  // A pool of blob rows referenced many times: the files themselves are not needed here.
  const insertBlob = db.prepare('INSERT INTO blobs (sha256, bytes, media_type, created_at) VALUES (?, ?, ?, ?)');
  const pool: Record<'pdf' | 'image' | 'thumb' | 'words', string[]> = { pdf: [], image: [], thumb: [], words: [] };
  const media = { pdf: 'application/pdf', image: 'image/jpeg', thumb: 'image/jpeg', words: 'application/gzip' };
  db.transaction(() => {
    for (let i = 0; i < 1000; i++) {
      const kind = (['pdf', 'image', 'thumb', 'words'] as const)[i % 4]!;
      const sha = createHash('sha256').update(`bench-records-${i}`).digest('hex');
      insertBlob.run(sha, 10_000 + rng.int(3_000_000), media[kind], iso(t0));
      pool[kind].push(sha);
    }
  })();

  // About three documents per citizen; organisations are few and some have a great many.
  const citizens = Array.from({ length: Math.ceil(documents * 0.3) }, () => citizen(rng));
  const organisations = Array.from({ length: Math.max(50, Math.ceil(documents / 200)) }, () => organisation(rng));
  const officers = Array.from({ length: 12 }, () => citizen(rng).name);

  const insertDoc = db.prepare(`INSERT INTO documents (id, status, origin, dossier_code, kind, title, doc_type_code, doc_number, issue_date, issuer,
    valid_until, owner_id_type, owner_id_number, owner_name, pdf_sha256, created_at, updated_at, digitized_at, digitized_by, ocr_status)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPage = db.prepare(`INSERT INTO pages (id, document_id, seq, image_sha256, thumb_sha256, width_px, height_px, dpi, mode, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertText = db.prepare('INSERT INTO page_text (page_id, origin, text, words_sha256, confidence, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertDossier = db.prepare("INSERT OR IGNORE INTO dossiers (code, unit_code, level, received_at, created_at) VALUES (?, 'H12.01', 'xa', ?, ?)");
  // The row SearchIndex.index writes (search.ts): the same fields, joined and folded the same way.
  const insertSearch = db.prepare('INSERT INTO search (document_id, codes, owner, title, text) VALUES (?, ?, ?, ?, ?)');
  const join_ = (...parts: (string | null)[]) => fold(parts.filter(Boolean).join(' '));

  let i = 0;
  let pages = 0;
  let texts = 0;
  let day = '';
  let daySeq = 0;
  let spread = 0;
  const chunk = db.transaction((until: number) => {
    while (i < until) {
      // One dossier: one owner, one to three components and, for most, the result issued for it.
      const roll = rng.next();
      const owner: Person | null = roll < 0.02 ? null : roll < 0.1 ? organisations[Math.floor(organisations.length * rng.next() ** 2)]! : rng.pick(citizens);
      const at = t0 + i * step;
      const ymd = iso(at).slice(2, 10).replace(/-/g, '');
      daySeq = ymd === day ? daySeq + 1 : 1;
      day = ymd;
      const code = `${rng.pick(AGENCIES)}-${ymd}-${String(daySeq).padStart(4, '0')}`;
      insertDossier.run(code, iso(at), iso(at));
      const result = rng.pick(RESULTS);
      const components = 1 + rng.int(3);
      const count = components + (rng.next() < 0.8 ? 1 : 0);
      for (let k = 0; k < count && i < until; k++, i++) {
        const ms = t0 + i * step;
        const type = k < components ? rng.pick(COMPONENTS) : result;
        const id = uuid7(ms, rng);
        const ready = rng.next() < 0.97;
        const hasText = i % 10 === 3;
        const number = type.sign ? `${1 + rng.int(4000)}/${type.sign}` : null;
        const issued = type.kind === 'result' ? iso(ms).slice(0, 10) : null;
        const valid = type.kind === 'result' ? (rng.next() < 0.5 ? 'permanent' : `${Number(iso(ms).slice(0, 4)) + 5}${iso(ms).slice(4, 10)}`) : null;
        insertDoc.run(
          id, ready ? 'ready' : 'draft', rng.next() < 0.85 ? 'scan:sane:fujitsu:libusb:001:004' : 'import', code, type.kind, type.title, type.code, number,
          issued, type.issuer || null, valid, owner ? (owner.id.length === 12 ? 'citizen' : 'organisation') : null, owner?.id ?? null, owner?.name ?? null,
          ready ? rng.pick(pool.pdf) : null, iso(ms), iso(ms + 600_000), ready ? iso(ms + 300_000) : null, ready ? rng.pick(officers) : null,
          ready ? (hasText ? 'done' : 'skipped') : 'none',
        );
        // Exactly five pages a document on average: pairs of documents share ten pages.
        let n: number;
        if (i % 2 === 0) {
          spread = rng.int(9) - 4;
          n = 5 + spread;
        } else n = 5 - spread;
        let text = '';
        for (let seq = 1; seq <= n; seq++) {
          const pageId = uuid7(ms + seq * 1000, rng);
          const dpi = rng.next() < 0.8 ? 200 : 300;
          insertPage.run(pageId, id, seq, rng.pick(pool.image), rng.pick(pool.thumb), Math.round(8.27 * dpi), Math.round(11.69 * dpi), dpi, rng.next() < 0.9 ? 'color' : 'gray', iso(ms + seq * 1000));
          if (hasText && seq === 1) {
            text = prose(rng, owner ?? citizen(rng), 200 + rng.int(150));
            insertText.run(pageId, 'ocr', text, rng.pick(pool.words), 0.9 + rng.next() / 10, iso(ms + 300_000));
            texts++;
          }
        }
        pages += n;
        insertSearch.run(id, join_(code, number, type.code, owner?.id ?? null), join_(owner?.name ?? null), join_(type.title, type.issuer || null), fold(text));
      }
    }
  });
  while (i < documents) {
    chunk(Math.min(documents, i + 20_000));
    if (i % 100_000 === 0 || i === documents) process.stderr.write(`  records store: ${i.toLocaleString('en')} documents, ${pages.toLocaleString('en')} pages, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  const marker: StoreMarker = { generator: GENERATOR, documents, pages, texts };
  db.prepare('INSERT INTO station (key, value) VALUES (?, ?), (?, ?)').run('id', uuid7(t0, rng), MARKER_KEY, JSON.stringify(marker));
  db.pragma('locking_mode = NORMAL');
  db.pragma('journal_mode = WAL');
  db.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  renameSync(building, file);
  const insertedMs = performance.now() - started;
  // Then every later migration, as the station would on opening it.
  const m0 = performance.now();
  openDatabase(file).close();
  console.log(JSON.stringify({ ...marker, buildMs: insertedMs, migrateMs: performance.now() - m0, bytes: statSync(file).size }));
}

async function open(dir: string): Promise<void> {
  const t0 = performance.now();
  const { openStation } = await import('../../electron/core/station');
  const t1 = performance.now();
  const station = await openStation({ dataDir: dir });
  const t2 = performance.now();
  // What the document list asks for first (renderer/src/documents/DocumentList.tsx).
  const rows = station.documents.list({ limit: 200, offset: 0 }).length;
  const t3 = performance.now();
  await station.close();
  console.log(JSON.stringify({ importMs: t1 - t0, openMs: t2 - t1, firstMs: t3 - t2, rows }));
}

const [mode, dir, n] = process.argv.slice(2);
if (mode === 'build' && dir) build(dir, Number(n));
else if (mode === 'open' && dir) await open(dir);
else throw new Error('usage: records-child.ts build <dataDir> <documents> | open <dataDir>');
