// Indexing and the QC pass through the dispatcher, each person at their own session: entries kept
// as typed, validation by the records layer's rules (dates, personal ids, dossier codes), a second
// archivist approves or sends back, and an approved document is a ready record with its archival
// fields and `legacy`. OCR offers a date and an id number found on the first page.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../electron/contract';
import { hintsFromText } from '../../electron/core/archive/ocr-hints';
import { patchSheetSvg, textPageSvg } from '../fixtures/archive/sheets';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
const PASSWORDS = { admin: 'quan-tri-2026!', hung: 'luu-tru-vien-9', thu: 'luu-tru-vien-7', mai: 'mot-cua-xa-hoa' };
type Person = { call<M extends MethodName>(m: M, i: MethodInput<M>): Promise<MethodOutput<M>> };

async function signedIn(username: keyof typeof PASSWORDS): Promise<Person> {
  const session = t.station.auth.newSession();
  const p: Person = { call: (m, i) => t.call(m, i, { emit: () => {}, session }) };
  await p.call('session.login', { username, password: PASSWORDS[username] });
  return p;
}

let hung: Person;
let thu: Person;
let batchId: string;
let docs: MethodOutput<'archive.documents'>;

const DECISION = ['UỶ BAN NHÂN DÂN HUYỆN ĐÔNG ANH', 'Số: 125/QĐ-UBND', 'Đông Anh, ngày 15 tháng 3 năm 2019', 'QUYẾT ĐỊNH', 'Về việc cấp giấy phép xây dựng', 'Cấp cho ông Nguyễn Văn An, số CCCD 001203004567'];

beforeAll(async () => {
  t = await openTestStation();
  tmp = tempDir('archive-qc');
  await t.call('users.create', { username: 'admin', displayName: 'Quản trị', role: 'admin', password: PASSWORDS.admin });
  const admin = await signedIn('admin');
  await admin.call('users.create', { username: 'hung', displayName: 'Lê Văn Hùng', role: 'archivist', password: PASSWORDS.hung });
  await admin.call('users.create', { username: 'thu', displayName: 'Phạm Thị Thu', role: 'archivist', password: PASSWORDS.thu });
  await admin.call('users.create', { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: PASSWORDS.mai });
  hung = await signedIn('hung');
  thu = await signedIn('thu');
  const files: string[] = [];
  for (const [i, svg] of [textPageSvg(DECISION, 200), textPageSvg(['Trang 2'], 200), patchSheetSvg('T', 200), textPageSvg(['Hồ sơ thứ hai'], 200)].entries())
    files.push(await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).withMetadata({ density: 200 }).png().toFile(join(tmp.path, `s${i}.png`)).then(() => join(tmp.path, `s${i}.png`)));
  const batch = await hung.call('archive.create', { name: 'Phông UBND huyện — hộp 7', separator: 'patch-t', defaults: { fonds: 'UBND huyện Đông Anh', box: '7', retention: 'permanent' } });
  batchId = batch.id;
  expect(await hung.call('archive.import', { batchId, paths: files })).toMatchObject({ pages: 3, separators: 1, documentsStarted: 2 });
  docs = await hung.call('archive.documents', { batchId });
});

afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

