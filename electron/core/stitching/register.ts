// Placing the parts of a large sheet (issue 18): scanned overlapping parts in, where each lies on
// the sheet out (PartPlacement, in full-resolution sheet pixels), with what each overlapping pair
// showed. The steps:
//   1. checks of the set: one dpi, one colour mode, no blank part (part-copies.ts);
//   2. ORB features on reduced copies (~60 dpi) and a rigid motion per pair by RANSAC (features.ts);
//   3. each matched pair checked by ECC where it makes the parts overlap, and refined at a higher
//      resolution (verify-pairs.ts, refine.ts): chance matches dropped, a part scanned twice named;
//   4. the graph of pairs: one connected group, or the parts outside it named; pairs that disagree
//      with the strongest ones dropped (pair-graph.ts); one global least-squares adjustment of all
//      parts (global-adjust.ts);
//   5. overlaps without a feature match checked and refined too; the global adjustment again on
//      the refined correspondences; every pair must agree with it (no visible seam), or the part
//      that does not fit is named; the sheet's frame (sheet-frame.ts).
// Parts come in any order, each turned up to a few degrees — or upside down: a part laid on the
// glass the other way round is placed all the same (its angle is then near 180°) and reported in
// `turned`, so the officer can be told without rescanning it.
import { availableParallelism } from 'node:os';
import { StationError } from '../errors';
import { type DetectedFeatures, type PairMatch, detect, releaseFeatures } from './features';
import { type AdjustResult, type Correspondences, adjust } from './global-adjust';
import { openCv } from './opencv';
import { type GreyImage, type PartFacts, greyCopy, inkShare, partFacts } from './part-copies';
import { consistentPairs, groups, pairDisagreement } from './pair-graph';
import { PairSearch } from './pair-search';
import type { RefinedPair } from './refine';
import { pairPoses, verifyPair } from './verify-pairs';
import { type Point, wrap } from './rigid';
import { RefineCopies } from './refine-copies';
import { sheetFrame } from './sheet-frame';
import type { AssemblyProgress, PartImage, PartPlacement } from './types';

/** Parts read at once at most: each holds its copy at the refinement's scale (an A3 part at
 * 200 dpi: 7.7 MB grey) while it waits for its turn. */
const READ_AHEAD_MAX = 4;

export interface RegisterOptions {
  /** Resolution of the copies the features are found on (default 60 dpi). */
  readonly workDpi?: number;
  /** Resolution of the refinement (default: the parts' own, at most 200 dpi). */
  readonly refineDpi?: number;
  /** ORB keypoints per part (default 1500). */
  readonly maxFeatures?: number;
  /** The most two overlapping parts may disagree after the adjustment, in mm (default 0.254: the
   * issue's 3 px at 300 dpi); beyond it the parts are refused rather than a seam shown. */
  readonly maxSeamMm?: number;
  /** Told as the work moves on: each part read (its features found), then the matching begun. */
  readonly onProgress?: ((p: AssemblyProgress) => void) | undefined;
}

export interface PairDiagnostics {
  /** The two parts, by PartImage.index. */
  readonly a: number;
  readonly b: number;
  /** Feature matches that passed the ratio test, and the inliers of the rigid motion. */
  readonly matches: number;
  readonly inliers: number;
  /** The pair's own rigid fit, RMS over its inliers (full-resolution pixels). */
  readonly featureResidualPx: number;
  /** Whether ECC refined the pair, and its correlation. */
  readonly refined: boolean;
  readonly correlation?: number;
  /** After the global adjustment: how far apart the pair's correspondences still are (full-resolution pixels). */
  readonly residualRmsPx: number;
  readonly residualMaxPx: number;
}

export interface Registration {
  readonly dpi: number;
  /** One per part, in the order given. */
  readonly placements: PartPlacement[];
  readonly pairs: PairDiagnostics[];
  /** Parts laid on the glass turned by quarter turns against the rest (2: upside down). */
  readonly turned: { readonly index: number; readonly quarterTurns: number }[];
  /** The bounding box of all parts on the sheet (pixels). */
  readonly widthPx: number;
  readonly heightPx: number;
}

/** The number the officer knows a part by: 1 for the first scanned. */
const partNo = (part: PartImage) => part.index + 1;

