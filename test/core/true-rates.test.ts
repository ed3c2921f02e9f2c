// The 766 rates from each procedure's required components (issue 21), on real stations and the
// reference provincial store: a dossier of each shape counted as the index defines it, every figure
// opening to its dossiers with what each lacks, and a catalogue change that does not rewrite history.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RateDossier, vietnamToday } from '../../electron/contract';
import { judgeDossier } from '../../electron/core/reports/dossier-judgement';
import { monthsOf } from '../../electron/core/reports/trend';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { DATABASE_FILE } from '../provincial-store/database';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';

const OWNER = '049080001234';
const RESULTS = join(__dirname, '..', '..', 'test-results');
const BIRTH = '1.001193'; // TP01–TP03 required, TP04 optional
const today = vietnamToday();
const code = (n: number) => `000.00.01.H12-${today.slice(2).replace(/-/g, '')}-${String(n).padStart(4, '0')}`;

let tmp: ReturnType<typeof tempDir>;
let pki: TestPki;
let store: ProvincialStore;
let here: TestStation;
let elsewhere: TestStation;
let page: string;
let storedCardId: string;

const env = () => ({ ...process.env, SOHOA_SYNC_URL: store.url, SOHOA_SYNC_CLIENT_ID: DEFAULT_CLIENT.id, SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret });
const key = () => ({ kind: 'p12' as const, path: pki.signer.p12, password: pki.p12Password });

async function component(t: TestStation, dossierCode: string, componentCode: string, extra: Record<string, unknown> = {}) {
  return t.call('documents.import', { paths: [page], dpi: 100, ocr: 'skip', metadata: { dossierCode, procedureCode: BIRTH, kind: 'component', componentCode, title: `Thành phần ${componentCode}`, ...extra } });
}

async function result(t: TestStation, dossierCode: string) {
  return t.call('documents.import', { paths: [page], dpi: 100, ocr: 'skip', metadata: { dossierCode, procedureCode: BIRTH, kind: 'result', title: 'Giấy khai sinh (kết quả)' } });
}

beforeAll(async () => {
  tmp = tempDir('true-rates');
  pki = await createTestPki();
  store = await startProvincialStore();
  page = join(tmp.path, 'page.png');
  await sharp({ create: { width: 300, height: 420, channels: 3, background: '#f4f1ea' } }).png().toFile(page);
  here = await openTestStation({ env: env() });
  elsewhere = await openTestStation({ env: env() });
  for (const t of [here, elsewhere]) await t.call('settings.update', { unitCode: '000.00.01.H12', level: 'xa' });
  // The owner's ID card, digitized at another station and kept by the provincial store.
  const card = await elsewhere.call('documents.import', {
    paths: [page],
    ocr: 'skip',
    metadata: { title: 'Căn cước công dân', docTypeCode: 'CCCD', ownerIdNumber: OWNER, ownerName: 'Nguyễn Văn Đức', issueDate: '2021-06-01', validUntil: '2036-06-01' },
  });
  await elsewhere.call('documents.sign', { id: card.id, key: key(), level: 'B-B', visible: false });
  expect(await elsewhere.call('sync.run', {})).toMatchObject({ synced: 1 });
  storedCardId = card.id;
});

afterAll(async () => {
  await here?.close();
  await elsewhere?.close();
  await store?.stop();
  await pki?.close();
  tmp?.cleanup();
});

