// A camera's photo into a draft (issue 19, item 1; contract/camera.ts): stored at once, in the
// blob store and SQLite, kept as the page's original and processed behind like a scanned page —
// and refused, with a coded error and nothing changed, when it is not one (another officer's
// draft answers as a missing one; bytes that are not a JPEG; a photo too large or too small).
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMERA_PHOTO_MAX_BYTES, type MethodInput, type MethodName, type MethodOutput } from '../../electron/contract';
import { photoDpi } from '../../electron/core/capture/camera-photo';
import type { Session } from '../../electron/core/auth/session';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type RefusedCall, type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;
let db: Database.Database;
const files = tempDir('camera-photo');
const PASSWORD = 'mat-khau-thu-nghiem-2026';
let photo = '';

interface Person {
  call<M extends MethodName>(m: M, i: MethodInput<M>): Promise<MethodOutput<M>>;
}
let mai: Person;
let tam: Person;

async function person(username: string): Promise<Person> {
  const session: Session = t.station.auth.newSession();
  const p: Person = { call: (m, i) => t.call(m, i, { emit: () => {}, session }) };
  await p.call('session.login', { username, password: PASSWORD });
  return p;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pageCount = (documentId: string) => db.prepare('SELECT count(*) FROM pages WHERE document_id = ?').pluck().get(documentId) as number;
const words = (e: RefusedCall, ids: readonly string[]) => ids.reduce((text, id) => text.replaceAll(id, '‹id›'), `${e.code}|${e.message.vi}|${e.message.en}`);

beforeAll(async () => {
  t = await openTestStation();
  db = new Database(t.station.paths.database, { readonly: true });
  await t.call('users.create', { username: 'admin', displayName: 'Quản trị', role: 'admin', password: PASSWORD });
  const admin = await person('admin');
  await admin.call('users.create', { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: PASSWORD });
  await admin.call('users.create', { username: 'tam', displayName: 'Đỗ Minh Tâm', role: 'officer', password: PASSWORD });
  [mai, tam] = [await person('mai'), await person('tam')];
  // A page as a 1280 × 960 camera sees it: an A4 of Vietnamese text on the desk, as JPEG.
  const text = join(files.path, 'page.png');
  await vietnamesePage(text, { dpi: 100, mode: 'color' });
  const page = await sharp(text).flatten({ background: '#f7f4ec' }).resize({ height: 900 }).toBuffer();
  await sharp({ create: { width: 1280, height: 960, channels: 3, background: '#5b4a3a' } })
    .composite([{ input: page, gravity: 'centre' }])
    .jpeg({ quality: 90 })
    .toFile((photo = join(files.path, 'photo.jpg')));
}, 120_000);

afterAll(async () => {
  db?.close();
  await t?.close();
  files.cleanup();
});

describe('capture.photo', () => {
  it('stores the photo at once as a draft page, kept as its original, and processes it behind', async () => {
    const bytes = await sharp(photo).toBuffer();
    const first = await mai.call('capture.photo', { jpeg: bytes.toString('base64'), camera: 'Máy chiếu vật thể USB', paper: 'a4' });
    // On disk and in SQLite before the answer: the page row, its blob, its original.
    expect(first.page.seq).toBe(1);
    expect(first.page.mediaType).toBe('image/jpeg');
    expect(first.page.sha256).toBe(sha(bytes));
    expect([first.page.widthPx, first.page.heightPx]).toEqual([1280, 960]);
    expect(first.page.dpi).toBe(photoDpi(1280, 960, 'a4'));
    expect(db.prepare('SELECT original_sha256 FROM page_steps WHERE page_id = ?').pluck().get(first.page.id)).toBe(sha(bytes));
    expect(db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').pluck().get(sha(bytes))).toBe(1);
    const draft = await mai.call('documents.get', { id: first.documentId });
    expect(draft.status).toBe('draft');
    expect(first.jobId).toBe(`camera:${first.documentId}`);

    // The next photo goes into the same draft, after the first.
    const second = await mai.call('capture.photo', { documentId: first.documentId, jpeg: bytes.toString('base64') });
    expect(second.documentId).toBe(first.documentId);
    expect(second.page.seq).toBe(2);

    // The imaging pipeline replaced the images behind; the photos stay the pages' originals.
    await t.station.background.settled(first.documentId);
    expect(db.prepare('SELECT count(*) FROM pending_imaging WHERE document_id = ?').pluck().get(first.documentId)).toBe(0);
    const steps = await mai.call('pages.steps', { pageId: first.page.id });
    expect(steps.automatic.profile).toBe('default');
    expect(db.prepare('SELECT original_sha256 FROM page_steps WHERE page_id = ?').pluck().get(first.page.id)).toBe(sha(bytes));
    // And the draft saves into a record like a scan.
    const saved = await mai.call('documents.finish', { id: first.documentId, ocr: 'skip', metadata: { title: 'Sổ đăng ký khai sinh' } });
    expect(saved.pageCount).toBe(2);
  }, 120_000);

  it('answers for another officer’s draft exactly as for a missing one, and stores nothing', async () => {
    const bytes = (await sharp(photo).toBuffer()).toString('base64');
    const own = await mai.call('capture.photo', { jpeg: bytes });
    const missing = '019a0000-0000-7000-8000-000000000000';
    const stranger = await refused(tam.call('capture.photo', { documentId: own.documentId, jpeg: bytes }));
    const none = await refused(tam.call('capture.photo', { documentId: missing, jpeg: bytes }));
    expect(stranger.code).toBe('not-found');
    expect(words(stranger, [own.documentId, missing])).toBe(words(none, [own.documentId, missing]));
    expect(pageCount(own.documentId)).toBe(1);
  }, 60_000);

  it('refuses what is not a JPEG photo with a coded error that says what to do, and changes nothing', async () => {
    const draft = await mai.call('capture.photo', { jpeg: (await sharp(photo).toBuffer()).toString('base64') });
    const before = db.prepare('SELECT count(*) FROM blobs').pluck().get();
    const png = await sharp(photo).png().toBuffer();
    const jpeg = await sharp(photo).toBuffer();
    const cases: [string, Buffer, string][] = [
      ['text', Buffer.from('không phải ảnh — not an image'), 'camera-photo-not-jpeg'],
      ['a PNG', png, 'camera-photo-not-jpeg'],
      ['a JPEG cut short', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'camera-photo-not-jpeg'],
      ['a JPEG header on noise', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 7)]), 'camera-photo-not-jpeg'],
      ['a thumbnail', await sharp(photo).resize(320, 240).jpeg().toBuffer(), 'camera-photo-too-small'],
      ['more than the limit', Buffer.concat([jpeg, Buffer.alloc(CAMERA_PHOTO_MAX_BYTES)]), 'camera-photo-too-large'],
    ];
    for (const [what, bytes, code] of cases) {
      const e = await refused(mai.call('capture.photo', { documentId: draft.documentId, jpeg: bytes.toString('base64') }));
      expect(e.code, what).toBe(code);
      expect(e.message.vi, what).toMatch(/Bấm|Chọn/);
      expect(e.message.en, what).toMatch(/Press|Choose/);
    }
    // Nothing changed: the draft has its one page, no file was added to the store.
    expect(pageCount(draft.documentId)).toBe(1);
    expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(before);
  }, 60_000);

  it('takes the resolution from the paper under the camera', () => {
    expect(photoDpi(4000, 3000, 'a4')).toBe(342);
    expect(photoDpi(1280, 960, 'a5')).toBe(155);
    expect(photoDpi(640, 480, 'a3')).toBe(50); // the lowest the contract takes
    expect(photoDpi(640, 480, 'auto')).toBe(55);
  });
});
