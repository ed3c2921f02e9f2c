// Checking a signed PDF that a mail gateway extended (bytes after its %%EOF) in the app: the
// signature is judged on the signed part — confirmed — and the report says that an unsigned
// part was appended, in Vietnamese and English, at 1366×768 and 1920×1080.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let pki: TestPki;
let mode: BrowserMode;
let tmp: ReturnType<typeof tempDir>;
let extended: string;
const TAIL = Buffer.from('-- Thư đã được kiểm tra vi-rút bởi cổng thư của cơ quan --\n');

beforeAll(async () => {
  pki = await createTestPki();
  tmp = tempDir('e2e-tail');
  mode = await startBrowserMode();
  const station = await openStation({ dataDir: mode.dataDir });
  try {
    station.updateSettings({ agencyName: 'UBND xã Hòa Thuận', trustStore: [pki.caPem], readFolders: [tmp.path] });
    const page = join(tmp.path, 'page.png');
    await vietnamesePage(page, { dpi: 100 });
    const doc = await station.importFiles([page], { title: 'Giấy xác nhận' }, 100, { ocr: 'skip' });
    const plain = join(tmp.path, 'plain.pdf');
    await station.exportPdf(doc.id, plain, true);
    extended = join(tmp.path, 'qua-thu-dien-tu.pdf');
    await station.signing.signFile(plain, extended, true, { key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B' });
  } finally {
    await station.close();
  }
  writeFileSync(extended, Buffer.concat([readFileSync(extended), TAIL]));
});

afterAll(async () => {
  await mode?.close();
  await pki?.close();
  tmp?.cleanup();
});

describe('verifying a file with an unsigned tail', () => {
  it('is judged, confirmed, and the appended part is named', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const page = await mode.newPage(viewport);
      await page.goto(mode.url);
      await page.getByRole('button', { name: 'Tài liệu', exact: true }).click();
      await page.getByLabel('Kiểm tra chữ ký của một tệp PDF trên máy (đường dẫn)').fill(extended);
      await page.getByRole('button', { name: 'Kiểm tra chữ ký', exact: true }).last().click();
      const report = page.getByRole('dialog', { name: 'Kiểm tra chữ ký: qua-thu-dien-tu.pdf' });
      await report.getByTestId('file-tail').waitFor({ timeout: 30_000 });
      // "{bytes}" in the Vietnamese number format; TAIL is short, so no thousands separator.
      await expect(report.getByTestId('file-tail').innerText()).resolves.toContain(`Sau phần cuối của tệp có ${TAIL.length} byte nối thêm`);
      await expect(report.getByTestId('signature-report').innerText()).resolves.toMatch(/bao trùm mọi phần có cấu trúc của tệp/);
      await expect(report.getByRole('status').first().innerText()).resolves.not.toMatch(/không hợp lệ/i);
      expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true); // no horizontal scrollbar
      await screenshot(page, `verify-tail-${viewport.width}x${viewport.height}`);
      await page.getByLabel('Ngôn ngữ').selectOption('en');
      await expect.poll(() => page.getByTestId('file-tail').innerText()).toContain(`${TAIL.length} bytes were appended after the end of the file`);
      await screenshot(page, `verify-tail-english-${viewport.width}x${viewport.height}`);
      await page.close();
    }
  });
});