describe('the digitization rate from each procedure’s checklist', () => {
  const judged = new Map<string, RateDossier>();

  it('counts each shape of dossier as the index defines it', async () => {
    // 1: every required component, the ID card reused from the provincial store.
    await here.call('dossiers.open', { code: code(1), procedureCode: BIRTH, issuesResult: false });
    await component(here, code(1), 'TP01');
    await component(here, code(1), 'TP02');
    const offered = await here.call('reuse.candidates', { ownerIdNumber: OWNER, online: true });
    if (offered.province.status !== 'ok') throw new Error(`the store did not answer: ${offered.province.status}`);
    const remote = offered.province.documents.find((d) => d.documentId === storedCardId)!;
    await here.call('reuse.attach', { dossierCode: code(1), componentCode: 'TP03', remote: { documentId: remote.documentId, version: remote.version, ownerIdNumber: OWNER } });
    // 2: TP02 never digitized.
    await here.call('dossiers.open', { code: code(2), procedureCode: BIRTH, issuesResult: false });
    await component(here, code(2), 'TP01');
    await component(here, code(2), 'TP03');
    // 3: the optional TP04 absent (fine); TP03 scanned outside the checklist but of a type it names.
    await here.call('dossiers.open', { code: code(3), procedureCode: BIRTH, issuesResult: false });
    await component(here, code(3), 'TP01');
    await component(here, code(3), 'TP02');
    await here.call('documents.import', { paths: [page], dpi: 100, ocr: 'skip', metadata: { dossierCode: code(3), title: 'CCCD', docTypeCode: 'CCCD' } });
    // 4: a result issued but not digitized.
    await here.call('dossiers.open', { code: code(4), procedureCode: BIRTH, issuesResult: true });
    for (const c of ['TP01', 'TP02', 'TP03']) await component(here, code(4), c);
    // 5: the result digitized and acknowledged by the store; 6: digitized, not yet sent.
    for (const n of [5, 6]) {
      await here.call('dossiers.open', { code: code(n), procedureCode: BIRTH, issuesResult: true });
      for (const c of ['TP01', 'TP02', 'TP03']) await component(here, code(n), c);
      const r = await result(here, code(n));
      if (n === 5) {
        await here.call('documents.sign', { id: r.id, key: key(), level: 'B-B', visible: false });
        expect(await here.call('sync.run', {})).toMatchObject({ synced: 1 });
      }
    }
    // 7: saved on the scan screen with a dossier code and no procedure.
    await here.call('documents.import', { paths: [page], dpi: 100, ocr: 'skip', metadata: { dossierCode: code(7), title: 'Đơn đề nghị' } });

    const report = await here.call('reports.rates', { from: today, to: today });
    expect(report.total).toMatchObject({
      dossiers: 7,
      digitized: 4, // 1, 3, 5, and 6 (its result is digitized; being sent is the electronic rate's business)
      issuingResult: 3,
      electronicResults: 1,
      resultsAwaitingStore: 1,
      reused: 1,
      unknownProcedure: 1,
    });
    expect(report.total.digitizationRate).toBeCloseTo(4 / 7, 10);
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ unitCode: '000.00.01.H12', level: 'xa', dossiers: 7, target: 0.75, meetsTarget: false });

    const all = await here.call('reports.rateDossiers', { from: today, to: today, filter: 'received' });
    expect(all.total).toBe(7);
    for (const d of all.dossiers) judged.set(d.code, d);
    expect(judged.get(code(1))).toMatchObject({ digitized: true, reused: true, missing: [], procedureName: 'Đăng ký khai sinh', catalogueVersion: '2026.1' });
    expect(judged.get(code(2))).toMatchObject({ digitized: false, missing: [{ code: 'TP02', name: 'Giấy chứng sinh' }] });
    expect(judged.get(code(3))).toMatchObject({ digitized: true, missing: [] });
    expect(judged.get(code(4))).toMatchObject({ digitized: false, missing: [], issuesResult: true, resultDigitized: false });
    expect(judged.get(code(5))).toMatchObject({ digitized: true, electronicResult: true, resultAwaitingStore: false });
    expect(judged.get(code(6))).toMatchObject({ digitized: true, electronicResult: false, resultAwaitingStore: true });
    expect(judged.get(code(7))).toMatchObject({ digitized: false, unknownProcedure: true, procedureCode: null });
  });

  it('opens each figure to the dossiers behind its numerator and denominator', async () => {
    const codes = async (filter: Parameters<typeof here.call<'reports.rateDossiers'>>[1]['filter']) =>
      (await here.call('reports.rateDossiers', { from: today, to: today, filter })).dossiers.map((d) => d.code).sort();
    expect(await codes('digitized')).toEqual([code(1), code(3), code(5), code(6)]);
    expect(await codes('not-digitized')).toEqual([code(2), code(4), code(7)]);
    expect(await codes('issuing-result')).toEqual([code(4), code(5), code(6)]);
    expect(await codes('no-electronic-result')).toEqual([code(4), code(6)]);
    expect(await codes('reused')).toEqual([code(1)]);
    expect(await codes('unknown-procedure')).toEqual([code(7)]);
    // One row of the report, a page at a time.
    const row = await here.call('reports.rateDossiers', { from: today, to: today, filter: 'received', unitCode: '000.00.01.H12', level: 'xa', limit: 2, offset: 2 });
    expect(row).toMatchObject({ total: 7 });
    expect(row.dossiers).toHaveLength(2);
    expect((await here.call('reports.rateDossiers', { from: today, to: today, filter: 'received', unitCode: 'khác', level: 'xa' })).total).toBe(0);
  });

  it('checks what it counts as sent against the store’s receipts, and names what the store lost', async () => {
    const agreed = await here.call('reports.reconcile', { from: today, to: today });
    expect(agreed).toMatchObject({ checked: 1, confirmed: 1, problems: [] });
    // The store is restored from a backup older than dossier 5's result.
    const sent = store.documents().find((v) => v.documentId !== storedCardId)!;
    await store.stop();
    const db = new Database(join(store.dataDir, DATABASE_FILE));
    try {
      db.prepare('DELETE FROM versions WHERE document_id = ?').run(sent.documentId);
    } finally {
      db.close();
    }
    await store.start();
    const lost = await here.call('reports.reconcile', { from: today, to: today });
    expect(lost).toMatchObject({ checked: 1, confirmed: 0, problems: [{ documentId: sent.documentId, dossierCode: code(5), kind: 'result', version: 1, problem: 'missing-at-store' }] });
    // With the store down, the check says so rather than guessing.
    await store.stop();
    await expect(here.call('reports.reconcile', { from: today, to: today })).rejects.toMatchObject({ wire: { code: expect.stringMatching(/^sync-/) } });
    await store.start();
  });

  it('prints the report the province asks for, with the dossiers behind it, and the trend by month', async () => {
    await here.call('settings.update', { agencyName: 'Ủy ban nhân dân xã Hòa Thuận' });
    const file = await here.call('reports.file', { from: `${today.slice(0, 8)}01`, to: today, format: 'pdf', lang: 'vi' });
    expect(file).toMatchObject({ mediaType: 'application/pdf', filename: expect.stringMatching(/\.pdf$/) });
    const pdf = join(tmp.path, 'bao-cao.pdf');
    writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    // Kept beside the screenshots, to be looked at (pdftoppm renders it).
    mkdirSync(RESULTS, { recursive: true });
    copyFileSync(pdf, join(RESULTS, 'rates-report.pdf'));
    execFileSync('qpdf', ['--check', pdf], { stdio: 'pipe' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const words of ['ỦY BAN NHÂN DÂN XÃ HÒA THUẬN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'II. Tỷ lệ số hóa theo tháng', 'NGƯỜI LẬP BÁO CÁO', 'THỦ TRƯỞNG ĐƠN VỊ'])
      expect(text).toContain(words);
    expect(text).toMatch(/III\. Hồ sơ chưa được số hóa \(3\)/);
    expect(text).toMatch(new RegExp(`${code(2).replace(/\./g, '\\.')}.*thiếu TP02`));
    expect(text).toMatch(new RegExp(`${code(7).replace(/\./g, '\\.')}.*không xác định thủ tục`));
    expect(text).toMatch(/Tổng cộng\s+7\s+4\s+57,14%/); // a decimal comma
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/LiberationSerif/);
    expect(fonts.split('\n').slice(2).filter(Boolean).every((l) => /\syes\s+yes\s/.test(l))).toBe(true); // embedded, subset

    const trend = await here.call('reports.trend', { from: `${today.slice(0, 8)}01`, to: today });
    expect(trend.months).toEqual([expect.objectContaining({ month: today.slice(0, 7), total: expect.objectContaining({ dossiers: 7, digitized: 4 }) })]);
  });

  it('keeps the checklist a dossier was received with when the catalogue changes', async () => {
    // The province adds a required component to the birth registration.
    const shipped = JSON.parse(readFileSync(join(here.station.assetsDir, 'catalogue', 'thu-tuc.json'), 'utf8')) as {
      version: string;
      procedures: { code: string; components: { code: string; name: string; required?: boolean }[] }[];
    };
    shipped.version = '2027.1';
    shipped.procedures.find((p) => p.code === BIRTH)!.components.push({ code: 'TP05', name: 'Văn bản ủy quyền', required: true });
    const file = join(tmp.path, 'thu-tuc-2027.json');
    writeFileSync(file, JSON.stringify(shipped));
    await here.call('intake.installCatalogue', { path: file });

    await here.call('dossiers.open', { code: code(8), procedureCode: BIRTH, issuesResult: false });
    for (const c of ['TP01', 'TP02', 'TP03']) await component(here, code(8), c);
    const all = await here.call('reports.rateDossiers', { from: today, to: today, filter: 'received' });
    const byCode = new Map(all.dossiers.map((d) => [d.code, d]));
    // Received before: still judged by the edition it came under; received after: by the new one.
    expect(byCode.get(code(3))).toMatchObject({ digitized: true, catalogueVersion: '2026.1' });
    expect(byCode.get(code(8))).toMatchObject({ digitized: false, catalogueVersion: '2027.1', missing: [{ code: 'TP05', name: 'Văn bản ủy quyền' }] });
    // The checklists at the counter agree.
    expect((await here.call('intake.checklist', { code: code(3), online: false })).items.map((i) => i.code)).toEqual(['TP01', 'TP02', 'TP03', 'TP04']);
    expect((await here.call('intake.checklist', { code: code(8), online: false })).items.map((i) => i.code)).toEqual(['TP01', 'TP02', 'TP03', 'TP04', 'TP05']);
  });
});

