// Reuse offers in the intake checklist, on a real station with accounts: offered only for the
// components the procedure lets an earlier paper stand for (never "Bản chính … cần chứng thực"),
// each paper once, with what identifies it (number, issuer, dates, page 1 when it is here); and a
// reuse taken back off a dossier by the officer who received it — not by a colleague who may not
// touch that dossier — with an audit row, the record itself untouched.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReuseCandidates, vietnamToday } from '../../electron/contract';
import type { Session } from '../../electron/core/auth/session';
import { offersFor } from '../../electron/core/intake/checklist';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let mai: Session;
let tam: Session;
let lan: Session;
let cardId: string;
const day = vietnamToday().slice(2).replace(/-/g, '');
const owner = '049080001234';
const as = (session: Session) => ({ emit: () => {}, session });

beforeAll(async () => {
  t = await openTestStation();
  tmp = tempDir('intake-reuse-offers');
  t.station.updateSettings({ agencyName: 'UBND xã Hòa Thuận', unitCode: '000.00.01.H12', level: 'xa' });
  const admin = { userId: null, name: 'test', role: 'admin' as const };
  await t.station.auth.createUser(admin, { username: 'quantri', displayName: 'Quản trị', role: 'admin', password: 'quan-tri-2026!' });
  const people = [['mai', 'Trần Thị Mai', 'officer'], ['tam', 'Lê Văn Tâm', 'officer'], ['lan', 'Phạm Thị Lan', 'supervisor']] as const;
  for (const [username, displayName, role] of people) await t.station.auth.createUser(admin, { username, displayName, role, password: `mot-cua-${username}-1` });
  const login = async (username: string) => {
    const session = t.station.auth.newSession();
    await t.call('session.login', { username, password: `mot-cua-${username}-1` }, as(session));
    return session;
  };
  [mai, tam, lan] = [await login('mai'), await login('tam'), await login('lan')];
  const page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 100 });
  // Mai digitized the owner's ID card at an earlier visit, and (for a certification) an original
  // under the component's own name — a paper that must never be reused.
  const card = { title: 'Căn cước công dân', docTypeCode: 'CCCD', ownerIdNumber: owner, ownerName: 'Nguyễn Văn Đức', docNumber: '049080001234', issuer: 'Cục Cảnh sát QLHC về TTXH', issueDate: '2021-06-01', validUntil: '2036-06-01' };
  cardId = (await t.call('documents.import', { paths: [page], dpi: 100, ocr: 'skip', metadata: card }, as(mai))).id;
  await t.call('documents.import', { paths: [page], dpi: 100, ocr: 'skip', metadata: { title: 'Bản chính giấy tờ, văn bản cần chứng thực', ownerIdNumber: owner } }, as(mai));
});

afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

