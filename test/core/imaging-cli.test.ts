// The imaging profile from the command line: `sohoa import … --profile NAME` and `sohoa scan …
// --profile NAME` reach the pipeline (a bilevel import lands in the PDF as CCITT G4), and a name
// that is no profile is refused as bad input (exit 2), naming the profiles there are.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';

const tmp = tempDir('imaging-cli');
let env: NodeJS.ProcessEnv;
const dataDir = join(tmp.path, 'data');

beforeAll(async () => {
  env = saneEnv(writeSaneConfig(join(tmp.path, 'sane.d')), { SOHOA_DATA_DIR: dataDir });
  await vietnamesePage(join(tmp.path, 'page.png'), { dpi: 150, mode: 'gray' });
}, 60_000);

afterAll(() => tmp.cleanup());

describe('sohoa --profile', () => {
  it('imports with the profile asked for', async () => {
    const out = join(tmp.path, 'bilevel.pdf');
    const r = await runCli(['import', join(tmp.path, 'page.png'), '--profile', 'archive-bilevel', '--no-ocr', '--out', out, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ pages: 1, status: 'ready' });
    const images = execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(images.map((l) => l.trim().split(/\s+/)[8])).toEqual(['ccitt']);
  }, 60_000);

  it('scans with the profile asked for, and refuses a name that is no profile', async () => {
    const ok = await runCli(['scan', '--device', 'sane:test:0', '--preset', 'a5', '--dpi', '100', '--profile', 'none', '--no-ocr', '--json'], env);
    expect(ok.code, ok.stderr).toBe(0);
    const bad = await runCli(['scan', '--device', 'sane:test:0', '--profile', 'crooked', '--lang', 'en'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--profile');
    expect(bad.stderr).toContain('archive-bilevel');
  }, 60_000);
});
