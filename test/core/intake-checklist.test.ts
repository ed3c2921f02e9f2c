// A dossier's checklist through the contract, on a real station: the procedure's components from
// the catalogue, the owner's still-valid ID card offered for reuse on the right component, a scan
// in progress, saved, reused; the set signed with one key; the receipt with its QR code.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '../../electron/contract';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';

let t: TestStation;
let pki: TestPki;
let tmp: ReturnType<typeof tempDir>;
const code = `000.00.01.H12-${vietnamToday().slice(2).replace(/-/g, '')}-0101`;
const owner = '049080001234';
let cardId: string;

beforeAll(async () => {
  pki = await createTestPki();
  t = await openTestStation();
  tmp = tempDir('intake-checklist');
  t.station.updateSettings({ agencyName: 'UBND xã Hòa Thuận', unitCode: '000.00.01.H12', level: 'xa', operatorName: 'Trần Thị Mai' });
  const page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 100 });
  // Digitized before: the owner's ID card (valid), and an expired paper of another type.
  cardId = (await t.station.importFiles([page], { title: 'Căn cước công dân', docTypeCode: 'CCCD', ownerIdNumber: owner, ownerName: 'Nguyễn Văn Đức', issueDate: '2021-06-01', validUntil: '2036-06-01' }, 100, { ocr: 'skip' })).id;
  await t.station.importFiles([page], { title: 'Giấy báo tử', docTypeCode: 'GBT', ownerIdNumber: owner, issueDate: '2020-01-04', validUntil: '2020-07-04' }, 100, { ocr: 'skip' });
});

afterAll(async () => {
  await t?.close();
  await pki?.close();
  tmp?.cleanup();
});

describe('the intake checklist', () => {
  it('lists the procedure’s components and offers the owner’s still-valid card where it fits', async () => {
    const list = await t.call('intake.open', { code, procedureCode: '1.000656', ownerIdNumber: owner, online: false });
    expect(list.dossier).toMatchObject({ code, procedureCode: '1.000656', unitCode: '000.00.01.H12', level: 'xa', channel: 'counter' });
    expect(list.procedure).toEqual({ code: '1.000656', name: 'Đăng ký khai tử' });
    expect(list.items.map((i) => [i.code, i.state, i.offers.map((o) => o.title)])).toEqual([
      ['TP01', 'todo', []],
      ['TP02', 'todo', []], // the expired death notice is not offered
      ['TP03', 'todo', ['Căn cước công dân']],
    ]);
    expect(list.items[2]?.offers[0]).toMatchObject({ where: 'here', attach: { documentId: cardId } });
    expect(list).toMatchObject({ complete: false, unsigned: 0, province: 'not-configured' });
    // Opening it again is harmless; with another procedure it is refused.
    await expect(t.call('intake.open', { code, procedureCode: '1.000656', online: false })).resolves.toMatchObject({ ownerIdNumber: null });
    await expect(refused(t.call('intake.open', { code, procedureCode: '1.001193', online: false }))).resolves.toMatchObject({ code: 'dossier-exists' });
  });

  it('follows each component: scanning, saved, reused; then complete', async () => {
    const meta = { dossierCode: code, procedureCode: '1.000656', kind: 'component' as const, ownerIdNumber: owner };
    const run = await t.scan({ device: 'sane:test:0', dpi: 100, mode: 'gray', pages: 1, metadata: { ...meta, componentCode: 'TP01', title: 'Tờ khai đăng ký khai tử' } });
    expect(run.outcome.name).toBe('scan.done');
    let list = await t.call('intake.checklist', { code, ownerIdNumber: owner, online: false });
    expect(list.items.map((i) => i.state)).toEqual(['scanning', 'todo', 'todo']);
    expect(list.items[0]?.document).toMatchObject({ id: run.documentId, status: 'draft', pageCount: 1 });

    await t.call('documents.finish', { id: run.documentId, ocr: 'skip' });
    const page = join(tmp.path, 'page.png');
    await t.call('documents.import', { paths: [page], dpi: 100, ocr: 'skip', metadata: { ...meta, componentCode: 'TP02', title: 'Giấy báo tử' } });
    await t.call('reuse.attach', { dossierCode: code, documentId: cardId, componentCode: 'TP03' });
    list = await t.call('intake.checklist', { code, online: false }); // the owner now comes from the dossier's documents
    expect(list.ownerIdNumber).toBe(owner);
    expect(list.items.map((i) => i.state)).toEqual(['scanned', 'scanned', 'reused']);
    expect(list.items[2]?.link).toMatchObject({ documentId: cardId, reused: true });
    expect(list.items.every((i) => i.offers.length === 0)).toBe(true);
    expect(list).toMatchObject({ complete: true, unsigned: 2 });
  });

  it('signs the set with one key, and has nothing left to sign after', async () => {
    const key = { kind: 'p12' as const, path: pki.signer.p12, password: pki.p12Password };
    const wrong = await refused(t.call('intake.signSet', { code, key: { ...key, password: 'sai' }, level: 'B-B', visible: false }));
    expect(wrong.code).toMatch(/password|pin/);
    expect((await t.call('intake.checklist', { code, online: false })).unsigned).toBe(2); // nothing half-signed

    const list = await t.call('intake.signSet', { code, key, level: 'B-B', visible: false });
    expect(list.items.map((i) => i.state)).toEqual(['signed', 'signed', 'reused']);
    expect(list.unsigned).toBe(0);
    await expect(refused(t.call('intake.signSet', { code, key, level: 'B-B' }))).resolves.toMatchObject({ code: 'nothing-to-sign' });
  });

  it('makes the receipt: who, when, each component and a QR code of the dossier code', async () => {
    const r = await t.call('intake.receipt', { code });
    expect(r).toMatchObject({ code, procedure: { code: '1.000656' }, agencyName: 'UBND xã Hòa Thuận', unitCode: '000.00.01.H12' });
    // The citizen: the owner id of the dossier, and the name the reused card gives that owner.
    expect(r).toMatchObject({ ownerIdNumber: owner, ownerName: 'Nguyễn Văn Đức' });
    expect(r.issuedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$/);
    expect(r.components.map((c) => [c.code, c.state, c.pageCount])).toEqual([['TP01', 'signed', 1], ['TP02', 'signed', 1], ['TP03', 'reused', null]]);
    expect(r.components[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.qr.length).toBeGreaterThanOrEqual(21);
    expect(r.officer.length).toBeGreaterThan(0);
  });
});
