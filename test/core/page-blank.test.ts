// Blank pages, with real images: pure white, near white with scanner noise and dust (blank), a
// page with a little text and a uniformly dark page (not blank) — through the analysis and the
// pipeline; a pure-white scan from the SANE test backend marked blank on its PageInfo (what the
// page grid and the review show); and archive QC, which names blank pages and will not approve
// them unseen (a 10-blank-page document was once approved).
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../electron/contract';
import { analysePage } from '../../electron/core/imaging/analysis';
import { processPage } from '../../electron/core/imaging/apply';
import { blankPageSvg, textPageSvg } from '../fixtures/archive/sheets';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

const DPI = 200;
const A4 = { width: Math.round((210 / 25.4) * DPI), height: Math.round((297 / 25.4) * DPI) };
let tmp: ReturnType<typeof tempDir>;
const files: Record<'white' | 'dusty' | 'text' | 'dark', string> = { white: '', dusty: '', text: '', dark: '' };

/** Near-white paper as a scanner gives it: grey 245 ± sensor noise, and a few specks of dust. */
async function dustyPage(path: string): Promise<string> {
  const { width, height } = A4;
  const data = Buffer.alloc(width * height);
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < data.length; i++) data[i] = 245 + Math.round((random() - 0.5) * 12);
  for (const [x, y] of [[300, 400], [1200, 900], [900, 2000], [1500, 2200]] as const)
    for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) data[(y + dy) * width + x + dx] = 90;
  await sharp(data, { raw: { width, height, channels: 1 } }).withMetadata({ density: DPI }).png().toFile(path);
  return path;
}

beforeAll(async () => {
  tmp = tempDir('page-blank');
  files.white = join(tmp.path, 'white.png');
  await sharp({ create: { ...A4, channels: 3, background: '#ffffff' } }).png().toFile(files.white);
  files.dusty = await dustyPage(join(tmp.path, 'dusty.png'));
  files.text = join(tmp.path, 'text.png');
  await sharp(Buffer.from(textPageSvg(['Trang 2/3'], DPI))).flatten({ background: '#fff' }).png().toFile(files.text);
  files.dark = join(tmp.path, 'dark.png');
  await sharp({ create: { ...A4, channels: 3, background: '#202020' } }).png().toFile(files.dark);
}, 60_000);
afterAll(() => tmp?.cleanup());

describe('the blank test on real images', () => {
  const options = { dpi: DPI, orientation: true, deskew: true, findPaper: false, trimBorders: true, blankSensitivity: 0.5, splitSpread: false };

  it('calls pure white and near white with noise and dust blank; a little text and a dark page are not', async () => {
    const verdict = async (file: string) => (await analysePage(file, options)).blank;
    expect({ white: await verdict(files.white), dusty: await verdict(files.dusty), text: await verdict(files.text), dark: await verdict(files.dark) }).toEqual({
      white: true,
      dusty: true,
      text: false,
      dark: false,
    });
  });

  it('the pipeline records the verdict in the page steps it stores (the counter profile keeps blank pages)', async () => {
    for (const [name, blank] of [['white', true], ['dusty', true], ['text', false], ['dark', false]] as const) {
      const r = await processPage({ input: { file: files[name] }, mode: 'gray', dpi: DPI, profile: 'default', workDir: tmp.path });
      expect(r.parts.map((p) => p.steps.blank), name).toEqual([blank]);
    }
    // the archive profile drops them
    expect((await processPage({ input: { file: files.white }, mode: 'gray', dpi: DPI, profile: 'archive', workDir: tmp.path })).parts).toEqual([]);
  });
});