describe('reuse offers at the counter', () => {
  it('offers the card on the id component only, with its number, issuer, dates and page 1', async () => {
    const list = await t.call('intake.open', { code: `000.00.01.H12-${day}-0501`, procedureCode: '1.000656', ownerIdNumber: owner, online: false }, as(mai));
    expect(list.items.map((i) => [i.code, i.reusable, i.offers.length])).toEqual([
      ['TP01', false, 0], // the form filled in for this dossier
      ['TP02', true, 0], // a death notice: reusable, but the owner has none
      ['TP03', true, 1],
    ]);
    const offer = list.items[2]!.offers[0]!;
    expect(offer).toMatchObject({ where: 'here', title: 'Căn cước công dân', docTypeCode: 'CCCD', docNumber: '049080001234', issuer: 'Cục Cảnh sát QLHC về TTXH', issueDate: '2021-06-01', validUntil: '2036-06-01', attach: { documentId: cardId } });
    const pages = t.station.documents.pages(cardId);
    expect(offer.firstPage).toEqual({ id: pages[0]!.id, sha256: pages[0]!.sha256 });
    // A scan of the id component is recorded as its type, so that it can be reused next time.
    expect(list.items[2]).toMatchObject({ docTypeCode: 'CCCD' });
  });

  it('never offers a paper for a component that must be presented in the original', async () => {
    const list = await t.call('intake.open', { code: `000.00.01.H12-${day}-0502`, procedureCode: '2.000815', ownerIdNumber: owner, online: false }, as(mai));
    expect(list.items.map((i) => [i.name, i.reusable, i.offers.length])).toEqual([
      ['Bản chính giấy tờ, văn bản cần chứng thực', false, 0],
      ['Bản sao cần chứng thực', false, 0],
    ]);
  });

  it('offers a paper on one component only where a procedure asks for two of its kind', async () => {
    // Đăng ký kết hôn: the groom's and the bride's ID cards (TP03, TP04).
    const code = `000.00.01.H12-${day}-0504`;
    let list = await t.call('intake.open', { code, procedureCode: '1.000894', ownerIdNumber: owner, online: false }, as(mai));
    expect(list.items.map((i) => [i.code, i.offers.map((o) => o.key)])).toEqual([['TP01', []], ['TP02', []], ['TP03', [cardId]], ['TP04', []]]);
    // Scanned for the first one: offered on the second then.
    await t.call('documents.import', { paths: [join(tmp.path, 'page.png')], dpi: 100, ocr: 'skip', metadata: { dossierCode: code, componentCode: 'TP03', title: 'Căn cước công dân của bên nam' } }, as(mai));
    list = await t.call('intake.checklist', { code, ownerIdNumber: owner, online: false }, as(mai));
    expect(list.items.map((i) => [i.code, i.offers.map((o) => o.key)])).toEqual([['TP01', []], ['TP02', []], ['TP03', []], ['TP04', [cardId]]]);
  });

  it('offers each paper once: the newest version of a record, and a paper kept here before the province’s copy', () => {
    const component = { code: 'TP03', name: 'Căn cước công dân', docTypeCodes: ['CCCD'], required: true, preset: 'id-card' as const };
    const remote = (documentId: string, version: number, docNumber: string) => ({
      documentId, version, docNumber, sha256: 'a'.repeat(64), bytes: 1, storedAt: '2026-01-01T08:00:00+07:00', title: 'Căn cước công dân', kind: 'component', docTypeCode: 'CCCD', issueDate: '2021-06-01', issuer: null, validUntil: null, ownerName: null, unitCode: null,
    });
    const local = t.station.documents.summary(cardId)!;
    const found: ReuseCandidates = {
      owner: null,
      local: [local],
      // The same card, sent from another station; another record in two versions.
      province: { status: 'ok', documents: [remote('r-1', 1, '049080001234'), remote('r-2', 1, '001'), remote('r-2', 2, '001')] },
    };
    const offers = offersFor(component, found, owner, []);
    expect(offers.map((o) => [o.where, o.key])).toEqual([['here', cardId], ['province', 'r-2:2']]);
    // Not for a component whose procedure names no document type.
    expect(offersFor({ ...component, docTypeCodes: [], name: 'Căn cước công dân' }, found, owner, [])).toEqual([]);
  });

  it('takes a reuse back off the dossier for the officer who received it, and for no colleague', async () => {
    const code = `000.00.01.H12-${day}-0503`;
    await t.call('intake.open', { code, procedureCode: '1.000656', ownerIdNumber: owner, online: false }, as(mai));
    const link = await t.call('reuse.attach', { dossierCode: code, componentCode: 'TP03', documentId: cardId, ownerIdNumber: owner }, as(mai));
    expect((await t.call('intake.checklist', { code, ownerIdNumber: owner, online: false }, as(mai))).items[2]).toMatchObject({ state: 'reused', link: { id: link.id } });

    // Tâm did not receive this dossier: to him it does not exist, and the link stays.
    await expect(refused(t.call('reuse.detach', { dossierCode: code, linkId: link.id }, as(tam)))).resolves.toMatchObject({ code: 'dossier-not-found' });
    expect(t.station.reuse.links(code)).toHaveLength(1);

    await expect(t.call('reuse.detach', { dossierCode: code, linkId: link.id }, as(mai))).resolves.toMatchObject({ id: link.id, documentId: cardId, componentCode: 'TP03' });
    const list = await t.call('intake.checklist', { code, ownerIdNumber: owner, online: false }, as(mai));
    expect(list.items[2]).toMatchObject({ state: 'todo', link: null });
    expect(list.items[2]!.offers.map((o) => o.key)).toEqual([cardId]); // offered again
    expect(t.station.documents.summary(cardId)).toMatchObject({ status: 'ready' }); // the record stays
    const audit = await t.call('audit.list', { limit: 20 }, as(lan));
    expect(audit.find((e) => e.action === 'reuse-detach')).toMatchObject({ documentId: cardId, actor: 'Trần Thị Mai' });

    // Gone already: said so, with what to do.
    const again = await refused(t.call('reuse.detach', { dossierCode: code, linkId: link.id }, as(mai)));
    expect(again).toMatchObject({ code: 'reuse-link-not-found' });
    expect(again.message.vi).toMatch(/Mở lại hồ sơ/);
  });
});
