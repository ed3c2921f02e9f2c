// The sync fault run: 200 signed documents sent by the real `sohoa sync` through a proxy that drops
// uploads, delays, answers 500/503 with Retry-After, cuts answers short and answers garbage; the
// store restarted; the station killed with SIGKILL at random moments 20 times. At the end the store
// holds exactly 200 documents, each hash matching, none twice, and the station's outbox is all synced.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { runCli, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { type FaultProxy, randomFaults, seeded, startFaultProxy } from '../provincial-store/fault-proxy';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';

const DOCUMENTS = 200;
const KILLS = 20;
const SEED = Number(process.env.SOHOA_FAULT_SEED ?? 766);

let pki: TestPki;
let store: ProvincialStore;
let proxy: FaultProxy;
let tmp: ReturnType<typeof tempDir>;
let dataDir: string;

beforeAll(async () => {
  pki = await createTestPki();
  store = await startProvincialStore();
  proxy = await startFaultProxy(store.url);
  tmp = tempDir('sync-faults');
  dataDir = join(tmp.path, 'data');
  const page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 72, lines: ['Giấy xác nhận', 'Trang thử đồng bộ'] });
  const station = await openStation({ dataDir });
  try {
    for (let i = 0; i < DOCUMENTS; i++) {
      const doc = await station.importFiles([page], { title: `Tài liệu ${i + 1}` }, 72, { ocr: 'skip' });
      await station.signing.signDocument(doc.id, { key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
    }
  } finally {
    await station.close();
  }
}, 300_000);

afterAll(async () => {
  await proxy?.close();
  await store?.cleanup();
  await pki?.close();
  tmp?.cleanup();
});

describe('sync under faults', () => {
  it(`ends with exactly ${DOCUMENTS} documents in the store after ${KILLS} kills, store restarts and random faults`, async () => {
    const random = seeded(SEED);
    proxy.policy = randomFaults(0.25, random);
    const env = { ...process.env, SOHOA_DATA_DIR: dataDir, SOHOA_SYNC_URL: proxy.url, SOHOA_SYNC_CLIENT_ID: DEFAULT_CLIENT.id, SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret };

    // How long the command takes to start on this machine now (a loaded CI machine is several times
    // slower than an idle one): the kill moments are spread over a start and some work after it,
    // so that kills land while starting, uploading, committing or waiting on any machine.
    const started = Date.now();
    expect((await runCli(['sync', 'status', '--json'], env)).code).toBe(0);
    const startup = Date.now() - started;
    for (let kill = 0; kill < KILLS; kill++) {
      const child = startCli(['sync'], env);
      await new Promise((r) => setTimeout(r, startup * 0.5 + random() * (startup + 2200)));
      if (kill % 7 === 3) {
        await store.kill(); // the store goes down mid-work, and comes back
        await new Promise((r) => setTimeout(r, 300));
        await store.start();
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }

    // Work got done between the kills, through the faults (not only at the end).
    const duringFaults = store.documents().length;
    expect(duringFaults).toBeGreaterThan(0);

    // The link heals: whatever is left is sent (a person's Retry for rows waiting out a backoff).
    proxy.policy = () => ({ kind: 'pass' });
    expect((await runCli(['sync', 'retry', '--json'], env)).code).toBe(0);
    const last = await runCli(['sync', '--once', '--json'], env);
    expect(last.code, last.stderr).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({ failed: 0, remaining: 0, blocked: null });

    // The store: exactly one version of each document, each the station's bytes.
    const stored = store.documents();
    expect(stored).toHaveLength(DOCUMENTS);
    expect(new Set(stored.map((d) => d.documentId)).size).toBe(DOCUMENTS);
    const db = new Database(join(dataDir, 'station.sqlite'), { readonly: true });
    try {
      const outbox = db.prepare('SELECT document_id, version, sha256, state, receipt_id FROM outbox').all() as { document_id: string; version: number; sha256: string; state: string; receipt_id: string }[];
      expect(outbox).toHaveLength(DOCUMENTS);
      expect(outbox.every((o) => o.state === 'synced' && o.receipt_id)).toBe(true);
      const ours = new Map(outbox.map((o) => [o.document_id, o.sha256]));
      for (const d of stored) {
        expect(d.version).toBe(1);
        expect(d.sha256).toBe(ours.get(d.documentId));
        expect(createHash('sha256').update(readFileSync(store.filePath(d.sha256))).digest('hex')).toBe(d.sha256);
      }
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    // The faults did happen.
    const kinds = new Set(proxy.log.map((r) => r.fault));
    for (const k of ['drop-request', 'delay', 'status', 'truncate', 'garbage'] as const) expect(kinds.has(k), `no ${k} fault was injected`).toBe(true);
  }, 600_000); // 20 rounds paced by the machine's own start-up time
});
