// The imaging benches' peer: the same work on the same pages with standard tools, as child
// processes, as many jobs at once as the station's pool has workers (libvips at one thread each,
// as in the pool). Per page: libvips (`vips affine`, bilinear, white outside) turns the capture by
// the angle the station found, keeps the box the station kept and writes a JPEG at quality 85
// (libjpeg-turbo's baseline, as the station's 300 dpi pages); `vipsthumbnail` makes the 240 × 340
// thumbnail at quality 75. For an import it also does what the station's store does: each file
// (the JPEG and the thumbnail; the station keeps no copy of an uncompressed TIFF as its
// page's original, capture/import-image.ts) hashed (sha256sum), encrypted
// (openssl, AES-256-CTR: `openssl enc` refuses GCM, which is CTR and a GHASH), written and fsynced
// (sync FILE); then img2pdf wraps the JPEGs into one PDF, hashed, encrypted and fsynced too. The
// peer is given the station's angles and boxes: it analyses nothing (no deskew, orientation,
// blank or colour detection), so it does less than the station.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Box, straightenedSize } from '../../electron/core/imaging/analysis';
import { type PageSteps, clampBox } from '../../electron/core/imaging/apply';

export interface PeerPage {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  readonly steps: PageSteps;
}

export interface PeerRun {
  readonly pagesPerSecond: number;
  /** CPU of the child processes (user + system, /usr/bin/time), per page. */
  readonly cpuMsPerPage: number;
}

/** The total clockwise turn and the kept box of a processed page, as imaging/apply.ts computes them. */
function placement(p: PeerPage): { degrees: number; box: Box; canvas: { width: number; height: number } } {
  const { quarterTurns, deskewDegrees, crop } = p.steps;
  const canvas = straightenedSize(p.width, p.height, { rotateQuarterTurns: quarterTurns, deskewDegrees });
  const upright = quarterTurns % 2 === 1 ? { width: p.height, height: p.width } : { width: p.width, height: p.height };
  const whole = crop ?? { left: (canvas.width - upright.width) / 2, top: (canvas.height - upright.height) / 2, ...upright };
  return { degrees: quarterTurns * 90 + deskewDegrees, box: clampBox(whole, canvas), canvas };
}

const KEY = randomBytes(32).toString('hex');
const IV = randomBytes(16).toString('hex');
/** The store's work on one file: hash, encrypt into the store, fsync. */
const store = (file: string) => `sha256sum '${file}' >/dev/null && openssl enc -aes-256-ctr -K ${KEY} -iv ${IV} -in '${file}' -out '${file}.enc' && sync '${file}.enc'`;

/** The shell commands that process one page (and, for an import, store its files). */
function pageScript(p: PeerPage, out: string, i: number, storing: boolean): string {
  const { degrees, box, canvas } = placement(p);
  const r = (degrees * Math.PI) / 180, c = Math.cos(r), s = Math.sin(r);
  // (the matrix starts with a space, the options take `=`: a leading minus would read as an option)
  // vips affine maps (x, y) to (c·x − s·y + odx, s·x + c·y + ody): the capture's centre onto the canvas's
  const odx = canvas.width / 2 - (c * p.width) / 2 + (s * p.height) / 2;
  const ody = canvas.height / 2 - (s * p.width) / 2 - (c * p.height) / 2;
  const jpeg = join(out, `page${String(i).padStart(5, '0')}.jpg`);
  const thumb = join(out, `thumb${i}.jpg`);
  const steps = [
    `vips affine '${p.file}' '${jpeg}[Q=85,strip]' ' ${c} ${-s} ${s} ${c}' --odx=${odx} --ody=${ody} --oarea='${box.left} ${box.top} ${box.width} ${box.height}' --background='255 255 255'`,
    `vipsthumbnail '${jpeg}' -s 240x340 -o '${thumb}[Q=75,strip]'`,
  ];
  if (storing) steps.push(store(jpeg), store(thumb));
  return steps.join(' && ');
}

/** Runs a shell script under /usr/bin/time; resolves with its CPU (user + system) in ms. */
function timed(script: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'CPU %U %S', 'sh', '-c', script], { env: { ...process.env, VIPS_CONCURRENCY: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(err);
      if (code !== 0 || !m) return reject(new Error(`the peer failed (${code}): ${err.slice(-600)}`));
      resolve((Number(m[1]) + Number(m[2])) * 1000);
    });
  });
}

/** The pages through the peer, `jobs` at a time; `storing`: the import's work too (store, PDF). */
export async function runPeer(pages: readonly PeerPage[], jobs: number, workDir: string, storing: boolean): Promise<PeerRun> {
  const out = join(workDir, `peer-${randomBytes(4).toString('hex')}`);
  mkdirSync(out, { recursive: true });
  const started = performance.now();
  let next = 0;
  let cpu = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < pages.length) {
        const i = next++;
        cpu += await timed(pageScript(pages[i]!, out, i, storing));
      }
    }),
  );
  if (storing) {
    const pdf = join(out, 'record.pdf');
    cpu += await timed(`img2pdf '${out}'/page*.jpg -o '${pdf}' && ${store(pdf)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  return { pagesPerSecond: pages.length / seconds, cpuMsPerPage: cpu / pages.length };
}
