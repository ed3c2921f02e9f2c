// Issue 22, point 4, in browser mode: `sohoa serve` runs with a PATH that holds only `node` and `sh`
// (test/helpers/stripped-path.ts), as a Windows PC offers no PDF or OCR program. In Chromium an
// officer scans from SANE's test scanner (through the native worker), saves, the record gets its
// text layer, is signed with the token's PIN and checked. The checks of the file (pdfsig, qpdf) run
// in this test process with its normal PATH. The Vietnamese text layer itself is checked through the
// CLI under the same PATH (test/cli/stripped-path.test.ts): the screens cannot feed a known page.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/core/station';
import { tempDir } from '../helpers/paths';
import { pdfsig, qdf } from '../helpers/pdf-tools';
import { strippedBin, strippedEnv, toolsFound } from '../helpers/stripped-path';
import { type SoftToken, createSoftToken } from '../pki/soft-token';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { type BrowserMode, screenshot, scanTestPages, startBrowserMode } from './browser';

let pki: TestPki;
let token: SoftToken;
let mode: BrowserMode;
let tmp: ReturnType<typeof tempDir>;
let bin: string;

beforeAll(async () => {
  pki = await createTestPki();
  token = createSoftToken([pki.signer]); // SOFTHSM2_CONF, inherited by the station
  tmp = tempDir('e2e-stripped');
  bin = strippedBin(tmp.path);
  mode = await startBrowserMode({ testPicture: 'Solid white' }, { env: { PATH: bin } });
  // The station's signing settings, written by another process on the same data folder (as an
  // administrator's CLI run beside the open app would); settings are read at each use.
  const station = await openStation({ dataDir: mode.dataDir });
  try {
    station.updateSettings({ agencyName: 'UBND xã Hòa Thuận', pkcs11Modules: [token.module], trustStore: [pki.caPem], tsaUrl: pki.tsaUrl });
  } finally {
    await station.close();
  }
});

afterAll(async () => {
  await mode?.close();
  await pki?.close();
  token?.cleanup();
  tmp?.cleanup();
});

describe('browser mode with nothing but node and sh on PATH', () => {
  it('scans, recognises, signs with the token and verifies, as on a Windows PC', async () => {
    expect(toolsFound(strippedEnv(bin))).toEqual([]);
    const page = await mode.newPage();
    await page.goto(mode.url);
    await scanTestPages(page, { paper: 'A4', pages: 1, dpi: 150 });
    await page.getByTestId('page-thumb').first().waitFor();
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor(); // the scan has ended
    await page.locator('.scan-screen').getByLabel('Tên giấy tờ').fill('Giấy xác nhận tình trạng hôn nhân');
    await page.getByRole('button', { name: 'Lưu tài liệu' }).click();
    await page.getByText('Đã lưu tài liệu: 1 trang.').waitFor();

    await page.getByRole('button', { name: 'Tài liệu', exact: true }).click();
    const row = page.getByTestId('document-row').first();
    await row.waitFor();
    // Recognition ran in the background, with no tesseract on PATH: it ends with a text layer.
    await row.getByText('Đang nhận dạng chữ').waitFor({ state: 'detached', timeout: 120_000 });
    await screenshot(page, 'stripped-path-documents-1366x768');
    expect(await row.getByText('Chưa có lớp chữ').count(), 'the record has its text layer').toBe(0);

    await row.getByRole('button', { name: 'Ký số' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ký số: Giấy xác nhận tình trạng hôn nhân' });
    await dialog.getByLabel('Mã PIN').fill(token.pin);
    await dialog.getByRole('button', { name: 'Ký số' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ký số: Nguyễn Văn An' }).waitFor({ timeout: 60_000 });
    await row.getByText('Đã ký (1)').waitFor();

    await row.getByRole('button', { name: 'Kiểm tra chữ ký' }).click();
    const report = page.getByRole('dialog', { name: /Kiểm tra chữ ký/ });
    await report.getByText('Cả 1 chữ ký đều hợp lệ.').waitFor({ timeout: 60_000 });
    await screenshot(page, 'stripped-path-verified-1366x768');
    await page.close();

    // The record as stored: OCR done, PDF/A-2b, one signature poppler accepts too.
    const station = await openStation({ dataDir: mode.dataDir });
    const file = join(tmp.path, 'signed.pdf');
    try {
      const [doc] = station.documents.list({ limit: 1, offset: 0 });
      expect(doc).toMatchObject({ ocr: 'done', signatureCount: 1 });
      await station.exportPdf(doc!.id, file, true);
    } finally {
      await station.close();
    }
    expect(qdf(file)).toContain('<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>');
    expect((await pdfsig(file, pki.nssDir)).signatures.map((s) => [s.valid, s.trusted])).toEqual([[true, true]]);
  }, 300_000); // real scan, OCR and signing on two shared cores: generous, never a timing assertion
});
