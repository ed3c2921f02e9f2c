// Text recognition never blocks the counter: a saved document is "pending" until its record is
// rewritten with the text layer, a stopped station leaves it pending, and a long-lived station
// resumes it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { pdftotext } from '../helpers/pdf-tools';
import { saneEnv } from '../helpers/sane';
import { openTestStation } from '../helpers/station';

const tmp = tempDir('ocr');
let page: string;
beforeAll(async () => {
  page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 200, lines: ['Sổ hộ khẩu gia đình ông Lê Văn Tám', 'thôn Đông Hà, xã Hải Lăng'] });
});
afterAll(() => tmp.cleanup());

function until(station: { events: NodeJS.EventEmitter }, predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate()) return resolve();
    const check = () => {
      if (!predicate()) return;
      station.events.off('documents.changed', check);
      resolve();
    };
    station.events.on('documents.changed', check);
  });
}

describe('OCR in the background', () => {
  it('saves at once with OCR pending, then rewrites the record with its text layer', async () => {
    const t = await openTestStation();
    try {
      const saved = await t.call('documents.import', { paths: [page] });
      expect(saved).toMatchObject({ status: 'ready', ocr: 'pending' });
      await until(t.station, () => t.station.documents.summary(saved.id)?.ocr === 'done');
      const done = await t.call('documents.get', { id: saved.id });
      expect(done.pdf!.sha256).not.toBe(saved.pdf!.sha256);
      const out = join(tmp.path, 'done.pdf');
      await t.call('documents.export', { id: saved.id, path: out });
      expect(pdftotext(out)).toContain('Sổ hộ khẩu gia đình ông Lê Văn Tám');
    } finally {
      await t.close();
    }
  });

  it('leaves work pending when the station stops, and a long-lived station resumes it', async () => {
    const first = await openTestStation();
    const dataDir = join(tmp.path, 'shared');
    await first.close();
    const a = await openStation({ dataDir, env: saneEnv(first.saneDir) });
    const saved = await a.importFiles([page], {}, 200, { ocr: 'background' });
    await a.close(); // before recognition can finish
    const b = await openStation({ dataDir, env: saneEnv(first.saneDir), resumeBackgroundWork: true });
    try {
      expect(['pending', 'done']).toContain(b.documents.summary(saved.id)?.ocr);
      await until(b, () => b.documents.summary(saved.id)?.ocr === 'done');
      expect(b.documents.pageTexts(saved.id).size).toBe(1);
    } finally {
      await b.close();
    }
  });

  it('skips recognition when asked, and says so', async () => {
    const t = await openTestStation();
    try {
      const saved = await t.call('documents.import', { paths: [page], ocr: 'skip' });
      expect(saved.ocr).toBe('skipped');
      expect(t.station.documents.pageTexts(saved.id).size).toBe(0);
    } finally {
      await t.close();
    }
  });
});
