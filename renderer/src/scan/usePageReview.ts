// The page review's calls: a page's steps (what the pipeline and the person did), and the edits —
// each answers with the draft as it is now, which the scan screen's grid then shows. One call at a
// time: a crop box is drawn on the image shown, so nothing may change it underneath.
import { useCallback, useEffect, useState } from 'react';
import type { CropBox, DocumentDetail, PageInfo, PageStepsInfo, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';

export type ReviewEdit =
  | { kind: 'rotate'; quarterTurns: 1 | 3 }
  | { kind: 'crop'; box: CropBox }
  | { kind: 'undo' }
  | { kind: 'revert' }
  | { kind: 'delete' }
  | { kind: 'move'; toSeq: number };

export function usePageReview(page: PageInfo | null, onDocument: (doc: DocumentDetail) => void) {
  const client = useClient();
  const [steps, setSteps] = useState<PageStepsInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const pageId = page?.id ?? null;
  const sha = page?.sha256 ?? null;

  // Again whenever the page's image changes (an edit here, or the background processing).
  useEffect(() => {
    if (!pageId) return;
    let live = true;
    client.call('pages.steps', { pageId }).then(
      (s) => live && setSteps(s),
      () => live && setSteps(null),
    );
    return () => {
      live = false;
    };
  }, [client, pageId, sha]);

  const run = useCallback(
    async (edit: ReviewEdit): Promise<boolean> => {
      if (!pageId || !sha || busy) return false;
      setBusy(true);
      setError(null);
      try {
        const doc = await (edit.kind === 'rotate'
          ? client.call('pages.rotate', { pageId, quarterTurns: edit.quarterTurns })
          : edit.kind === 'crop'
            ? client.call('pages.crop', { pageId, box: edit.box, sha256: sha })
            : edit.kind === 'undo'
              ? client.call('pages.undo', { pageId })
              : edit.kind === 'revert'
                ? client.call('pages.revert', { pageId })
                : edit.kind === 'delete'
                  ? client.call('pages.delete', { pageId })
                  : client.call('pages.move', { pageId, toSeq: edit.toSeq }));
        onDocument(doc);
        return true;
      } catch (e) {
        if (e instanceof StationCallError) setError(e.error);
        else throw e;
        return false;
      } finally {
        setBusy(false);
      }
    },
    [client, pageId, sha, busy, onDocument],
  );

  return { steps: steps?.pageId === pageId ? steps : null, busy, error, clearError: () => setError(null), run };
}
