// The acceptance of the walking skeleton, through the real `sohoa` command.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';

const tmp = tempDir('cli');
const dataDir = join(tmp.path, 'data');
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  env = saneEnv(writeSaneConfig(join(tmp.path, 'sane.d')), { SOHOA_DATA_DIR: dataDir });
});
afterAll(() => tmp.cleanup());

function documentCount(): number {
  if (!existsSync(join(dataDir, 'station.sqlite'))) return 0;
  const db = new Database(join(dataDir, 'station.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('sohoa scan', () => {
  it('scans 3 A4 pages into a PDF of 595 × 842 pt whose SHA-256 the JSON carries', async () => {
    // White paper, as the demonstration scanner gives: the conversion mark fits in its margin.
    const out = join(tmp.path, 'a.pdf');
    const r = await runCli(['scan', '--device', 'sane:test:0', '--preset', 'a4', '--dpi', '200', '--mode', 'color', '--pages', '3', '--out', out, '--json', '--driver-option', 'test-picture=Solid white'], env);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { id: string; pages: number; pdf: { sha256: string; bytes: number } };
    expect(json.pages).toBe(3);
    const bytes = readFileSync(out);
    expect(json.pdf).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '3', out], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+3/);
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(sizes).toHaveLength(3);
    for (const [w, h] of sizes) {
      expect(Math.abs(w! - 595)).toBeLessThanOrEqual(1);
      expect(Math.abs(h! - 842)).toBeLessThanOrEqual(1);
    }
    execFileSync('qpdf', ['--check', out]); // throws on a damaged file
    // Progress went to stderr only; stdout is the one JSON document.
    expect(r.stderr).toMatch(/Đã lưu trang 3/);
  });

  it.each([
    [['--dpi', '0'], '--dpi'],
    [['--pages', '-1'], '--pages'],
    [['--preset', 'b9'], '--preset'],
    [['--size', '210 by 297'], '--size'],
    [['--mode', 'sepia'], '--mode'],
    [['--dossier', 'not-a-code'], '--dossier'],
    [['--owner-id', '123'], '--owner-id'],
    [['--bogus'], '--bogus'],
  ])('refuses %j with exit 2, naming %s, and changes nothing', async (args, flag) => {
    const before = documentCount();
    const out = join(tmp.path, 'refused.pdf');
    const r = await runCli(['scan', '--device', 'sane:test:0', ...args, '--out', out, '--lang', 'en'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(flag);
    expect(existsSync(out)).toBe(false);
    expect(documentCount()).toBe(before);
  });

  it('refuses an unknown device with exit 2 and a message in Vietnamese by default', async () => {
    const before = documentCount();
    const r = await runCli(['scan', '--device', 'sane:nope:0'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Không tìm thấy máy quét “sane:nope:0”/);
    expect(documentCount()).toBe(before);
  });

  it('refuses a paper larger than the scanner with exit 2 (never clipped)', async () => {
    const small = tempDir('cli-small');
    const smallEnv = saneEnv(writeSaneConfig(join(small.path, 'sane.d'), { geometryMax: 300 }), { SOHOA_DATA_DIR: join(small.path, 'data') });
    const r = await runCli(['scan', '--device', 'sane:test:0', '--preset', 'a3', '--json', '--lang', 'en'], smallEnv);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'invalid-setting', details: { field: '--preset/--size' } } });
    small.cleanup();
  });

  it('scans the whole image of a device that cannot choose its area (SANE pnm) with the Auto paper, and refuses a named size there', async () => {
    // A 400 × 300 px page whose right half is dark: the PDF must show the file's whole image.
    const ppm = join(tmp.path, 'page.ppm');
    const pixels = Buffer.alloc(400 * 300 * 3, 255);
    for (let y = 0; y < 300; y++) pixels.fill(40, (y * 400 + 200) * 3, (y * 400 + 400) * 3);
    writeFileSync(ppm, Buffer.concat([Buffer.from('P6\n400 300\n255\n'), pixels]));
    const named = await runCli(['scan', '--device', 'sane:pnm:0', '--preset', 'a4', '--driver-option', `filename=${ppm}`, '--json', '--lang', 'en'], env);
    expect(named.code).toBe(2);
    expect(JSON.parse(named.stdout)).toMatchObject({ error: { code: 'invalid-setting' } });
    expect(named.stderr).toMatch(/choose the Auto paper/);

    const out = join(tmp.path, 'pnm.pdf');
    const r = await runCli(['scan', '--device', 'sane:pnm:0', '--preset', 'auto', '--profile', 'none', '--dpi', '100', '--driver-option', `filename=${ppm}`, '--out', out, '--json', '--no-ocr'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ pages: 1 });
    // The file's whole image, 400 × 300 px at the 100 dpi asked for.
    const images = execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(images.map((l) => l.trim().split(/\s+/)).map((c) => [c[3], c[4], c[12], c[13]])).toEqual([['400', '300', '100', '100']]);
  });

  it('ends a feeder batch when the feeder is empty, as a success', async () => {
    const r = await runCli(['scan', '--device', 'sane:test:0', '--source', 'feeder', '--dpi', '75', '--mode', 'gray', '--json', '--no-ocr'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ pages: 10, end: 'no-documents' });
  });

  it('reports a scanner error with exit 3, leaving no empty draft behind', async () => {
    const before = documentCount();
    const r = await runCli(['scan', '--device', 'sane:test:0', '--dpi', '75', '--driver-option', 'read-return-value=SANE_STATUS_COVER_OPEN', '--json', '--lang', 'en'], env);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'cover-open' }, pagesSaved: 0 });
    expect(r.stderr).toMatch(/cover is open/);
    expect(documentCount()).toBe(before);
  });
});

