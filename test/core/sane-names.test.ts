// Vendors' SANE source and mode names, as real backends spell them, onto the station's own.
// The worker's own names.c is compiled with a small driver (names_cli.c) and run: what is
// checked here is the C code the worker runs, not a copy of it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/paths';

const tmp = tempDir('names');
const program = join(tmp.path, 'names-check');
beforeAll(() => {
  const dir = join(REPO, 'native', 'sane-worker');
  execFileSync(process.env.CC || 'cc', ['-std=c11', '-Wall', '-Wextra', '-Werror', '-o', program, join(dir, 'names_cli.c'), join(dir, 'names.c')]);
});
afterAll(() => tmp.cleanup());

function classify(kind: 'source' | 'mode', names: readonly string[]): string[] {
  const out = execFileSync(program, { input: names.map((n) => `${kind} ${n}\n`).join(''), encoding: 'utf8' });
  return out.trimEnd().split('\n');
}

// [backend's name, normalised] — the backends that use each spelling are named beside it.
const SOURCES: readonly (readonly [string, string])[] = [
  ['Flatbed', 'flatbed'], // test, pixma, genesys, escl, airscan
  ['FlatBed', 'flatbed'], // brother
  ['Normal', 'flatbed'], // plustek, avision
  ['Document Table', 'flatbed'], // epson2
  ['ADF', 'feeder'], // hpaio, escl, airscan, avision, kodakaio
  ['Automatic Document Feeder', 'feeder'], // test, pixma, magicolor
  ['Automatic Document Feeder(left aligned)', 'feeder'], // brother
  ['ADF Front', 'feeder'], // fujitsu, canon_dr, epjitsu, epsonds
  ['ADF Duplex', 'feeder-duplex'], // fujitsu, canon_dr, epsonds, escl, airscan
  ['Duplex', 'feeder-duplex'], // hpaio
  ['Automatic Document Feeder(left aligned,Duplex)', 'feeder-duplex'], // brother
  ['ADF Back', 'none'], // fujitsu, canon_dr: backs only
  ['ADF Rear', 'none'], // avision: backs only
  ['Transparency', 'none'], // epson2, plustek, avision
  ['Transparency Adapter', 'none'], // genesys
  ['Negative', 'none'], // plustek
  ['TMA Slides', 'none'], // hp5590
  ['TMA Negatives', 'none'], // hp5590
  ['Card Front', 'none'], // fujitsu card slot
  ['', 'none'],
];

const MODES: readonly (readonly [string, string])[] = [
  ['Color', 'color'],
  ['Colour', 'color'],
  ['24bit Color', 'color'], // brother
  ['24bit Color[Fast]', 'color'], // brother
  ['Gray', 'gray'],
  ['Grayscale', 'gray'],
  ['True Gray', 'gray'], // brother
  ['Gray16', 'gray'],
  ['Lineart', 'bw'],
  ['Binary', 'bw'], // epson2
  ['Black & White', 'bw'], // brother
  ['Monochrome', 'bw'],
  ['BW', 'bw'],
  ['Halftone', 'none'], // fujitsu, canon_dr: dithered, not a faithful copy
  ['Color Lineart', 'none'],
  ['Color Halftone', 'none'],
  ['Gray[Error Diffusion]', 'none'], // brother: dithered
  ['', 'none'],
];

describe('SANE names', () => {
  it('maps every vendor source name to flatbed, feeder, feeder-duplex, or no paper source', () => {
    expect(classify('source', SOURCES.map(([name]) => name))).toEqual(SOURCES.map(([, kind]) => kind));
  });

  it('maps every vendor mode name to color, gray, bw, or not a faithful mode', () => {
    expect(classify('mode', MODES.map(([name]) => name))).toEqual(MODES.map(([, kind]) => kind));
  });
});