describe('indexing', () => {
  it('keeps entries as typed, even invalid ones, and remembers where the archivist is', async () => {
    const first = docs[0]!;
    const saved = await hung.call('archive.save', { documentId: first.documentId, entries: { title: 'Giấy phép xây dựng', issueDate: '2019-02-30' } });
    expect(saved.entries).toEqual({ title: 'Giấy phép xây dựng', issueDate: '2019-02-30' });
    expect((await hung.call('archive.get', { batchId })).position).toBe(1);
    await hung.call('archive.position', { batchId, seq: 2 });
    expect((await thu.call('archive.get', { batchId })).position).toBe(2);
  });

  it('refuses a submission the records layer would refuse, naming the field', async () => {
    const id = docs[0]!.documentId;
    const cases: [Record<string, string>, string][] = [
      [{ title: 'GPXD', issueDate: '2019-02-30' }, 'entries.issueDate'],
      [{ title: 'GPXD', issueDate: '2099-01-01' }, 'entries.issueDate'],
      [{ title: 'GPXD', ownerIdNumber: '999203004567' }, 'entries.ownerIdNumber'],
      [{ title: 'GPXD', ownerIdNumber: '00120300456' }, 'entries.ownerIdNumber'],
      [{ title: 'GPXD', dossierCode: '000.00.01.H12-191332-0001' }, 'entries.dossierCode'],
      [{ title: 'GPXD', issueDate: '2019-03-15', validUntil: '2018-01-01' }, 'entries.validUntil'],
      [{ title: 'GPXD', retention: 'mãi mãi' }, 'entries.retention'],
    ];
    for (const [entries, field] of cases) {
      const e = await refused(hung.call('archive.submit', { documentId: id, entries }));
      expect(e.code, JSON.stringify(entries)).toBe('invalid-input');
      expect(e.details?.field).toBe(field);
      expect(e.message.vi).toContain('Hãy sửa');
    }
    expect((await hung.call('archive.documents', { batchId }))[0]!.state).toBe('indexing');
  });

  it('offers values OCR found on the first page, each one valid', async () => {
    const filled = await hung.call('archive.prefill', { documentId: docs[0]!.documentId });
    expect(filled.hints).toMatchObject({ issueDate: '2019-03-15', ownerIdNumber: '001203004567' });
    expect(hintsFromText('Số: 12/GP-UBND ngày 31/02/2019; mã hồ sơ 000.00.01.H12-190315-0042; CCCD 999203004567 và 079185000123')).toEqual({
      docNumber: '12/GP-UBND',
      dossierCode: '000.00.01.H12-190315-0042',
      ownerIdNumber: '079185000123',
    });
  });
});

describe('the QC pass', () => {
  const entries = { title: 'Giấy phép xây dựng', docNumber: '125/QĐ-UBND', issueDate: '2019-03-15', issuer: 'UBND huyện Đông Anh', ownerName: 'Nguyễn Văn An', ownerIdNumber: '001203004567', fileNumber: '42', physicalCondition: 'Giấy ố vàng, còn đọc được' };

  it('is someone else’s: the indexer cannot approve their own work, an officer cannot at all', async () => {
    const id = docs[0]!.documentId;
    expect((await hung.call('archive.submit', { documentId: id, entries })).state).toBe('review');
    expect((await refused(hung.call('archive.review', { documentId: id, decision: 'approve' }))).code).toBe('archive-same-person');
    const mai = await signedIn('mai');
    expect((await refused(mai.call('archive.review', { documentId: id, decision: 'approve' }))).code).toBe('forbidden');
    expect((await refused(hung.call('archive.save', { documentId: id, entries: {} }))).code).toBe('archive-wrong-state');
  });

  it('sends back with a reason, and the archivist indexes again', async () => {
    const id = docs[0]!.documentId;
    expect((await refused(thu.call('archive.review', { documentId: id, decision: 'send-back' }))).code).toBe('invalid-input');
    const back = await thu.call('archive.review', { documentId: id, decision: 'send-back', reason: 'Thiếu số hồ sơ lưu trữ' });
    expect(back).toMatchObject({ state: 'sent-back', reviewReason: 'Thiếu số hồ sơ lưu trữ', reviewedBy: 'Phạm Thị Thu', indexedBy: 'Lê Văn Hùng' });
    expect((await hung.call('archive.submit', { documentId: id, entries: { ...entries, fileNumber: '43' } })).state).toBe('review');
  });

  it('approves: a ready record with the archival fields, the batch defaults beneath, legacy for 2019', async () => {
    const id = docs[0]!.documentId;
    const approved = await thu.call('archive.review', { documentId: id, decision: 'approve' });
    expect(approved.state).toBe('approved');
    const doc = await thu.call('documents.get', { id });
    expect(doc.status).toBe('ready');
    expect(doc.pageCount).toBe(2);
    expect(doc.legacy).toBe(true);
    expect(doc.metadata).toMatchObject({ kind: 'result', title: 'Giấy phép xây dựng', issueDate: '2019-03-15', fonds: 'UBND huyện Đông Anh', box: '7', fileNumber: '43', retention: 'permanent', physicalCondition: 'Giấy ố vàng, còn đọc được', ownerIdType: 'citizen' });
    // The conversion mark names the archivist who scanned the batch, not the checker.
    expect(doc.digitizedBy).toBe('Lê Văn Hùng');
    expect((await thu.call('archive.get', { batchId })).counts).toMatchObject({ documents: 2, pages: 3, approved: 1, approvedPages: 2, indexing: 1 });
  });
});
