// The station's memory: every create, view, export, sign and delete in an append-only hash chain
// that names any row edited, inserted or cut off; and search by code, id, name with or without
// diacritics, number or text.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';

let pki: TestPki;
let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let page: string;
let certificate: string;

beforeAll(async () => {
  pki = await createTestPki();
  tmp = tempDir('memory');
  t = await openTestStation({ env: { ...process.env, SOHOA_OPERATOR: 'Trần Thị Mai' } });
  page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 150 });
  certificate = (
    await t.call('documents.import', {
      paths: [page],
      ocr: 'wait',
      metadata: { title: 'Giấy xác nhận tình trạng hôn nhân', dossierCode: '000.00.01.H12-250123-0001', docNumber: '123/QĐ-UBND', ownerIdNumber: '049080001234', ownerName: 'Nguyễn Văn Đức' },
    })
  ).id;
  await t.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Sổ hộ khẩu', ownerName: 'Lê Thị Hoa', ownerIdNumber: '001203004567' } });
});

afterAll(async () => {
  await t?.close();
  await pki?.close();
  tmp?.cleanup();
});

describe('search', () => {
  const found = async (text: string) => (await t.call('documents.search', { text })).map((d) => d.metadata.title);

  it('finds by owner name with or without diacritics, by ids, codes, numbers and the pages’ text', async () => {
    expect(await found('Nguyễn Văn Đức')).toEqual(['Giấy xác nhận tình trạng hôn nhân']);
    expect(await found('nguyen van duc')).toEqual(['Giấy xác nhận tình trạng hôn nhân']);
    expect(await found('NGUYEN VAN')).toEqual(['Giấy xác nhận tình trạng hôn nhân']);
    expect(await found('049080001234')).toEqual(['Giấy xác nhận tình trạng hôn nhân']);
    expect(await found('000.00.01.H12-250123-0001')).toEqual(['Giấy xác nhận tình trạng hôn nhân']);
    expect(await found('000.00.01.H12-2501')).toEqual(['Giấy xác nhận tình trạng hôn nhân']); // a prefix, as typed so far
    expect(await found('123/QĐ-UBND')).toEqual(['Giấy xác nhận tình trạng hôn nhân']);
    expect(await found('le thi hoa')).toEqual(['Sổ hộ khẩu']); // the name as a phrase, not "Lệ … thi hành … Hòa"
    expect(await found('duc 049080001234')).toEqual(['Giấy xác nhận tình trạng hôn nhân']); // words in any field, any order
    // From the OCR text of the page (not in any field): "Phước Thượng", typed without marks.
    const byText = await t.call('documents.search', { text: 'phuoc thuong' });
    expect(byText.map((d) => d.id)).toEqual([certificate]);
    expect(byText[0]!.snippet).toMatch(/\[phuoc thuong\]/);
    expect(await found('khong co ai ten nay')).toEqual([]);
    expect(await found('"; DROP TABLE documents; --')).toEqual([]); // typed text is never FTS syntax
  });
});

describe('audit', () => {
  it('records create, view, export, sign and delete with the actor, and the chain verifies', async () => {
    await t.call('documents.get', { id: certificate });
    await t.call('documents.export', { id: certificate, path: join(tmp.path, 'out.pdf') });
    await t.call('documents.sign', { id: certificate, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
    const rows = await t.call('audit.list', { documentId: certificate });
    expect(rows.map((r) => r.action).reverse()).toEqual(['create', 'view', 'export', 'sign']);
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set(['Trần Thị Mai']));
    expect(rows[0]!.details).toMatchObject({ signer: 'Nguyễn Văn An', level: 'B-B', version: 1 });
    expect(rows.every((r) => r.at.endsWith('+07:00'))).toBe(true);
    expect(await t.call('audit.verify', {})).toMatchObject({ ok: true, problems: [] });
  });

  it('cannot be changed by the station itself', () => {
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    try {
      expect(() => db.prepare("UPDATE audit SET actor = 'ai đó' WHERE seq = 1").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit WHERE seq = 1').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('names the rows someone edited, removed or cut off the end, and sohoa audit verify exits 4', async () => {
    // Someone with the database open in another tool, triggers dropped.
    const tampered = tempDir('audit-tampered');
    try {
      const dataDir = join(tampered.path, 'data');
      const s = await openTestStation({ dataDir, env: { ...process.env, SOHOA_OPERATOR: 'Cán bộ A' } });
      for (let i = 0; i < 3; i++) await s.call('documents.import', { paths: [page], ocr: 'skip' });
      const ids = (await s.call('documents.list', { limit: 10 })).map((d) => d.id);
      for (const id of ids) await s.call('documents.get', { id }); // rows 4–6
      await s.close();
      const env = { ...process.env, SOHOA_DATA_DIR: dataDir };
      const clean = await runCli(['audit', 'verify', '--json'], env);
      expect(clean.code, clean.stderr).toBe(0);
      expect(JSON.parse(clean.stdout)).toMatchObject({ ok: true, rows: 6 });

      const db = new Database(join(dataDir, 'station.sqlite'));
      db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
      db.prepare("UPDATE audit SET actor = 'Người khác' WHERE seq = 2").run();
      db.prepare('DELETE FROM audit WHERE seq = 4').run();
      db.prepare('DELETE FROM audit WHERE seq = 6').run();
      db.close();

      const broken = await runCli(['audit', 'verify', '--json'], env);
      expect(broken.code).toBe(4);
      const verdict = JSON.parse(broken.stdout) as { ok: boolean; problems: { seq: number; kind: string }[] };
      expect(verdict.ok).toBe(false);
      expect(verdict.problems.map((p) => `${p.seq}:${p.kind}`)).toEqual(['2:edited', '5:broken-link', '6:missing-tail']);
      expect(broken.stderr).toContain('[audit-broken]');
      const human = await runCli(['audit', 'verify', '--lang', 'en'], env);
      expect(human.stdout).toMatch(/#2 edited[\s\S]*#5 broken-link[\s\S]*#6 missing-tail/);
    } finally {
      tampered.cleanup();
    }
  });
});
