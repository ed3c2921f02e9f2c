// stitch.assemble through the dispatcher (issue 18): a draft whose pages are the parts of an A3
// sheet, scanned on an A4 glass as a scan stores them (each committed as captured, then processed
// behind the scanner: the capture kept as the page's original), becomes one page at the A3's true
// size, through the imaging pipeline; the report says where each part went. A draft that cannot be
// assembled is refused with what to do, and stays exactly as it was.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../electron/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeRawCapture } from '../../electron/core/capture/raw-capture';
import { uuidv7 } from '../../electron/core/ids';
import { vietnamIso } from '../../electron/core/time';
import { SHEETS, renderSheet } from '../fixtures/large-sheet';
import { cutSheet, partLook, renderPart, upsideDown } from '../fixtures/large-sheet-parts';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { alignedSsim } from '../helpers/stitch-assemble-measure';
import { createTestPki } from '../pki/test-pki';

const DPI = 100;
let t: TestStation;
let tmp: ReturnType<typeof tempDir>;

/** A draft whose pages are these captures, committed and processed as a scan does it. */
async function scannedDraft(files: readonly string[]): Promise<string> {
  const id = uuidv7();
  const { documents, blobs, background } = t.station;
  documents.createDraft(id, 'scan:test', {}, vietnamIso());
  for (const [i, file] of files.entries()) {
    const raw = await storeRawCapture(file, 'color', blobs);
    const page = background.commitRaw(id, i + 1, raw, { dpi: DPI, mode: 'color' }, 'default');
    background.queue(page.id, null);
  }
  await background.settled(id);
  return id;
}

const pagesOf = async (id: string) => (await t.call('documents.get', { id })).pages.map((p) => ({ id: p.id, sha256: p.sha256 }));

beforeAll(async () => {
  t = await openTestStation();
  tmp = tempDir('assemble-draft');
}, 120_000);
afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

