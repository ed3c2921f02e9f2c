// The page review's calls: a page's steps (what the pipeline and the person did), and the edits —
// each answers with the draft as it is now, which the scan screen's grid then shows. One call at a
// time, in the order pressed (usePageEdits): a crop box is drawn on the image shown, so it waits
// until the turns before it are stored.
import { useCallback, useEffect, useState } from 'react';
import type { CropBox, DocumentDetail, PageInfo, PageStepsInfo } from '../../../electron/contract';
import { useClient } from '../client/context';
import { type PageEdits, usePageEdits } from './usePageEdits';

export type ReviewEdit =
  | { kind: 'rotate'; quarterTurns: 1 | 3 }
  | { kind: 'crop'; box: CropBox }
  | { kind: 'undo' }
  | { kind: 'revert' }
  | { kind: 'delete' }
  | { kind: 'move'; toSeq: number };

export function usePageReview(page: PageInfo | null, onDocument: (doc: DocumentDetail) => void, shared?: PageEdits) {
  const client = useClient();
  const [steps, setSteps] = useState<PageStepsInfo | null>(null);
  // Edits go through the scan screen's queue when it gives one (its grid shows the same turns);
  // else through the review's own. Never refused for being quick: a turn pressed while the page
  // is still processed, or while an earlier edit runs, waits its turn.
  const own = usePageEdits(page?.documentId ?? null, onDocument);
  const edits = shared ?? own;
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
    (edit: ReviewEdit): Promise<boolean> => {
      if (!pageId || !sha) return Promise.resolve(false);
      if (edit.kind === 'rotate') return edits.rotate([pageId], edit.quarterTurns);
      return edits.enqueue(() =>
        edit.kind === 'crop'
          ? client.call('pages.crop', { pageId, box: edit.box, sha256: sha }) // the box was drawn on this image
          : edit.kind === 'undo'
            ? client.call('pages.undo', { pageId })
            : edit.kind === 'revert'
              ? client.call('pages.revert', { pageId })
              : edit.kind === 'delete'
                ? client.call('pages.delete', { pageId })
                : client.call('pages.move', { pageId, toSeq: edit.toSeq }),
      );
    },
    [client, pageId, sha, edits],
  );

  return {
    steps: steps?.pageId === pageId ? steps : null,
    /** Edits queued or under way: the image shown is not the page's last word yet. */
    busy: edits.queued > 0,
    /** Degrees the page shows turned beyond its image until its turns are stored. */
    pendingTurn: pageId ? (edits.pendingTurns.get(pageId) ?? 0) : 0,
    error: edits.error,
    clearError: edits.clearError,
    run,
  };
}