describe('the months of a period', () => {
  it('cuts the calendar months to the period at its ends, across a year', () => {
    expect(monthsOf('2026-11-15', '2027-01-10')).toEqual([
      { month: '2026-11', from: '2026-11-15', to: '2026-11-30' },
      { month: '2026-12', from: '2026-12-01', to: '2026-12-31' },
      { month: '2027-01', from: '2027-01-01', to: '2027-01-10' },
    ]);
    expect(monthsOf('2028-02-01', '2028-02-29')).toEqual([{ month: '2028-02', from: '2028-02-01', to: '2028-02-29' }]);
  });
});

describe('judging one dossier', () => {
  const procedure = {
    code: BIRTH,
    name: 'Đăng ký khai sinh',
    levels: [],
    components: [
      { code: 'TP01', name: 'Tờ khai', docTypeCodes: [], required: true, preset: 'a4' as const },
      { code: 'TP04', name: 'Giấy chứng nhận kết hôn', docTypeCodes: ['GCNKH'], required: false, preset: 'a4' as const },
    ],
  };
  const base = { code: 'x', procedureCode: BIRTH, unitCode: null, level: null, receivedAt: '2026-12-07T08:00:00.000+07:00', officer: null, issuesResult: false, procedure, catalogueVersion: '1', links: [] };
  const doc = (componentCode: string, ready: boolean) => ({ componentCode, docTypeCode: null, kind: 'component' as const, ready, acknowledged: false, reusedFrom: null });

  it('counts an optional component only if present: begun and unfinished, it is missing', () => {
    expect(judgeDossier({ ...base, documents: [doc('TP01', true)] })).toMatchObject({ digitized: true, missing: [] });
    expect(judgeDossier({ ...base, documents: [doc('TP01', true), doc('TP04', false)] })).toMatchObject({ digitized: false, missing: [{ code: 'TP04' }] });
    expect(judgeDossier({ ...base, documents: [doc('TP01', false)] })).toMatchObject({ digitized: false, missing: [{ code: 'TP01' }] });
  });

  it('never counts a dossier whose procedure is not known', () => {
    expect(judgeDossier({ ...base, procedure: null, documents: [doc('TP01', true)] })).toMatchObject({ digitized: false, unknownProcedure: true });
  });
});