describe('stitch.assemble', () => {
  it('makes a draft of four A4-glass parts one A3 page at its true size, from the parts’ captures', { timeout: 180_000 }, async () => {
    const dir = join(tmp.path, 'a3');
    const cut = await cutSheet({ sheet: SHEETS.a3, seed: 11, dpi: DPI, glass: 'a4', dir, overhangMm: 20 });
    const id = await scannedDraft(cut.parts.map((p) => p.path));
    const before = await pagesOf(id);
    expect(before).toHaveLength(4);

    // Where the assembly is, told to the caller as it moves on (stitch.progress).
    const progress: { stage: string; done: number; total: number }[] = [];
    const emit = (name: string, payload: unknown) => {
      if (name === 'stitch.progress') progress.push(payload as (typeof progress)[number]);
    };
    const { document, report } = await t.call('stitch.assemble', { documentId: id, sheet: { name: 'a3' }, seams: true }, { emit });
    const stages = progress.map((p) => p.stage).filter((st, k, all) => st !== all[k - 1]);
    expect(stages).toEqual(['reading', 'matching', 'locating', 'composing']);
    expect(progress.filter((p) => p.stage === 'reading').map((p) => `${p.done}/${p.total}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    const composed = progress.filter((p) => p.stage === 'composing');
    expect(composed.at(-1)).toMatchObject({ done: composed.at(-1)!.total });
    expect(composed.every((p, k) => k === 0 || p.done > composed[k - 1]!.done)).toBe(true);
    expect((progress as unknown[]).every((p) => (p as { documentId: string }).documentId === id)).toBe(true);
    expect(document.id).toBe(id);
    expect(document.status).toBe('draft');
    expect(document.pages).toHaveLength(1);
    const [page] = document.pages;
    const [w, h] = [(297 / 25.4) * DPI, (420 / 25.4) * DPI];
    console.log(`the stored page: ${page!.widthPx} × ${page!.heightPx} px (the sheet ${w.toFixed(1)} × ${h.toFixed(1)}); report ${JSON.stringify(report.parts.map((p) => [p.number, p.fromCapture, p.quarterTurns, p.rmsPx.toFixed(2), p.maxPx.toFixed(2)]))}`);
    expect(Math.abs(page!.widthPx - w) / w).toBeLessThanOrEqual(0.002);
    expect(Math.abs(page!.heightPx - h) / h).toBeLessThanOrEqual(0.002);
    expect(page!.dpi).toBe(DPI);

    expect(report.sheet).toMatchObject({ name: 'a3', orientation: 'portrait' });
    expect([report.widthPx, report.heightPx]).toEqual([1169, 1654]);
    expect(report.parts.map((p) => [p.number, p.pageId, p.placed])).toEqual(before.map((b, k) => [k + 1, b.id, true]));
    // The pipeline straightened the turned parts: they were read from their kept captures.
    expect(report.parts.some((p) => p.fromCapture)).toBe(true);
    for (const p of report.parts) expect(p.maxPx).toBeLessThan(1);
    expect(report.uncovered).toEqual([]);
    expect(report.seams!.length).toBeGreaterThanOrEqual(3);
    // The page is like the sheet (stored lossy: a little below the composition's own likeness).
    const truth = join(dir, 'truth.png');
    await renderSheet(truth, SHEETS.a3, DPI, 11);
    const stored = await t.station.blobs.materialise(page!.sha256);
    try {
      const m = await alignedSsim(stored.path, truth, DPI);
      console.log(`stored page against the sheet: SSIM ${m.ssimHalf.toFixed(4)} at 50 dpi (${m.ssim.toFixed(4)} at 100), the paper ${m.offsetMm.toFixed(2)} mm / ${m.angleDeg.toFixed(2)}° off`);
      expect(m.ssimHalf).toBeGreaterThanOrEqual(0.93);
      expect(m.offsetMm).toBeLessThan(1.5);
    } finally {
      await stored.done();
    }
    // The one page went through the pipeline as composed (already cut to the paper and straight).
    const steps = await t.call('pages.steps', { pageId: page!.id });
    expect(steps.automatic.profile).toBe('none');
  });

  it('keeps the parts, as captured, as the assembled page’s originals until the document is signed', { timeout: 180_000 }, async () => {
    const dir = join(tmp.path, 'kept');
    // A sheet of its own: blobs are shared by content, and another test's draft of the same parts
    // would keep their files.
    const cut = await cutSheet({ sheet: SHEETS.a3, seed: 37, dpi: DPI, glass: 'a4', dir, overhangMm: 20 });
    const id = await scannedDraft(cut.parts.map((p) => p.path));
    const { pageHandEdits, blobs } = t.station;
    const captures = (await t.call('documents.get', { id })).pages.map((p) => pageHandEdits.beforeBlob(p.id)!.sha256);
    const { document } = await t.call('stitch.assemble', { documentId: id, sheet: { name: 'a3' } });
    const page = document.pages[0]!;
    const kept = t.station.documents.pageParts(page.id);
    // Each part is the very capture its page kept, in scan order, with the capture's own size.
    expect(kept.map((k) => k.sha256)).toEqual(captures);
    for (const [k, part] of kept.entries()) {
      expect([part.widthPx, part.heightPx, part.dpi]).toEqual([cut.parts[k]!.widthPx, cut.parts[k]!.heightPx, DPI]);
      expect(existsSync(blobs.pathOf(part.sha256))).toBe(true);
    }
    // The next start sweeps the released originals (the part pages' rows went): the kept parts stay.
    const dataDir = t.dataDir;
    await t.station.close();
    t = await openTestStation({ dataDir });
    for (const part of kept) expect(existsSync(blobs.pathOf(part.sha256))).toBe(true);
    expect((await t.call('pages.steps', { pageId: page.id })).partsKept).toBe(4);

    // Saved and signed: the parts are released, their files removed.
    const pki = await createTestPki();
    await t.call('documents.finish', { id, ocr: 'skip', metadata: { title: 'Bản vẽ hiện trạng thửa đất số 118' } });
    await t.call('documents.sign', { id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
    expect(t.station.documents.pageParts(page.id)).toEqual([]);
    expect((await t.call('pages.steps', { pageId: page.id })).partsKept).toBe(0);
    for (const part of kept) expect(existsSync(blobs.pathOf(part.sha256))).toBe(false);
  });

  it('releases the kept parts with their page when the draft is deleted', { timeout: 180_000 }, async () => {
    const dir = join(tmp.path, 'deleted');
    const cut = await cutSheet({ sheet: SHEETS.a3, seed: 43, dpi: DPI, glass: 'a4', dir, overhangMm: 20 });
    const id = await scannedDraft(cut.parts.map((p) => p.path));
    const { document } = await t.call('stitch.assemble', { documentId: id, sheet: { name: 'a3' } });
    const kept = t.station.documents.pageParts(document.pages[0]!.id);
    expect(kept).toHaveLength(4);
    await t.call('documents.delete', { id, reason: 'quét nhầm tờ' });
    for (const part of kept) expect(existsSync(t.station.blobs.pathOf(part.sha256))).toBe(false);
  });

  it('refuses a draft with a blank part, naming it, and leaves the draft exactly as it was', { timeout: 180_000 }, async () => {
    const dir = join(tmp.path, 'blank');
    const base = { sheet: SHEETS.a3, seed: 23, dpi: DPI, glass: 'a4' as const, dir };
    const cut = await cutSheet(base);
    await renderPart(cut.parts[1]!.path, { ...base, placement: cut.truth[1]!, look: { ...partLook(23, 1), blank: true }, noiseSeed: 7 });
    const id = await scannedDraft(cut.parts.map((p) => p.path));
    const before = await pagesOf(id);
    const e = await refused(t.call('stitch.assemble', { documentId: id, sheet: { name: 'a3' } }));
    expect(e.code).toBe('stitch-part-blank');
    expect(e.message.vi).toContain('Phần 2');
    expect(e.message.en).toContain('Scan part 2 again');
    expect(await pagesOf(id)).toEqual(before);
  });

  it('places a part laid upside down and says so (nothing to rescan)', { timeout: 180_000 }, async () => {
    const dir = join(tmp.path, 'upside');
    const base = { sheet: SHEETS.a3, seed: 23, dpi: DPI, glass: 'a4' as const, dir, overhangMm: 20 };
    const cut = await cutSheet(base);
    const k = 2;
    await renderPart(cut.parts[k]!.path, { ...base, placement: upsideDown(cut.truth[k]!, cut.parts[k]!.widthPx, cut.parts[k]!.heightPx), look: partLook(23, k), noiseSeed: 99 });
    const id = await scannedDraft(cut.parts.map((p) => p.path));
    const { document, report } = await t.call('stitch.assemble', { documentId: id, sheet: { name: 'a3' } });
    expect(report.parts.map((p) => p.quarterTurns)).toEqual([0, 0, 2, 0]);
    expect(report.seams).toBeUndefined();
    expect([report.widthPx, report.heightPx]).toEqual([1169, 1654]);
    expect(document.pages).toHaveLength(1);
  });

  it('stops an assembly on stitch.cancelAssembly, the draft left as it was', { timeout: 180_000 }, async () => {
    const dir = join(tmp.path, 'cancel');
    const cut = await cutSheet({ sheet: SHEETS.a3, seed: 11, dpi: DPI, glass: 'a4', dir, overhangMm: 20 });
    const id = await scannedDraft(cut.parts.map((p) => p.path));
    const before = await pagesOf(id);
    const running = refused(t.call('stitch.assemble', { documentId: id, sheet: { name: 'a3' } }));
    // The assembly is under way (the parts are being placed, seconds): a second one is refused.
    await new Promise((r) => setTimeout(r, 800));
    expect((await refused(t.call('stitch.assemble', { documentId: id, sheet: { name: 'a3' } }))).code).toBe('stitch-running');
    expect(await t.call('stitch.cancelAssembly', { documentId: id })).toEqual({ cancelled: true });
    const e = await running;
    expect(e.code).toBe('stitch-cancelled');
    expect(e.message.vi).toContain('các phần vẫn được giữ');
    expect(await pagesOf(id)).toEqual(before);
    expect(await t.call('stitch.cancelAssembly', { documentId: id })).toEqual({ cancelled: false });
  });

  it('stops an assembly when the station closes: its thread ends with it', { timeout: 180_000 }, async () => {
    const own = await openTestStation();
    const shared = t;
    t = own;
    try {
      const dir = join(tmp.path, 'close');
      const cut = await cutSheet({ sheet: SHEETS.a3, seed: 11, dpi: DPI, glass: 'a4', dir, overhangMm: 20 });
      const id = await scannedDraft(cut.parts.map((p) => p.path));
      const running = refused(own.call('stitch.assemble', { documentId: id, sheet: { name: 'a3' } }));
      await new Promise((r) => setTimeout(r, 800)); // the parts are being placed (seconds)
      await own.close();
      // Refused as stopped: an assembly left running would have gone on into a closed store (its
      // thread holding the process meanwhile) and failed some other way, or finished.
      expect((await running).code).toBe('stitch-cancelled');
    } finally {
      t = shared;
      await own.close();
    }
  });

  it('refuses a draft of one page, and a sheet size no paper has, before reading anything', async () => {
    const dir = join(tmp.path, 'one');
    const cut = await cutSheet({ sheet: SHEETS.a3, seed: 11, dpi: DPI, glass: 'a4', dir, overhangMm: 20 });
    const id = await scannedDraft([cut.parts[0]!.path]);
    const one = await refused(t.call('stitch.assemble', { documentId: id, sheet: { name: 'a2' } }));
    expect(one.code).toBe('stitch-too-few-parts');
    expect(one.message.en).toContain('there are 1');
    const nonsense = await refused(t.call('stitch.assemble', { documentId: id, sheet: { widthMm: 0, heightMm: 500 } }));
    expect(nonsense.code).toBe('sheet-size-invalid');
    expect(await pagesOf(id)).toHaveLength(1);
  });

  it('answers for a draft that does not exist as for any missing document', async () => {
    const e = await refused(t.call('stitch.assemble', { documentId: uuidv7(), sheet: { name: 'a3' } }));
    expect(e.code).toBe('not-found');
  });
});

describe('stitch.assemble against another officer’s draft', () => {
  it('answers exactly as for a draft that does not exist, and changes nothing', { timeout: 180_000 }, async () => {
    const s = await openTestStation();
    try {
      const person = () => {
        const session = s.station.auth.newSession();
        return { call: <M extends MethodName>(m: M, i: MethodInput<M>): Promise<MethodOutput<M>> => s.call(m, i, { emit: () => {}, session }) };
      };
      await s.call('users.create', { username: 'admin', displayName: 'Quản trị', role: 'admin', password: 'quan-tri-2026!' });
      const admin = person();
      await admin.call('session.login', { username: 'admin', password: 'quan-tri-2026!' });
      for (const u of ['mai', 'tam']) await admin.call('users.create', { username: u, displayName: u, role: 'officer', password: `mot-cua-xa-${u}` });
      const [mai, tam] = [person(), person()];
      await mai.call('session.login', { username: 'mai', password: 'mot-cua-xa-mai' });
      await tam.call('session.login', { username: 'tam', password: 'mot-cua-xa-tam' });
      const dir = join(tmp.path, 'attack');
      const cut = await cutSheet({ sheet: SHEETS.a3, seed: 11, dpi: DPI, glass: 'a4', dir, overhangMm: 20 });
      // Mai's document, made of two of the parts (a record of hers: hidden from Tâm, whatever its state).
      const theirsDoc = await mai.call('documents.import', { paths: [cut.parts[0]!.path, cut.parts[1]!.path], ocr: 'skip' });
      const run = { documentId: theirsDoc.id };
      const theirs = await refused(tam.call('stitch.assemble', { documentId: run.documentId, sheet: { name: 'a3' } }));
      const missingId = uuidv7();
      const missing = await refused(tam.call('stitch.assemble', { documentId: missingId, sheet: { name: 'a3' } }));
      expect(theirs.code).toBe(missing.code);
      expect(theirs.message.en.replace(run.documentId, 'X')).toBe(missing.message.en.replace(missingId, 'X'));
      expect((await mai.call('documents.get', { id: run.documentId })).pages).toHaveLength(2);
    } finally {
      await s.close();
    }
  });
});
