// Placing the parts of a large sheet (issue 18) beside OpenCV's own registration for scans
// (stitch-peer.py: Stitcher's SCANS pipeline, Debian's python3-opencv) on the same generated parts:
// registration error against the truth (RMS and max, pixels at 300 dpi), time and peak memory,
// each side in a process of its own, alternating which goes first. Registration only: composing
// the page is another bench's. The peer registers at Stitcher's own resolution (0.6 Mpx) or the
// station's 60 dpi, whichever is finer; with its defaults (500 ORB keypoints) it may leave parts
// out: they are counted, and its error is measured on the parts it placed. Full: A2 from an A4 glass at 150 dpi, and A0 from an A3 glass at 300 dpi (16 parts of
// 17 Mpx); quick: A3 from an A4 glass at 100 dpi.
import { join } from 'node:path';
import { REPO, tempDir } from '../helpers/paths';
import { SHEETS } from '../fixtures/large-sheet';
import { type GlassName, cutSheet } from '../fixtures/large-sheet-parts';
import { placementError, registrationError } from '../core/stitch-register-measure';
import type { PartPlacement, SheetSize } from '../../electron/core/stitching/types';
import { median, measured } from './measure';
import { QUICK, scaled } from './quick';
import type { BenchResult } from './run';

const ROUNDS = scaled(2, 1);
const CASES: readonly { label: string; sheet: SheetSize; glass: GlassName; dpi: number }[] = scaled(
  [
    { label: 'A2 from an A4 glass, 150 dpi', sheet: SHEETS.a2, glass: 'a4', dpi: 150 },
    { label: 'A0 from an A3 glass, 300 dpi', sheet: SHEETS.a0, glass: 'a3', dpi: 300 },
  ],
  [{ label: 'A3 from an A4 glass, 100 dpi', sheet: SHEETS.a3, glass: 'a4', dpi: 100 }],
);

interface Side {
  seconds: number;
  rssMb: number;
  rms: number;
  max: number;
  placed: number;
}

export async function stitchBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const tmp = tempDir('bench-stitch');
  try {
    for (const c of CASES) {
      const cut = await cutSheet({ sheet: c.sheet, seed: 5, dpi: c.dpi, glass: c.glass, dir: join(tmp.path, c.label.slice(0, 2)) });
      const files = cut.parts.map((p) => p.path);
      const size = `${cut.parts[0]!.widthPx}x${cut.parts[0]!.heightPx}`;
      const ours = (): Side => {
        const tsx = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
        const r = measured(process.execPath, [tsx, join(REPO, 'test', 'bench', 'stitch-child.ts'), String(c.dpi), size, ...files]);
        const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { seconds: number; placements: PartPlacement[] };
        const e = registrationError(cut.parts, cut.truth, out.placements, c.sheet);
        return { seconds: out.seconds, rssMb: r.rssMb, rms: e.rms300, max: e.max300, placed: out.placements.length };
      };
      const peer = (orb?: number): Side => {
        // Stitcher's own registration resolution (0.6 Mpx, ~80 dpi for an A4 part, ~55 dpi for
        // A3), or the station's 60 dpi where that is finer: never less detail than the station has.
        const megapix = Math.max(0.6, ((60 / c.dpi) ** 2 * cut.parts[0]!.widthPx * cut.parts[0]!.heightPx) / 1e6);
        const r = measured('/usr/bin/python3', [join(REPO, 'test', 'bench', 'stitch-peer.py'), ...(orb ? ['--orb', String(orb)] : []), megapix.toFixed(4), ...files]);
        const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { seconds: number; transforms: (number[] | null)[] };
        const placedParts = cut.parts.filter((_, k) => out.transforms[k]);
        const e = placementError(
          placedParts,
          cut.truth,
          (index, [x, y]) => {
            // The camera carries panorama pixels into the part's: the placement is its inverse.
            const [a, b, tx, d, e, ty] = out.transforms[index]!;
            const det = a! * e! - b! * d!;
            return [(e! * (x - tx!) - b! * (y - ty!)) / det, (-d! * (x - tx!) + a! * (y - ty!)) / det];
          },
          c.sheet,
        );
        return { seconds: out.seconds, rssMb: r.rssMb, rms: e.rms300, max: e.max300, placed: placedParts.length };
      };
      // Stitcher with its defaults (500 ORB keypoints a part) leaves parts out of these sheets;
      // given the station's 1500 it places more, and its time is then the fairer comparison.
      const a: Side[] = [];
      const b: Side[] = [];
      const b1500: Side[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        if (round % 2 === 0) {
          a.push(ours());
          b.push(peer());
          b1500.push(peer(1500));
        } else {
          b1500.push(peer(1500));
          b.push(peer());
          a.push(ours());
        }
      }
      // The error is the same every round (the same parts); time and memory are medians.
      const mid = (s: Side[]): Side => ({ ...s[0]!, seconds: median(s.map((x) => x.seconds)), rssMb: median(s.map((x) => x.rssMb)) });
      const o = mid(a);
      const p = mid(b);
      const p1500 = mid(b1500);
      const n = cut.parts.length;
      results.push(
        {
          name: `Stitching registration error, ${c.label}, ${n} shuffled parts turned up to ±5° (RMS, px at 300 dpi; max in notes)`,
          ours: { label: 'station (ORB + RANSAC, global least squares, ECC)', value: o.rms, unit: 'px' },
          peer: { label: 'OpenCV Stitcher SCANS pipeline', value: p.rms, unit: 'px' },
          ratio: p.rms / Math.max(o.rms, 1e-6),
          target: 'RMS ≤ 1 px, max ≤ 3 px; ours not larger',
          notes: `max: station ${o.max.toFixed(3)} px, peer ${p.max.toFixed(3)} px; parts placed: station ${o.placed}/${n}, peer ${p.placed}/${n}; the peer with 1500 ORB keypoints (the station's): RMS ${p1500.rms.toFixed(2)} px, max ${p1500.max.toFixed(2)} px, ${p1500.placed}/${n} placed`,
        },
        {
          name: `Stitching registration time, ${c.label}`,
          ours: { label: 'station', value: o.seconds, unit: 's' },
          peer: { label: 'OpenCV Stitcher SCANS pipeline', value: p.seconds, unit: 's' },
          ratio: p.seconds / o.seconds,
          target: 'ours ≤ 1.0× the peer’s',
          notes: QUICK
            ? 'quick mode: no measure'
            : `time inside each process, images read included (module loading not: Python's import, the station's OpenCV start); the peer with 1500 ORB keypoints: ${p1500.seconds.toFixed(2)} s (${p1500.placed}/${n} placed), ratio ${(p1500.seconds / o.seconds).toFixed(2)}`,
        },
        {
          name: `Stitching registration peak memory, ${c.label}`,
          ours: { label: 'station', value: o.rssMb, unit: 'MB' },
          peer: { label: 'OpenCV Stitcher SCANS pipeline', value: p.rssMb, unit: 'MB' },
          ratio: p.rssMb / o.rssMb,
          target: 'ours lower; within the 1 GB job budget',
        },
      );
    }
  } finally {
    tmp.cleanup();
  }
  return results;
}