const MODE_WORDS = {
  color: { en: 'colour', vi: 'ở chế độ màu' },
  gray: { en: 'greyscale', vi: 'ở chế độ xám' },
} as const;

/** The value most parts share, and the first part that differs from it. */
function odd<T>(count: number, value: (k: number) => T): { expected: T; k: number } | null {
  const counts = new Map<T, number>();
  for (let k = 0; k < count; k++) counts.set(value(k), (counts.get(value(k)) ?? 0) + 1);
  const expected = [...counts.entries()].sort((x, y) => y[1] - x[1])[0]![0];
  const k = Array.from({ length: count }, (_, n) => n).findIndex((n) => value(n) !== expected);
  return k < 0 ? null : { expected, k };
}

function checkSet(parts: readonly PartImage[], facts: readonly PartFacts[]): void {
  const dpi = odd(parts.length, (k) => Math.round(parts[k]!.dpi));
  if (dpi) throw new StationError('stitch-parts-mixed-dpi', { part: partNo(parts[dpi.k]!), dpi: Math.round(parts[dpi.k]!.dpi), expected: dpi.expected });
  const mode = odd(parts.length, (k) => facts[k]!.mode);
  if (mode) {
    const got = MODE_WORDS[facts[mode.k]!.mode];
    const want = MODE_WORDS[mode.expected];
    throw new StationError('stitch-parts-mixed-modes', { part: partNo(parts[mode.k]!), mode: got.en, mode_vi: got.vi, expected: want.en, expected_vi: want.vi });
  }
}

function checkGraph(parts: readonly PartImage[], pairs: readonly PairMatch[]): number[] {
  const found = groups(parts.length, pairs);
  if (found.length === 1) return found[0]!;
  const names = (g: number[]) => g.map((k) => partNo(parts[k]!)).sort((x, y) => x - y);
  const several = found.filter((g) => g.length >= 2);
  if (several.length >= 2) {
    const list = found.map((g) => names(g).join(', '));
    throw new StationError('stitch-parts-different-sheets', { groups: list.join(' | ') });
  }
  const alone = found.slice(1).flatMap(names);
  throw new StationError('stitch-part-unplaced', { part: alone.join(', ') });
}

/** A pair's correspondences, at most `limit` of them, evenly taken. */
function thin(p: { i: number; j: number; inI: Point[]; inJ: Point[] }, weight: number, limit = 150): Correspondences {
  const step = Math.max(1, p.inI.length / limit);
  const inI: Point[] = [];
  const inJ: Point[] = [];
  for (let k = 0; k < p.inI.length; k += step) {
    inI.push(p.inI[Math.floor(k)]!);
    inJ.push(p.inJ[Math.floor(k)]!);
  }
  return { i: p.i, j: p.j, inI, inJ, weight };
}

