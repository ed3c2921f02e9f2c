// Whether a photo is exposed well enough to read: too dark (a page under a hand's shadow, the
// lamp off) or too bright (the sensor clipped, the page washed out by the lamp's glare). Judged on
// the whole photo's grey levels, before the page is looked for: in such a photo the search
// would fail anyway, and the person should hear what to change, not "no page".
import { StationError } from '../errors';

/** The grey level below which 98 % of a too-dark photo lies: its paper never reaches it. (A dark
 * desk alone stays below 90, so the line sits under it: an empty desk is "no page", not "too dark".) */
const DARK_P98 = 70;
/** A photo with more than this share of clipped pixels (≥ 250) has lost its paper's text. */
const CLIPPED_SHARE = 0.35;

export interface Exposure {
  readonly meanGrey: number;
  readonly p98: number;
  readonly clippedShare: number;
}

export function measureExposure(grey: Uint8Array): Exposure {
  const hist = new Uint32Array(256);
  let sum = 0;
  for (const v of grey) {
    hist[v]!++;
    sum += v;
  }
  let acc = 0;
  let p98 = 255;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= grey.length * 0.98) {
      p98 = v;
      break;
    }
  }
  let clipped = 0;
  for (let v = 250; v < 256; v++) clipped += hist[v]!;
  return { meanGrey: sum / grey.length, p98, clippedShare: clipped / grey.length };
}

export function checkExposure(e: Exposure, file: string): void {
  if (e.p98 < DARK_P98) throw new StationError('camera-too-dark', { file, level: Math.round(e.p98) });
  if (e.clippedShare > CLIPPED_SHARE) throw new StationError('camera-too-bright', { file, share: Math.round(e.clippedShare * 100) });
}
