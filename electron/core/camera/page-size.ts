// A camera page's true size in millimetres. A photo does not say how far the page was from the
// lens, so its aspect alone cannot tell A4 from A5: a chosen paper size gives the size exactly;
// otherwise the measured aspect is matched to the papers offices use (A-series → A4, the paper
// nearly every administrative page is on; letter; legal), and a page that matches none keeps its
// aspect at the long side of A4 — said as such in the measures ('aspect'), never passed off as known.
import { PAPERS, type PaperName } from './types';

/** How far a measured aspect may be from a paper's and still be that paper. */
const MATCH_TOLERANCE = 0.025;
const AUTO_PAPERS: readonly PaperName[] = ['a4', 'letter', 'legal'];

export interface PageSize {
  readonly widthMm: number;
  readonly heightMm: number;
  /** 'paper': the size chosen; 'matched': the nearest paper to the aspect; 'aspect': no paper matched. */
  readonly source: 'paper' | 'matched' | 'aspect';
  readonly paper: PaperName | null;
}

/** The page's size from its measured width/height ratio (landscape when above 1). */
export function pageSize(ratio: number, paper: PaperName | undefined): PageSize {
  const landscape = ratio > 1;
  const orient = (p: { widthMm: number; heightMm: number }) => (landscape ? { widthMm: p.heightMm, heightMm: p.widthMm } : { widthMm: p.widthMm, heightMm: p.heightMm });
  if (paper) return { ...orient(PAPERS[paper]), source: 'paper', paper };
  const portraitRatio = landscape ? 1 / ratio : ratio;
  let best: PaperName | null = null;
  let bestError = Infinity;
  for (const name of AUTO_PAPERS) {
    const p = PAPERS[name];
    const error = Math.abs(portraitRatio / (p.widthMm / p.heightMm) - 1);
    if (error < bestError) [best, bestError] = [name, error];
  }
  if (best && bestError <= MATCH_TOLERANCE) return { ...orient(PAPERS[best]), source: 'matched', paper: best };
  const long = PAPERS.a4.heightMm;
  const size = landscape ? { widthMm: long, heightMm: long / ratio } : { widthMm: long * ratio, heightMm: long };
  return { ...size, source: 'aspect', paper: null };
}
