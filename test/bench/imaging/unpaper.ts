// Debian's unpaper on the same ground-truth pages, and how each of its figures is read:
// - deskew: the angle it reports in `-vv` ("rotate (x,y): <radians>", positive = anticlockwise),
//   searched over ±15° (--deskew-scan-range 15) like the station; otherwise its defaults;
// - crop: the sheet area it detects after rotating ("auto-masking ...: x1,y1,x2,y2"); an
//   "invalid detection" means the whole page; unpaper keeps the input's canvas size; its mask
//   search starts from the sheet's centre (no --mask-scan-point given: passing the card's place
//   would hand it the answer), so a card lying elsewhere on the glass is not found;
// - blank: unpaper has no blank-page detection; its output (after its noise, blur and grey
//   filters) is called blank when its dark pixels (its own black threshold, 33 % grey) are under
//   1e-4 of the page (UNPAPER_BLANK_FRACTION: the station's threshold at sensitivity 0.5 until its
//   scale was re-anchored at 1e-5; kept for unpaper because dust that survives its filters already
//   costs it recall at 1e-4, and a lower cut would only cost it more);
// - orientation and colour: unpaper has no such function (pages are left as they are);
// - spreads: `--layout double` splits the sheet at its middle; it does not look for the gutter;
// - time: user + system CPU of the unpaper process (/usr/bin/time), reading and writing PPM,
//   which unpaper needs (it reads no TIFF); the TIFF → PPM conversion is not counted.
import sharp from 'sharp';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { GroundTruth } from '../../fixtures/imaging/cases';
import type { Answer } from './score';

const ARGS = ['-vv', '--overwrite', '--deskew-scan-range', '15'];
const CACHE_VERSION = 1;
/** unpaper's output is blank under this share of dark pixels (see the head of this file). */
const UNPAPER_BLANK_FRACTION = 1e-4;

export function unpaperVersion(): string {
  return execFileSync('unpaper', ['--version'], { encoding: 'utf8' }).split('\n')[0]!.trim();
}

async function writePpm(tiff: string, ppm: string): Promise<{ width: number; height: number }> {
  const { data, info } = await sharp(tiff).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  writeFileSync(ppm, Buffer.concat([Buffer.from(`P6\n${info.width} ${info.height}\n255\n`), data]));
  return { width: info.width, height: info.height };
}

/** Share of dark pixels in unpaper's output files (binary PNM: P4 bilevel, P5 grey or P6 colour; sharp reads none of them). */
function darkFraction(files: string[]): number {
  let dark = 0, total = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    const header = /^P([456])\s+(\d+)\s+(\d+)\s+(?:(\d+)\s)?/.exec(bytes.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error(`not a binary PNM: ${f}`);
    const [kind, width, height] = [header[1], Number(header[2]), Number(header[3])];
    const body = bytes.subarray(header[0].length);
    if (kind === '4') {
      const stride = Math.ceil(width / 8);
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((body[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1) dark++;
    } else {
      const channels = kind === '6' ? 3 : 1;
      for (let i = 0; i < width * height; i++) {
        const p = i * channels;
        const grey = channels === 3 ? (body[p]! * 77 + body[p + 1]! * 150 + body[p + 2]! * 29) >> 8 : body[p]!;
        if (grey < 0.33 * 255) dark++;
      }
    }
    total += width * height;
  }
  return dark / Math.max(1, total);
}

/** Runs unpaper on one page (or reads the result of an earlier run from beside the page, unless `fresh`). */
export async function unpaperAnswer(truth: GroundTruth, fresh: boolean): Promise<Answer & { cached: boolean }> {
  const record = `${truth.file}.unpaper.json`;
  if (!fresh && existsSync(record)) {
    const kept = JSON.parse(readFileSync(record, 'utf8')) as { version: number; answer: Answer };
    if (kept.version === CACHE_VERSION) return { ...kept.answer, cached: true };
  }
  const ppm = `${truth.file}.ppm`;
  const size = await writePpm(truth.file, ppm);
  const spread = truth.spec.kind === 'spread';
  const outputs = spread ? [`${truth.file}.u1.ppm`, `${truth.file}.u2.ppm`] : [`${truth.file}.u.ppm`];
  const args = [...ARGS, ...(spread ? ['--layout', 'double', '--output-pages', '2'] : []), ppm, ...outputs];
  const run = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', 'unpaper', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const log = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`unpaper failed on ${truth.file}: ${log.slice(-500)}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(log);
  const rotations = [...log.matchAll(/^rotate \([^)]*\): (-?[\d.]+)/gm)].map((m) => Number(m[1]));
  // the sheet area after rotation: the auto-masking lines that follow the last "rotate"
  const afterRotate = log.slice(log.lastIndexOf('rotate ('));
  const mask = /auto-masking \([^)]*\): (-?\d+),(-?\d+),(-?\d+),(-?\d+)(.*)$/m.exec(afterRotate);
  const crop = mask && !/invalid/.test(mask[5]!) ? { left: Number(mask[1]), top: Number(mask[2]), width: Number(mask[3]) - Number(mask[1]) + 1, height: Number(mask[4]) - Number(mask[2]) + 1 } : null;
  const dark = darkFraction(outputs);
  const answer: Answer = {
    deskewDegrees: rotations.length ? -((rotations.reduce((a, b) => a + b, 0) / rotations.length) * 180) / Math.PI : 0,
    quarterTurns: null,
    crop,
    canvas: size,
    blank: dark < UNPAPER_BLANK_FRACTION,
    gutterX: spread ? size.width / 2 : null,
    hasColour: null,
    cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN,
  };
  for (const f of [ppm, ...outputs]) rmSync(f, { force: true });
  writeFileSync(record, JSON.stringify({ version: CACHE_VERSION, unpaper: unpaperVersion(), args, answer }));
  return { ...answer, cached: false };
}
