// Which parts an assembly refusal tells the officer to scan again (its advice names them by number:
// "Scan part 3 again…"), so that the capture can offer R on exactly those. Refusals whose advice is
// not a rescan (a part scanned twice: delete one; parts of different sheets) name none.
import type { WireError } from '../../../../electron/contract';

export function rescanTargets(error: WireError | null): number[] {
  if (!error) return [];
  const named = (key: string) => [...new Set(String(error.details?.[key] ?? '').split(/\D+/).filter(Boolean).map(Number))];
  switch (error.code) {
    case 'stitch-part-unplaced':
    case 'stitch-part-blank':
    case 'stitch-parts-mixed-dpi':
    case 'stitch-parts-mixed-modes':
    case 'stitch-parts-inconsistent':
      return named('part');
    case 'stitch-parts-disagree':
      return named('other');
    default:
      return [];
  }
}
