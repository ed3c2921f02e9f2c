// The whole assembly of a large sheet from its scanned parts, as one call: the parts placed on one
// another (register.ts), the paper found among them (sheet-locate.ts), the page composed at the
// sheet's true size (compose.ts). This runs on the assembly's own thread (assemble-worker.ts):
// registration is seconds to minutes of WebAssembly that must never hold the station's main thread.
// Its answer is plain data, to cross the thread boundary as it is.
import { type ComposedSheet, composeSheet } from './compose';
import { type PairDiagnostics, type RegisterOptions, registerParts } from './register';
import { locateSheet } from './sheet-locate';
import type { AssemblyProgress, PartImage, PartPlacement, SheetSize } from './types';

export interface AssembleRequest {
  /** In the order scanned; their `index` is the part's number less one. */
  readonly parts: readonly PartImage[];
  readonly sheet: SheetSize;
  /** The sheet lies landscape; absent: as the paper found among the parts lies. */
  readonly landscape?: boolean | undefined;
  /** The page: an uncompressed TIFF, as a scan worker writes (sheet-tiff.ts). */
  readonly out: string;
  /** Where work files go (copies of parts that are not plain TIFFs, the small composition). */
  readonly workDir: string;
  readonly register?: RegisterOptions | undefined;
}

/** The composed page (compose.ts), with where each part went and how well the parts fit. */
export interface AssembledSheet extends ComposedSheet {
  /** Where each part lies on the page (sheet pixels, the paper's top-left corner at 0, 0). */
  readonly placements: readonly PartPlacement[];
  /** Parts laid on the glass turned by quarter turns against the rest (2: upside down). */
  readonly turned: readonly { readonly index: number; readonly quarterTurns: number }[];
  readonly pairs: readonly PairDiagnostics[];
  /** The paper's edges were seen on the lid (else the parts' extent was centred on the sheet). */
  readonly paperFound: boolean;
}

/** `onProgress`: told where the work is (assemble-worker.ts passes it on to the station). */
export async function assembleParts(req: AssembleRequest, onProgress?: (p: AssemblyProgress) => void): Promise<AssembledSheet> {
  const t0 = performance.now();
  const found = await registerParts(req.parts, { ...req.register, onProgress });
  const t1 = performance.now();
  onProgress?.({ stage: 'locating', done: 0, total: req.parts.length });
  const located = await locateSheet(req.parts, found.placements, found, req.sheet, found.dpi, req.workDir, req.landscape);
  const t2 = performance.now();
  const onRows = onProgress && ((done: number, total: number) => onProgress({ stage: 'composing', done, total }));
  onRows?.(0, 1);
  const page = await composeSheet(req.parts, located.placements, req.sheet, found.dpi, req.out, { landscape: located.landscape, workDir: req.workDir, onRows });
  return {
    ...page,
    placements: located.placements,
    turned: found.turned,
    pairs: found.pairs,
    paperFound: located.paperFound,
    timingsMs: { register: t1 - t0, locate: t2 - t1, ...page.timingsMs, total: performance.now() - t0 },
  };
}
