// The station's analysis on the ground-truth set, each page with the options its preset uses:
// the default profile (deskew, borders, orientation, blank pages), `auto`/`id-card` (find the
// paper) for cards and A5 sheets on the glass, spread splitting for book spreads.
import { analysePage, straightenedSize, type AnalyseOptions, type PageAnalysis } from '../../../electron/core/imaging/analysis';
import type { GroundTruth } from '../../fixtures/imaging/cases';
import type { Answer } from './score';

export function optionsFor(truth: GroundTruth): AnalyseOptions {
  const kind = truth.spec.kind;
  return {
    dpi: truth.dpi,
    orientation: kind !== 'card',
    deskew: true,
    findPaper: kind === 'card' || kind === 'a5',
    trimBorders: true,
    blankSensitivity: 0.5,
    splitSpread: kind === 'spread',
  };
}

export async function stationAnswer(truth: GroundTruth): Promise<{ answer: Answer; analysis: PageAnalysis }> {
  const cpu = process.cpuUsage();
  const analysis = await analysePage(truth.file, optionsFor(truth));
  const used = process.cpuUsage(cpu);
  return {
    analysis,
    answer: {
      deskewDegrees: analysis.deskewDegrees,
      quarterTurns: analysis.rotateQuarterTurns,
      crop: analysis.crop,
      canvas: straightenedSize(truth.width, truth.height, analysis),
      blank: analysis.blank,
      gutterX: analysis.spreadGutterX,
      hasColour: analysis.hasColour,
      cpuMs: (used.user + used.system) / 1000,
    },
  };
}
