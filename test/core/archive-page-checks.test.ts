// The QC pass's page warnings (archive.pageChecks) on real scanned-looking pages: a straight page
// of an old decision warns of nothing; the same page fed crooked (3°) is skewed, by about the
// tilt it has; scanned with the brightness turned down it is dark; a blank sheet with its dust is
// blank (the imaging pipeline's own verdict) and not called skewed. Through the dispatcher, by an
// archivist, as the review screen asks.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../electron/contract';
import { pageQuality } from '../../electron/core/imaging/analysis/quality';
import { blankPageSvg, patchSheetSvg, textPageSvg } from '../fixtures/archive/sheets';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';

const DPI = 200;
/** A full page of prose: enough lines for the skew estimate to read the page as a reader would. */
const PROSE = Array.from({ length: 20 }, (_, i) => `Điều ${i + 1}. Ủy ban nhân dân xã cấp giấy chứng nhận cho hộ gia đình ông Nguyễn Văn An theo hồ sơ số ${125 + i}.`);

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let call: <M extends MethodName>(m: M, i: MethodInput<M>) => Promise<MethodOutput<M>>;
const files: Record<string, string> = {};

async function page(name: string, svg: string, edit: (s: sharp.Sharp) => sharp.Sharp = (s) => s): Promise<string> {
  const path = join(tmp.path, `${name}.png`);
  const flat = await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).png().toBuffer();
  await edit(sharp(flat)).flatten({ background: '#fff' }).withMetadata({ density: DPI }).png().toFile(path);
  files[name] = path;
  return path;
}

beforeAll(async () => {
  tmp = tempDir('archive-page-checks');
  t = await openTestStation();
  const session = t.station.auth.newSession();
  call = (m, i) => t.call(m, i, { emit: () => {}, session });
  await call('users.create', { username: 'admin', displayName: 'Quản trị', role: 'admin', password: 'quan-tri-2026!' });
  await call('session.login', { username: 'admin', password: 'quan-tri-2026!' });
  const prose = textPageSvg(PROSE, DPI);
  await page('straight', prose);
  // Fed crooked: turned 3° clockwise, the corners white as a feeder's background.
  await page('crooked', prose, (s) => s.rotate(3, { background: '#ffffff' }));
  // The scanner's brightness turned down: the paper reads at about 45 % of white.
  await page('dim', prose, (s) => s.linear(0.45, 0));
  await page('blank', blankPageSvg(DPI));
  await page('separator', patchSheetSvg('T', DPI));
}, 120_000);

afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

describe('page quality (imaging/analysis/quality.ts)', () => {
  it('finds nothing to say about a straight, well-lit page', async () => {
    const q = await pageQuality(files.straight!, DPI);
    expect(q).toMatchObject({ blank: false, skewed: false, dark: false });
    expect(Math.abs(q.skewDegrees)).toBeLessThan(0.3);
    expect(q.paperGrey).toBeGreaterThan(230);
  });

  it('measures the tilt of a page fed crooked', async () => {
    const q = await pageQuality(files.crooked!, DPI);
    expect(q.skewed).toBe(true);
    expect(q.skewDegrees).toBeGreaterThan(2.7);
    expect(q.skewDegrees).toBeLessThan(3.3);
    expect(q.dark).toBe(false);
  });

  it('calls a scan with the brightness turned down dark, and its text still straight', async () => {
    const q = await pageQuality(files.dim!, DPI);
    expect(q).toMatchObject({ dark: true, blank: false, skewed: false });
    expect(q.paperGrey).toBeLessThan(130);
  });

  it('gives the pipeline’s blank verdict for a blank sheet, and no tilt for a page with no text', async () => {
    expect(await pageQuality(files.blank!, DPI)).toMatchObject({ blank: true, skewed: false, dark: false, skewDegrees: 0 });
  });
});

describe('archive.pageChecks', () => {
  it('lists each page of a document in order with its warnings', async () => {
    const batch = await call('archive.create', { name: 'Kiểm tra chất lượng', separator: 'patch-t' });
    const order = ['straight', 'crooked', 'dim', 'blank', 'separator', 'straight'];
    expect(await call('archive.import', { batchId: batch.id, paths: order.map((n) => files[n]!), dpi: DPI })).toMatchObject({ pages: 5, separators: 1, documentsStarted: 2 });
    const [first, second] = await call('archive.documents', { batchId: batch.id });
    const checks = await call('archive.pageChecks', { documentId: first!.documentId });
    expect(checks.map((c) => [c.seq, c.warnings])).toEqual([
      [1, []],
      [2, ['skewed']],
      [3, ['dark']],
      [4, ['blank']],
    ]);
    expect(checks[1]!.skewDegrees).toBeCloseTo(3, 0);
    expect(checks[2]!.paperLightness).toBeLessThan(0.55);
    // asked again (the checker comes back to it): the same answer, from what was measured
    expect(await call('archive.pageChecks', { documentId: first!.documentId })).toEqual(checks);
    expect((await call('archive.pageChecks', { documentId: second!.documentId })).map((c) => c.warnings)).toEqual([[]]);
  });
});
