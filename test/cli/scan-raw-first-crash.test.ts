// Kill -9 while scanned pages wait for the imaging pipeline (they are stored as captured first and
// processed behind the scanner): the next start processes them — nothing reported is lost, nothing
// is doubled, no page stays raw, and no file is left without a row.
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBlobStore } from '../helpers/blobs';
import { startCli, waitForOutput } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';
import { openTestStation } from '../helpers/station';

const tmp = tempDir('raw-first-crash');
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  env = saneEnv(writeSaneConfig(join(tmp.path, 'sane.d')));
});
afterAll(() => tmp.cleanup());

const sixPages = ['scan', '--device', 'sane:test:0', '--preset', 'a4', '--dpi', '300', '--mode', 'color', '--pages', '6', '--lang', 'en'];

async function exited(child: ReturnType<typeof startCli>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

function snapshot(dataDir: string, draft?: string) {
  const db = new Database(join(dataDir, 'station.sqlite'), { readonly: true });
  try {
    const id = draft ?? (db.prepare("SELECT id FROM documents WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1").pluck().get() as string);
    const pages = db
      .prepare('SELECT p.id, p.seq, p.image_sha256 AS sha, b.media_type AS mediaType FROM pages p JOIN blobs b ON b.sha256 = p.image_sha256 WHERE p.document_id = ? ORDER BY p.seq')
      .all(id) as { id: string; seq: number; sha: string; mediaType: string }[];
    const pending = db.prepare('SELECT count(*) FROM pending_imaging WHERE document_id = ?').pluck().get(id) as number;
    const steps = db.prepare('SELECT count(*) FROM page_steps s JOIN pages p ON p.id = s.page_id WHERE p.document_id = ?').pluck().get(id) as number;
    return { id, pages, pending, steps, integrity: db.pragma('integrity_check', { simple: true }) };
  } finally {
    db.close();
  }
}

describe('kill -9 with pages waiting for the imaging pipeline', () => {
  it.each([2, 6])('after page %i is reported saved: the next start processes every stored page, once', async (after) => {
    const dataDir = join(tmp.path, `data-${after}`);
    const child = startCli(sixPages, { ...env, SOHOA_DATA_DIR: dataDir });
    await waitForOutput(child, new RegExp(`Saved page ${after}\\b`), 120_000);
    child.kill('SIGKILL');
    await exited(child);
    const reported = [...child.output.stderr.matchAll(/Saved page (\d+)/g)].map((m) => Number(m[1]));

    const killed = snapshot(dataDir);
    expect(killed.integrity).toBe('ok');
    expect(killed.pages.map((p) => p.seq)).toEqual(expect.arrayContaining(reported));
    expect(killed.steps).toBe(killed.pages.length);

    // The next start (the app, or `sohoa serve`) resumes the pipeline where the dead process left it.
    const t = await openTestStation({ dataDir, resumeBackgroundWork: true });
    try {
      await t.station.background.settled(killed.id);
      const after_ = snapshot(dataDir, killed.id);
      expect(after_.pending).toBe(0);
      // Same pages (the default profile neither splits nor removes), same order, each processed once.
      expect(after_.pages.map((p) => [p.id, p.seq])).toEqual(killed.pages.map((p) => [p.id, p.seq]));
      expect(after_.pages.map((p) => p.mediaType)).toEqual(killed.pages.map(() => 'image/jpeg'));
      expect(after_.steps).toBe(after_.pages.length);
      const blobs = testBlobStore(dataDir);
      for (const p of after_.pages) expect(await blobs.verify(p.sha)).toBe(true);

      const doc = await t.call('documents.finish', { id: killed.id, ocr: 'skip', digitizedBy: 'Trần Văn Bình' });
      expect(doc).toMatchObject({ status: 'ready', pageCount: killed.pages.length });
    } finally {
      await t.station.close();
    }
    // Every file in the store is named by a row (the dead process's half-done work was swept).
    const db = new Database(join(dataDir, 'station.sqlite'), { readonly: true });
    const known = new Set(db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[]);
    db.close();
    const onDisk = readdirSync(join(dataDir, 'blobs'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
    expect(onDisk.filter((sha) => !known.has(sha))).toEqual([]);
    expect(existsSync(join(dataDir, 'spool', String(child.pid)))).toBe(false);
  }, 240_000);
});
