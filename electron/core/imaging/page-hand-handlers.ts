// The hand-edit methods' handlers (pages.rotate, crop, undo, revert, steps), spread into the
// dispatcher's table (dispatch.ts). An edit answers with the draft as it is now, as pages.move does.
import type { DocumentDetail } from '../../contract';
import type { Handlers } from '../dispatch';
import type { Station } from '../station';
import { vietnamIso } from '../time';

type HandMethod = 'pages.rotate' | 'pages.crop' | 'pages.undo' | 'pages.revert' | 'pages.steps';

export function pageHandHandlers(station: Station, documentAfterEdit: (id: string) => DocumentDetail): { readonly [M in HandMethod]: Handlers[M] } {
  const edits = station.pageHandEdits;
  return {
    'pages.rotate': async ({ pageId, quarterTurns, sha256 }) => documentAfterEdit(await edits.edit(pageId, { kind: 'rotate', quarterTurns }, vietnamIso(), sha256)),
    'pages.crop': async ({ pageId, box, sha256 }) => documentAfterEdit(await edits.edit(pageId, { kind: 'crop', box }, vietnamIso(), sha256)),
    'pages.undo': async ({ pageId, sha256 }) => documentAfterEdit(await edits.edit(pageId, { kind: 'undo' }, vietnamIso(), sha256)),
    'pages.revert': async ({ pageId, sha256 }) => documentAfterEdit(await edits.edit(pageId, { kind: 'revert' }, vietnamIso(), sha256)),
    'pages.steps': async ({ pageId }) => {
      const s = edits.state(pageId);
      const { steps } = s;
      return {
        pageId,
        automatic: {
          profile: steps.profile,
          quarterTurns: steps.quarterTurns,
          deskewDegrees: steps.deskewDegrees,
          crop: steps.crop,
          part: steps.part,
          capturedMode: steps.capturedMode,
          storedMode: steps.storedMode,
          blank: steps.blank,
        },
        hand: [...s.hand.steps],
        handInForce: [...s.handSteps],
        canUndo: s.canUndo,
        atCapture: s.atCapture,
        hasOriginal: s.hasOriginal,
        partsKept: station.documents.pageParts(pageId).length,
        sha256: s.image,
        widthPx: s.widthPx,
        heightPx: s.heightPx,
      };
    },
  };
}