/** Places every part on the sheet, or names the parts that cannot be placed (StationError). */
export async function registerParts(parts: readonly PartImage[], options: RegisterOptions = {}): Promise<Registration> {
  if (parts.length === 0) throw new Error('registerParts: no parts');
  const facts = await Promise.all(parts.map(partFacts));
  checkSet(parts, facts);
  const dpi = parts[0]!.dpi;
  if (parts.length === 1) {
    return { dpi, placements: [{ index: parts[0]!.index, angleDeg: 0, dx: 0, dy: 0 }], pairs: [], turned: [], widthPx: facts[0]!.widthPx, heightPx: facts[0]!.heightPx };
  }
  const cv = await openCv();
  const workScale = Math.min(1, (options.workDpi ?? 60) / dpi);
  const refineScale = Math.min(1, (options.refineDpi ?? Math.min(dpi, 200)) / dpi);

  // 1–2. Reduced copies, one at a time: blank parts named, features kept (the copies are let go).
  const features: DetectedFeatures[] = [];
  const copies = new RefineCopies(parts, facts, refineScale);
  try {
    // The next parts are read (libvips, on its own threads) while this one's corners are found
    // (OpenCV, this thread). A part's PNG is decoded on one thread, and reading, not the corners,
    // is what the registration waits for (an A0's 16 A3 parts at 300 dpi: ~0.4 s of decoding
    // each against ~0.14 s of corners), so as many parts are read at once as there are cores.
    const reduce = (k: number) => (workScale < refineScale ? copies.reduced(k, workScale) : greyCopy(parts[k]!, facts[k]!, workScale));
    const ahead = Math.max(1, Math.min(READ_AHEAD_MAX, availableParallelism()));
    const reading: Promise<GreyImage>[] = [];
    const readPart = (k: number) => {
      if (k >= parts.length) return;
      const read = reduce(k);
      read.catch(() => undefined); // awaited in its round, unless an earlier part stops the registration
      reading[k] = read;
    };
    for (let k = 0; k < ahead; k++) readPart(k);
    for (let k = 0; k < parts.length; k++) {
      const copy = await reading[k]!;
      delete reading[k];
      readPart(k + ahead);
      if (inkShare(copy) < 0.002) throw new StationError('stitch-part-blank', { part: partNo(parts[k]!) });
      features.push(detect(cv, copy, options.maxFeatures ?? 1500));
      options.onProgress?.({ stage: 'reading', done: k + 1, total: parts.length });
    }
    options.onProgress?.({ stage: 'matching', done: 0, total: parts.length });
    // Parts lie on the glass straight or turned by quarter turns, a few degrees off at most: a
    // pair far from that is a chance match.
    const nearQuarterTurn = (m: PairMatch) => Math.abs(wrap(m.relative.theta - Math.round(m.relative.theta / (Math.PI / 2)) * (Math.PI / 2))) < (15 * Math.PI) / 180;
    const search = new PairSearch(cv, features, nearQuarterTurn);

    // 3. Every matched pair is checked where it makes the two parts overlap: a pair that does not
    // show the same thing there is a chance match (the same printed form on another sheet) and is
    // dropped; one that does is refined by ECC; two parts at one place are the same area scanned twice.
    const verify = { maxCorrectionPx: 4 / workScale };
    const refined = new Map<string, RefinedPair>();
    const kept: PairMatch[] = [];
    const check = async (matched: readonly PairMatch[]) => {
      for (const m of matched) {
        const verdict = await verifyPair(cv, copies, facts, pairPoses(parts.length, m.i, m.j, m.relative), m.i, m.j, verify);
        if (verdict.kind === 'disagrees') continue;
        if (verdict.share >= 0.85 && Math.abs(m.relative.theta) < (3 * Math.PI) / 180) {
          throw new StationError('stitch-part-duplicate', { part: partNo(parts[m.i]!), other: partNo(parts[m.j]!) });
        }
        if (verdict.kind === 'agrees') refined.set(`${m.i}-${m.j}`, verdict.refined);
        kept.push(m);
      }
    };
    await check(search.screened());
    // Not one sheet on the screened pairs: every other pair gets its full match before a part is
    // named as not fitting.
    if (groups(parts.length, kept).length > 1) await check(search.rest());

    // 4. The strongest pairs chain a first placement; pairs that disagree with it (a repeated
    // form line matched at the wrong place) are dropped; all parts are adjusted together on the
    // rest; a pair that still disagrees is dropped and the adjustment done again.
    let pool = kept;
    let members: number[] = [];
    let anchor = 0;
    let coarse: AdjustResult | null = null;
    for (let round = 0; round < 5; round++) {
      members = checkGraph(parts, pool);
      anchor = Math.min(...members);
      const consistent = consistentPairs(parts.length, anchor, pool, 8 / workScale);
      members = checkGraph(parts, consistent.pairs);
      anchor = Math.min(...members);
      const start = consistent.start.map((p) => p ?? { theta: 0, tx: 0, ty: 0 });
      coarse = adjust(start, members, anchor, consistent.pairs.map((m) => thin(m, 1)));
      const poses = coarse.poses;
      const agreeing = consistent.pairs.filter((m) => pairDisagreement(m, poses) < 3 / workScale);
      const done = agreeing.length === consistent.pairs.length;
      pool = agreeing;
      if (done) break;
    }
    if (!coarse) throw new Error('registerParts: no adjustment');
    const matchedPairs = pool;

    // 5. Parts the placement makes overlap without a feature match between them (diagonal
    // neighbours, most often) are checked and refined too; then all parts are adjusted again on
    // the refined correspondences.
    for (const i of members) {
      for (const j of members) {
        if (j <= i || matchedPairs.some((m) => m.i === i && m.j === j)) continue;
        const verdict = await verifyPair(cv, copies, facts, coarse.poses, i, j, verify);
        if (verdict.kind === 'disagrees') throw new StationError('stitch-parts-disagree', { part: partNo(parts[i]!), other: partNo(parts[j]!) });
        if (verdict.kind === 'agrees') refined.set(`${i}-${j}`, verdict.refined);
      }
    }
    // Pairs dropped as inconsistent keep no refinement either.
    for (const m of kept) if (!matchedPairs.includes(m)) refined.delete(`${m.i}-${m.j}`);
    const refinedKey = new Set(refined.keys());
    const fallback = matchedPairs.filter((m) => !refinedKey.has(`${m.i}-${m.j}`));
    // Refined correspondences are what the placement rests on; an unrefined pair only keeps a part tied.
    const data = [...[...refined.values()].map((r) => thin(r, 1)), ...fallback.map((m) => thin(m, 0.02))];
    const fine = adjust(coarse.poses, members, anchor, data, 0.5 / refineScale);
    const frame = sheetFrame(fine.poses, facts);

    const residualOf = (i: number, j: number) => fine.residuals.find((r) => r.i === i && r.j === j);
    const keys = new Set([...matchedPairs.map((m) => `${m.i}-${m.j}`), ...refinedKey]);
    const pairs: PairDiagnostics[] = [...keys].map((key) => {
      const [i, j] = key.split('-').map(Number) as [number, number];
      const m = matchedPairs.find((x) => x.i === i && x.j === j);
      const r = refined.get(key);
      const res = residualOf(i, j);
      return {
        a: parts[i]!.index,
        b: parts[j]!.index,
        matches: m?.matches ?? 0,
        inliers: m?.inliers ?? 0,
        featureResidualPx: m?.residualPx ?? 0,
        refined: r !== undefined,
        ...(r ? { correlation: r.correlation } : {}),
        residualRmsPx: res?.rmsPx ?? 0,
        residualMaxPx: res?.maxPx ?? 0,
      };
    });
    checkAgreement(parts, pairs, dpi, options.maxSeamMm ?? 0.254);
    return {
      dpi,
      placements: frame.poses.map((p, k) => ({ index: parts[k]!.index, angleDeg: (p.theta * 180) / Math.PI, dx: p.tx, dy: p.ty })),
      pairs,
      turned: frame.turned.flatMap((q, k) => (q === 0 ? [] : [{ index: parts[k]!.index, quarterTurns: q }])),
      widthPx: frame.widthPx,
      heightPx: frame.heightPx,
    };
  } finally {
    for (const f of features) releaseFeatures(f);
  }
}

