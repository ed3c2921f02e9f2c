// Signing as an officer does it, in Chromium against browser mode: pick the token's certificate,
// mistype the PIN (told so, nothing retried), sign, see the document marked signed, check its
// signatures; then check a PDF file from elsewhere, and a tampered one.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { pdfsig } from '../helpers/pdf-tools';
import { type SoftToken, createSoftToken } from '../pki/soft-token';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let pki: TestPki;
let token: SoftToken;
let mode: BrowserMode;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  pki = await createTestPki();
  token = createSoftToken([pki.expired, pki.signer]);
  tmp = tempDir('e2e-sign');
  mode = await startBrowserMode();
  // A saved record and the station's signing settings, written by another process on the same
  // data folder — as an archivist's CLI run beside the open app would.
  const station = await openStation({ dataDir: mode.dataDir });
  try {
    // Browser mode reads files only inside the folders the administrator opened: the test's folder.
    station.updateSettings({ agencyName: 'UBND xã Hòa Thuận', pkcs11Modules: [token.module], trustStore: [pki.caPem], tsaUrl: pki.tsaUrl, readFolders: [tmp.path] });
    const page = join(tmp.path, 'page.png');
    await vietnamesePage(page, { dpi: 150 });
    await station.importFiles([page], { title: 'Giấy xác nhận tình trạng hôn nhân' }, 150, { ocr: 'skip' });
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

describe('signing in the app', () => {
  it('signs with the token after a mistyped PIN, and shows the signature as valid', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    await page.getByRole('button', { name: 'Tài liệu', exact: true }).click();
    const row = page.getByTestId('document-row').first();
    await row.getByRole('button', { name: 'Ký số' }).click();

    const dialog = page.getByRole('dialog', { name: 'Ký số: Giấy xác nhận tình trạng hôn nhân' });
    await dialog.waitFor();
    // The key that signs is said before signing — holder, issuer, expiry as dd/mm/yyyy — and only
    // the PIN is asked, focused.
    const summary = dialog.getByTestId('key-summary');
    await expect.poll(() => summary.innerText()).toMatch(/Người ký \(chủ chứng thư\)\s+Nguyễn Văn An[\s\S]*Hiệu lực đến\s+\d{2}\/\d{2}\/\d{4}\s/);
    await expect.poll(() => dialog.getByLabel('Mã PIN').evaluate((i) => i === i.ownerDocument.activeElement)).toBe(true);
    await screenshot(page, 'sign-dialog-configured-key-1366x768');
    // Changing the key shows the whole choice: the expired certificate is offered but not chosen.
    await dialog.getByRole('button', { name: 'Đổi khóa ký…' }).click();
    const certificate = dialog.getByLabel('Chứng thư số');
    await expect.poll(() => certificate.inputValue()).toBe('02');
    expect(await certificate.locator('option[value="01"]').isDisabled()).toBe(true);
    await expect(certificate.locator('option[value="02"]').innerText()).resolves.toMatch(/hiệu lực đến \d{2}\/\d{2}\/\d{4}$/);
    // How the station signs is the administrator's, said in one line: B-T, as a TSA is configured.
    await expect(dialog.locator('.station-way').innerText()).resolves.toContain(pki.tsaUrl);

    await dialog.getByLabel('Mã PIN').fill('000000');
    await dialog.getByRole('button', { name: 'Ký số' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('pin-incorrect');
    await expect(alert.innerText()).resolves.toMatch(/Mã PIN không đúng \(.+\)/);
    expect(await dialog.getByLabel('Mã PIN').inputValue()).toBe(''); // emptied, never retried
    await screenshot(page, 'sign-dialog-wrong-pin-1366x768');

    await dialog.getByLabel('Mã PIN').fill(token.pin);
    await dialog.getByRole('button', { name: 'Ký số' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ký số: Nguyễn Văn An' }).waitFor({ timeout: 30_000 });
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Đã ký (1)').waitFor();
    await screenshot(page, 'documents-signed-1366x768');

    await row.getByRole('button', { name: 'Kiểm tra chữ ký' }).click();
    const report = page.getByRole('dialog', { name: /Kiểm tra chữ ký/ });
    await report.getByText('Cả 1 chữ ký đều hợp lệ.').waitFor({ timeout: 30_000 });
    const card = report.getByTestId('signature-report');
    await expect(card.innerText()).resolves.toMatch(/Hợp lệ[\s\S]*Nguyễn Văn An[\s\S]*B-T \(ETSI\.CAdES\.detached\)[\s\S]*SoHoa Test TSA[\s\S]*chưa bị thu hồi/);
    await screenshot(page, 'verify-document-1366x768');
    await report.getByRole('button', { name: 'Đóng' }).click();
    await page.close();
  });

  it('checks any PDF on the computer: a signed one, and the same with one byte changed', async () => {
    const station = await openStation({ dataDir: mode.dataDir });
    const signed = join(tmp.path, 'da-ky.pdf');
    try {
      const [doc] = station.documents.list({ limit: 1, offset: 0 });
      await station.exportPdf(doc!.id, signed, true);
    } finally {
      await station.close();
    }
    expect((await pdfsig(signed, pki.nssDir)).signatures[0]?.valid).toBe(true);
    const bytes = readFileSync(signed);
    bytes[bytes.indexOf('stream') + 500]! ^= 0x04;
    const tampered = join(tmp.path, 'bi-sua.pdf');
    writeFileSync(tampered, bytes);

    const page = await mode.newPage();
    await page.goto(mode.url);
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('button', { name: 'Documents', exact: true }).click();
    const path = page.getByLabel('Verify the signatures of a PDF file on this computer (path)');
    // A file outside the folders opened to browser mode is refused, saying why.
    await path.fill('/etc/passwd');
    await page.getByRole('button', { name: 'Verify signatures', exact: true }).last().click();
    const refusal = page.locator('.verify-file').getByRole('alert');
    await expect.poll(() => refusal.getAttribute('data-code')).toBe('path-not-allowed');
    await expect(refusal.innerText()).resolves.toMatch(/only inside the folders the administrator opened/);
    await screenshot(page, 'verify-path-refused-english-1366x768');
    await refusal.getByRole('button').first().click();
    await path.fill(signed);
    await page.getByRole('button', { name: 'Verify signatures', exact: true }).last().click();
    const ok = page.getByRole('dialog', { name: 'Signatures of da-ky.pdf' });
    await ok.getByText('All 1 signature(s) are valid.').waitFor({ timeout: 30_000 });
    await ok.getByRole('button', { name: 'Close' }).click();

    await path.fill(tampered);
    await page.getByRole('button', { name: 'Verify signatures', exact: true }).last().click();
    const bad = page.getByRole('dialog', { name: 'Signatures of bi-sua.pdf' });
    await bad.getByText('Not valid: 1 of 1 signatures are broken or revoked, or the document was changed after signing. Do not rely on this copy.').waitFor({ timeout: 30_000 });
    await expect(bad.getByTestId('signature-report').innerText()).resolves.toMatch(/Not valid[\s\S]*Intact\s+no/);
    await screenshot(page, 'verify-tampered-english-1366x768');
    await page.close();
  });
});
