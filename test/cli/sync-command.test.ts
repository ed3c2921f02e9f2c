// `sohoa sync`, `sohoa sync status` and `sohoa report` as a script or a support person runs them,
// against the real reference store.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '../../electron/contract';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';

let pki: TestPki;
let store: ProvincialStore;
let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
const today = vietnamToday();
const dossier = `000.00.01.H12-${today.slice(2).replace(/-/g, '')}-0001`;

beforeAll(async () => {
  pki = await createTestPki();
  store = await startProvincialStore();
  tmp = tempDir('cli-sync');
  const dataDir = join(tmp.path, 'data');
  env = { ...process.env, SOHOA_DATA_DIR: dataDir, SOHOA_SYNC_URL: store.url, SOHOA_SYNC_CLIENT_ID: DEFAULT_CLIENT.id, SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret };
  const page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 100 });
  const station = await openStation({ dataDir });
  try {
    station.updateSettings({ unitCode: '000.00.01.H12', level: 'xa', operatorName: 'Trần Thị Mai' });
    // Certification of copies (2.000815): its two required components, and its result.
    station.dossiers.open({ code: dossier, procedureCode: '2.000815' }, { unitCode: '000.00.01.H12', level: 'xa' }, new Date().toISOString());
    for (const [kind, componentCode] of [['component', 'TP01'], ['component', 'TP02'], ['result', undefined]] as const) {
      const doc = await station.importFiles([page], { dossierCode: dossier, kind, ...(componentCode ? { componentCode } : {}) }, 100, { ocr: 'skip' });
      await station.signing.signDocument(doc.id, { key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
    }
  } finally {
    await station.close();
  }
});

afterAll(async () => {
  await store?.cleanup();
  await pki?.close();
  tmp?.cleanup();
});

describe('sohoa sync and report', () => {
  it('shows the queue and sends it once', async () => {
    const before = await runCli(['sync', 'status', '--json'], env);
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({ configured: true, counts: { pending: 3, synced: 0 } });

    const sent = await runCli(['sync', '--once', '--json'], env);
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout)).toEqual({ synced: 3, failed: 0, remaining: 0, blocked: null });
    expect(store.documents()).toHaveLength(3);

    const human = await runCli(['sync', 'status'], env);
    expect(human.stdout).toContain('Chờ gửi: 0 · Đang tải lên: 0 · Đang xác nhận: 0 · Đã gửi: 3 · Lỗi: 0');
    expect(human.stdout).toMatch(/Trần Thị Mai: chờ 0, đã gửi 3, lỗi 0/);
  });

  it('reports the rates as figures, JSON, CSV with the dossiers behind them, XLSX and the printed PDF', async () => {
    const report = await runCli(['report', '--from', today, '--to', today, '--json'], env);
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout).total).toMatchObject({ dossiers: 1, digitized: 1, digitizationRate: 1, electronicResults: 1, electronicResultRate: 1 });
    const table = await runCli(['report', '--from', today, '--to', today, '--lang', 'en'], env);
    expect(table.stdout).toMatch(/000\.00\.01\.H12 \(commune\)\s+1\s+100\.00% \/ 75\.00% ✓\s+100\.00%\s+0\.00%/);
    const csv = await runCli(['report', '--from', today, '--to', today, '--csv'], env);
    expect(csv.stdout.startsWith('\uFEFFMã đơn vị,Cấp,')).toBe(true);
    // After the figures, the dossiers behind them.
    expect(csv.stdout).toContain('\r\n\r\nMã hồ sơ,Mã thủ tục,');
    expect(csv.stdout).toMatch(new RegExp(`${dossier.replace(/\./g, '\\.')},2\\.000815,"Chứng thực bản sao từ bản chính giấy tờ, văn bản",000\\.00\\.01\\.H12,xã,\\d\\d:\\d\\d ngày \\d\\d/\\d\\d/\\d{4},,có,,có,có,không,`));
    const xlsx = join(tmp.path, 'bao-cao.xlsx');
    expect((await runCli(['report', '--from', today, '--to', today, '--xlsx', xlsx], env)).code).toBe(0);
    expect(existsSync(xlsx)).toBe(true);
    const pdf = join(tmp.path, 'bao-cao.pdf');
    expect((await runCli(['report', '--from', today, '--to', today, '--pdf', pdf], env)).code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exits 5 with a message that says what to do when sync cannot work', async () => {
    const unconfigured = await runCli(['sync', '--once'], { ...env, SOHOA_SYNC_URL: '', SOHOA_SYNC_CLIENT_ID: '', SOHOA_SYNC_CLIENT_SECRET: '' });
    expect(unconfigured.code).toBe(5);
    expect(unconfigured.stderr).toContain('[sync-not-configured]');
    // The secret goes in clear to no other computer: an http address beyond this one is refused.
    const insecure = await runCli(['sync', '--once', '--lang', 'en'], { ...env, SOHOA_SYNC_URL: 'http://kho.example.vn' });
    expect(insecure.code).toBe(5);
    expect(insecure.stderr).toContain('[sync-insecure-url]');
    expect(insecure.stderr).toContain('does not use https');
    const wrong = await runCli(['sync', 'status', '--lang', 'en'], { ...env, SOHOA_SYNC_CLIENT_SECRET: 'sai' });
    expect(wrong.code).toBe(0); // status alone does not call the store
    const bad = await runCli(['report', '--from', today, '--to', '2020-01-01'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--to');
  });
});