/**
 * Every refined pair must agree with the one global placement to within `limitMm` (a seam beyond
 * it shows; the 3 px at 300 dpi). When some do not, the part named is the one most of the
 * disagreeing pairs share, and between equals the one whose overlaps correlate worst (a part whose
 * paper slipped matches none of its neighbours quite; the adjustment spreads its error over them).
 */
function checkAgreement(parts: readonly PartImage[], pairs: readonly PairDiagnostics[], dpi: number, limitMm: number): void {
  const limitPx = (limitMm / 25.4) * dpi;
  const bad = pairs.filter((p) => p.refined && p.residualMaxPx > limitPx);
  if (bad.length === 0) return;
  const score = (index: number) => {
    const own = pairs.filter((p) => p.refined && (p.a === index || p.b === index));
    const correlation = own.reduce((sum, p) => sum + (p.correlation ?? 1), 0) / own.length;
    return bad.filter((p) => p.a === index || p.b === index).length + (1 - correlation);
  };
  const culprit = [...new Set(bad.flatMap((p) => [p.a, p.b]))].sort((x, y) => score(y) - score(x))[0]!;
  const worst = bad.filter((p) => p.a === culprit || p.b === culprit).sort((x, y) => y.residualMaxPx - x.residualMaxPx)[0]!;
  const other = worst.a === culprit ? worst.b : worst.a;
  const no = (index: number) => partNo(parts.find((p) => p.index === index)!);
  throw new StationError('stitch-parts-inconsistent', { part: no(culprit), other: no(other), offsetMm: ((worst.residualMaxPx / dpi) * 25.4).toFixed(2) });
}
