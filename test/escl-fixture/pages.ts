// The fixture's "scan head": every page it serves is scanned by the real SANE test backend
// through `scanimage`, in a SANE configuration the fixture owns (so nothing on the machine, and
// none of the tests' other scanners, is involved).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { writeSaneConfig } from '../helpers/sane';

const run = promisify(execFile);

export interface PageRequest {
  /** eSCL colour mode: RGB24, Grayscale8, BlackAndWhite1. */
  readonly colorMode: string;
  readonly dpi: number;
  /** Region in mm. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly format: 'image/jpeg' | 'image/png';
  /** Which test picture: sheets differ, so that a client's page order can be checked. */
  readonly sheet: number;
  /** A paper laid on the glass instead (a PNM file): scanned through SANE's pnm backend, which
   * gives the file as it is (the region is the paper's; the resolution is the one asked). */
  readonly file?: string | undefined;
}

const PICTURES = ['Color pattern', 'Grid', 'Solid white', 'Solid black'] as const;

export class SanePageSource {
  private readonly dir = mkdtempSync(join(tmpdir(), 'sohoa-escl-fixture-'));
  private readonly configDir: string;

  constructor() {
    // geometryMax 1300 mm: the test device must cover whatever region the fixture advertises.
    this.configDir = writeSaneConfig(join(this.dir, 'sane.d'));
  }

  async scan(p: PageRequest): Promise<Buffer> {
    const bw = p.colorMode === 'BlackAndWhite1';
    const mode = p.colorMode.startsWith('RGB') ? 'Color' : 'Gray';
    // Bilevel pages: depth 1 from the backend, which only PNG (or PNM) can carry.
    const depth = bw && p.format === 'image/png' ? '1' : '8';
    const args = p.file ? ['-d', 'pnm:0', '--filename', p.file, '--resolution', String(p.dpi), `--format=${p.format === 'image/png' ? 'png' : 'jpeg'}`] : [
      '-d', 'test',
      '--mode', mode,
      '--depth', depth,
      '--resolution', String(p.dpi),
      '--test-picture', PICTURES[(p.sheet - 1) % PICTURES.length]!,
      '-l', String(p.x), '-t', String(p.y), '-x', String(p.width), '-y', String(p.height),
      `--format=${p.format === 'image/png' ? 'png' : 'jpeg'}`,
    ];
    const { stdout } = await run('scanimage', args, {
      env: { ...process.env, SANE_CONFIG_DIR: this.configDir },
      encoding: 'buffer',
      maxBuffer: 512 * 1024 * 1024,
    });
    // A bilevel page asked for as JPEG: threshold the gray scan, as a scanner's firmware would.
    if (bw && p.format === 'image/jpeg') return sharp(stdout).threshold(128).jpeg().toBuffer();
    return stdout;
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
