// The audit chain's head travels to the provincial store with every sync, and `audit verify` holds
// the chain against the store's copy: a rewrite by someone who has the station's files AND its key
// (they can run the station, so they can chain new rows with the real key and redo every local
// head) still shows, because the store's receipt is out of their reach.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';

let pki: TestPki;
let store: ProvincialStore;
let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  pki = await createTestPki();
  store = await startProvincialStore();
  tmp = tempDir('audit-remote');
  env = { ...process.env, SOHOA_SYNC_URL: store.url, SOHOA_SYNC_CLIENT_ID: DEFAULT_CLIENT.id, SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret };
  t = await openTestStation({ env });
  const page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 100 });
  const doc = await t.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Giấy xác nhận' } });
  await t.call('documents.sign', { id: doc.id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password } });
  expect(await t.call('sync.run', {})).toMatchObject({ synced: 1 });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await store?.stop();
  await pki?.close();
  tmp?.cleanup();
});

describe('the audit head at the provincial store', () => {
  it('matches while nothing was rewritten', async () => {
    const verdict = await t.call('audit.verify', {});
    expect(verdict).toMatchObject({ ok: true, remote: { status: 'matched' } });
    expect(verdict.remote.head!.seq).toBeGreaterThan(1);
  });

  it('shows a tail cut and re-chained with the station’s own key, local heads redone', async () => {
    const kept = (await t.call('audit.verify', {})).remote.head!;
    // The insider: drops the triggers, removes the rows up to and past what the store holds, and
    // writes new rows with the station's key (they can run it); every local head agrees.
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    db.prepare('DELETE FROM audit WHERE seq >= ?').run(kept.seq - 1);
    db.close();
    t.station.audit.append('view', null, { note: 'dòng viết lại' });
    t.station.audit.append('view', null, { note: 'dòng viết lại' });
    const head = t.station.audit.head()!;
    writeFileSync(join(t.dataDir, 'logs', 'audit-head.log'), `${head.seq}:${head.hash}\n`);

    const verdict = await t.call('audit.verify', {});
    expect(verdict.ok).toBe(false);
    expect(verdict.remote).toMatchObject({ status: 'mismatch', head: { seq: kept.seq, hash: kept.hash } });
    // Locally the chain holds: only the store's copy tells.
    expect(verdict.problems.map((p) => p.seq)).toEqual([kept.seq]);
    const cli = await runCli(['audit', 'verify', '--data-dir', t.dataDir], env);
    expect(cli.code).toBe(4);
    expect(cli.stdout).toMatch(/KHÔNG khớp với dấu vết kho dữ liệu tỉnh giữ/);
  });

  it('checks the station alone when the store does not answer, and says so', async () => {
    const offline = await openTestStation({ env: { ...env, SOHOA_SYNC_URL: 'http://127.0.0.1:9' } });
    try {
      expect((await offline.call('audit.verify', {})).remote).toEqual({ status: 'offline', head: null });
    } finally {
      await offline.close();
    }
  });
});