describe('a pure-white scan on the scan screen', () => {
  let t: TestStation;
  beforeAll(async () => {
    t = await openTestStation({}, { testPicture: 'Solid white' });
  });
  afterAll(async () => t?.close());

  it('is marked blank on the page the grid and the review read, once processed', async () => {
    const run = await t.scan({ device: 'sane:test:0', dpi: 100, mode: 'gray', pages: 2 });
    expect(run.outcome.name).toBe('scan.done');
    await t.station.background.settled(run.documentId);
    const doc = await t.call('documents.get', { id: run.documentId });
    expect(doc.pages.map((p) => p.blank)).toEqual([true, true]);
    expect((await t.call('pages.steps', { pageId: doc.pages[0]!.id })).automatic.blank).toBe(true);
    // the event the scan screen follows says so too
    const processed = run.events.filter((e) => e.name === 'scan.page-processed').flatMap((e) => (e.payload as { pages: { blank?: boolean }[] }).pages);
    expect(processed.length).toBeGreaterThan(0);
    expect(processed.every((p) => p.blank === true)).toBe(true);
  });
});

describe('archive QC', () => {
  let t: TestStation;
  type Person = { call<M extends MethodName>(m: M, i: MethodInput<M>): Promise<MethodOutput<M>> };
  const PASSWORDS = { admin: 'quan-tri-2026!', hung: 'luu-tru-vien-9', thu: 'luu-tru-vien-7' };
  async function signedIn(username: keyof typeof PASSWORDS): Promise<Person> {
    const session = t.station.auth.newSession();
    const p: Person = { call: (m, i) => t.call(m, i, { emit: () => {}, session }) };
    await p.call('session.login', { username, password: PASSWORDS[username] });
    return p;
  }
  beforeAll(async () => {
    t = await openTestStation();
  });
  afterAll(async () => t?.close());

  it('names the blank pages of a document and approves it only when the checker keeps them knowingly', async () => {
    await t.call('users.create', { username: 'admin', displayName: 'Quản trị', role: 'admin', password: PASSWORDS.admin });
    const admin = await signedIn('admin');
    await admin.call('users.create', { username: 'hung', displayName: 'Lê Văn Hùng', role: 'archivist', password: PASSWORDS.hung });
    await admin.call('users.create', { username: 'thu', displayName: 'Phạm Thị Thu', role: 'archivist', password: PASSWORDS.thu });
    const hung = await signedIn('hung');
    const thu = await signedIn('thu');
    const paths: string[] = [];
    for (const [i, svg] of [textPageSvg(['QUYẾT ĐỊNH số 7/QĐ-UBND', 'Về việc cấp phép'], DPI), blankPageSvg(DPI), blankPageSvg(DPI), textPageSvg(['Trang 4'], DPI)].entries()) {
      const path = join(tmp.path, `archive-${i}.png`);
      await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).withMetadata({ density: DPI }).png().toFile(path);
      paths.push(path);
    }
    paths.push(files.dusty);
    const batch = await hung.call('archive.create', { name: 'Hộp 3', separator: 'patch-t', defaults: { fonds: 'UBND xã', box: '3', retention: 'permanent' } });
    expect(await hung.call('archive.import', { batchId: batch.id, paths, dpi: DPI })).toMatchObject({ pages: 5, separators: 0, documentsStarted: 1 });
    const [doc] = await hung.call('archive.documents', { batchId: batch.id });
    expect(doc!.blankPages).toEqual([2, 3, 5]);
    await hung.call('archive.submit', { documentId: doc!.documentId, entries: { title: 'Quyết định cấp phép', issueDate: '2019-03-15' } });

    const error = await refused(thu.call('archive.review', { documentId: doc!.documentId, decision: 'approve' }));
    expect(error.code).toBe('archive-blank-pages');
    expect(error.message.vi).toMatch(/3 trang trắng \(trang 2, 3, 5\)/);
    expect((await thu.call('archive.documents', { batchId: batch.id }))[0]!.state).toBe('review'); // nothing changed
    const approved = await thu.call('archive.review', { documentId: doc!.documentId, decision: 'approve', keepBlankPages: true });
    expect(approved.state).toBe('approved');
  });
});
