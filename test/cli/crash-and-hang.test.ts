// Nothing confirmed is lost: kill -9 of the CLI in the middle of a 10-page scan leaves a store
// that opens, passes integrity_check and holds every page reported as saved; the next open
// sweeps what the dead process left. A hung driver (SIGSTOP) is killed by the watchdog and the
// CLI exits 3 with the pages saved before the hang kept.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { testBlobStore } from '../helpers/blobs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, waitForOutput } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { SLOW_SCAN_OPTIONS, saneEnv, writeSaneConfig } from '../helpers/sane';

const tmp = tempDir('crash');
const dataDir = join(tmp.path, 'data');
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  env = saneEnv(writeSaneConfig(join(tmp.path, 'sane.d')), { SOHOA_DATA_DIR: dataDir });
});
afterAll(() => tmp.cleanup());

const slow = Object.entries(SLOW_SCAN_OPTIONS).flatMap(([k, v]) => ['--driver-option', `${k}=${v}`]);
const tenSlowPages = ['scan', '--device', 'sane:test:0', '--preset', 'a4', '--dpi', '100', '--mode', 'gray', '--pages', '10', '--lang', 'en', ...slow];

function savedPages(stderr: string): number[] {
  return [...stderr.matchAll(/Saved page (\d+)/g)].map((m) => Number(m[1]));
}

function childrenOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : [];
}

async function exited(child: ReturnType<typeof startCli>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('crash safety', () => {
  it.each([1, 3, 6])('kill -9 after page %i is reported saved: every reported page survives', async (after) => {
    const child = startCli(tenSlowPages, env);
    await waitForOutput(child, new RegExp(`Saved page ${after}\\b`), 60_000);
    child.kill('SIGKILL');
    await exited(child);
    const reported = savedPages(child.output.stderr);
    expect(reported.length).toBeGreaterThanOrEqual(after);

    const db = new Database(join(dataDir, 'station.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const draft = db.prepare("SELECT id FROM documents WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1").pluck().get() as string;
    const pages = db.prepare('SELECT seq, image_sha256 FROM pages WHERE document_id = ? ORDER BY seq').all(draft) as { seq: number; image_sha256: string }[];
    db.close();
    expect(pages.map((p) => p.seq)).toEqual(expect.arrayContaining(reported));
    // Each page's file decrypts to exactly the content its name promises.
    const blobs = testBlobStore(dataDir);
    for (const p of pages) expect(await blobs.verify(p.image_sha256)).toBe(true);

    // The next open sweeps the dead process's temporary and spool folders.
    const list = await runCli(['list', '--status', 'draft', '--json'], env);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { id: string; pageCount: number }[]).find((d) => d.id === draft)?.pageCount).toBe(pages.length);
    expect(readdirSync(join(dataDir, 'tmp')).filter((d) => d === String(child.pid))).toEqual([]);
    expect(readdirSync(join(dataDir, 'spool')).filter((d) => d === String(child.pid))).toEqual([]);
  });

  it('every blob on disk is referenced after the sweep (no orphans)', () => {
    const db = new Database(join(dataDir, 'station.sqlite'), { readonly: true });
    const known = new Set(db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[]);
    db.close();
    const onDisk = readdirSync(join(dataDir, 'blobs'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
    expect(onDisk.filter((sha) => !known.has(sha))).toEqual([]);
  });
});

describe('a hung scanner driver', () => {
  it('is killed by the watchdog; the CLI exits 3 and keeps the pages saved before the hang', async () => {
    const child = startCli([...tenSlowPages, '--json'], { ...env, SOHOA_WORKER_TIMEOUT_MS: '2000' });
    await waitForOutput(child, /Saved page 2\b/, 60_000);
    const [worker] = childrenOf(child.pid!);
    expect(worker).toBeDefined();
    process.kill(worker!, 'SIGSTOP');
    const { code } = await exited(child);
    expect(code).toBe(3);
    const report = JSON.parse(child.output.stdout) as { error: { code: string }; id: string; pagesSaved: number };
    expect(report.error.code).toBe('worker-hung');
    expect(report.pagesSaved).toBeGreaterThanOrEqual(2);
    expect(child.output.stderr).toMatch(/stopped answering/);
    const show = JSON.parse((await runCli(['show', report.id, '--json'], env)).stdout) as { pageCount: number; status: string };
    expect(show).toMatchObject({ status: 'draft', pageCount: report.pagesSaved });
  });
});