describe('sohoa devices, list, show, export, import', () => {
  it('lists devices with their sources and areas', async () => {
    const r = await runCli(['devices', '--json'], env);
    expect(r.code).toBe(0);
    const devices = JSON.parse(r.stdout) as { id: string; demo: boolean; sources: { source: string; maxArea: { width: number } }[] }[];
    const test0 = devices.find((d) => d.id === 'sane:test:0')!;
    expect(test0.demo).toBe(true);
    expect(test0.sources.map((s) => s.source)).toEqual(['flatbed', 'feeder']);
    expect(test0.sources[0]!.maxArea.width).toBeCloseTo(1300, 0);
    const human = await runCli(['devices', '--lang', 'en'], env);
    expect(human.stdout).toMatch(/sane:test:0\s+Noname frontend-tester\s+\[sane, demo\]/);
  });

  it('finds, shows and exports a document by its id or a prefix of it', async () => {
    const scanned = await runCli(['scan', '--device', 'sane:test:0', '--dpi', '100', '--title', 'Giấy chứng nhận', '--dossier', '000.00.01.H12-250123-0001', '--owner-id', '001203004567', '--json', '--no-ocr'], env);
    const { id } = JSON.parse(scanned.stdout) as { id: string };
    const list = JSON.parse((await runCli(['list', '--dossier', '000.00.01.H12-250123-0001', '--json'], env)).stdout) as { id: string }[];
    expect(list.map((d) => d.id)).toEqual([id]);
    const byOwner = JSON.parse((await runCli(['list', '--owner-id', '001203004567', '--json'], env)).stdout) as { id: string }[];
    expect(byOwner.map((d) => d.id)).toEqual([id]);
    const show = await runCli(['show', id.slice(0, 13)], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/Tên giấy tờ: Giấy chứng nhận/);
    const out = join(tmp.path, 'exported.pdf');
    const exported = await runCli(['export', id, '--out', out, '--json'], env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout).sha256).toBe(createHash('sha256').update(readFileSync(out)).digest('hex'));
    expect((await runCli(['show', 'ffffffff-0000'], env)).code).toBe(2);
    expect((await runCli(['export', id], env)).code).toBe(2); // --out is required
  });

  it('imports a PDF and writes the result', async () => {
    const src = join(tmp.path, 'a.pdf');
    const out = join(tmp.path, 'imported.pdf');
    const r = await runCli(['import', src, '--out', out, '--json', '--no-ocr'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ pages: 3, status: 'ready' });
    expect(existsSync(out)).toBe(true);
  });

  it('answers an unknown command and no command with usage and exit 2', async () => {
    const r = await runCli(['fly'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cách dùng: sohoa/);
    expect((await runCli([], env)).code).toBe(2);
    expect((await runCli(['--help'], env)).code).toBe(0);
  });
});
