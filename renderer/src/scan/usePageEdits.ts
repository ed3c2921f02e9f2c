// The draft's page edits, queued: every edit (a turn, a delete, a move, a crop…) waits for the one
// before it, so none is refused or lost while a page is still being processed, and nothing on
// screen is disabled meanwhile. A turn shows at once (the thumbnail and the review turn by CSS)
// and the station's image replaces it when the core has stored the turn. The core serialises the
// edits of a page too (imaging/page-hand-edits.ts): this queue keeps their order as pressed.
import { useCallback, useRef, useState } from 'react';
import type { DocumentDetail, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';

export interface PageEdits {
  /** Turns pages clockwise by quarter turns (3: one to the left); one call for several pages. */
  rotate(pageIds: readonly string[], quarterTurns: 1 | 3): Promise<boolean>;
  remove(pageIds: readonly string[]): Promise<boolean>;
  /** The pages, in their order, go before the page now at `toSeq`. */
  move(pageIds: readonly string[], toSeq: number): Promise<boolean>;
  /** Any other edit answered with the draft (the review's crop, undo…), in the same queue. */
  enqueue(call: () => Promise<DocumentDetail>): Promise<boolean>;
  /** Degrees each page shows turned beyond its image until the core has stored its turns. */
  readonly pendingTurns: ReadonlyMap<string, number>;
  /** Edits queued or under way. */
  readonly queued: number;
  readonly error: WireError | null;
  clearError(): void;
}

export function usePageEdits(documentId: string | null, onDocument: (doc: DocumentDetail) => void): PageEdits {
  const client = useClient();
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [queued, setQueued] = useState(0);
  const [pendingTurns, setPendingTurns] = useState<ReadonlyMap<string, number>>(new Map());
  const [error, setError] = useState<WireError | null>(null);
  const latest = useRef(onDocument);
  latest.current = onDocument;

  const turn = useCallback((pageIds: readonly string[], degrees: number) => {
    setPendingTurns((m) => {
      const next = new Map(m);
      for (const id of pageIds) {
        const d = (next.get(id) ?? 0) + degrees;
        if (d === 0) next.delete(id);
        else next.set(id, d);
      }
      return next;
    });
  }, []);

  const enqueue = useCallback((call: () => Promise<DocumentDetail>, after?: () => void): Promise<boolean> => {
    setQueued((n) => n + 1);
    const run = chain.current.then(async () => {
      try {
        latest.current(await call());
        return true;
      } catch (e) {
        if (e instanceof StationCallError) setError(e.error);
        else throw e;
        return false;
      } finally {
        after?.();
        setQueued((n) => n - 1);
      }
    });
    chain.current = run.catch(() => false);
    return run;
  }, []);

  const rotate = useCallback(
    (pageIds: readonly string[], quarterTurns: 1 | 3) => {
      const ids = [...pageIds];
      if (ids.length === 0 || !documentId) return Promise.resolve(false);
      setError(null);
      const degrees = quarterTurns === 1 ? 90 : -90;
      turn(ids, degrees);
      return enqueue(
        () => (ids.length === 1 ? client.call('pages.rotate', { pageId: ids[0]!, quarterTurns }) : client.call('pages.batch', { documentId, pageIds: ids, change: { kind: 'rotate', quarterTurns } })),
        () => turn(ids, -degrees),
      );
    },
    [client, documentId, enqueue, turn],
  );

  const remove = useCallback(
    (pageIds: readonly string[]) => {
      const ids = [...pageIds];
      if (ids.length === 0 || !documentId) return Promise.resolve(false);
      setError(null);
      return enqueue(() => (ids.length === 1 ? client.call('pages.delete', { pageId: ids[0]! }) : client.call('pages.batch', { documentId, pageIds: ids, change: { kind: 'delete' } })));
    },
    [client, documentId, enqueue],
  );

  const move = useCallback(
    (pageIds: readonly string[], toSeq: number) => {
      const ids = [...pageIds];
      if (ids.length === 0 || !documentId) return Promise.resolve(false);
      setError(null);
      return enqueue(() => client.call('pages.batch', { documentId, pageIds: ids, change: { kind: 'move', toSeq } }));
    },
    [client, documentId, enqueue],
  );

  return { rotate, remove, move, enqueue: (call) => enqueue(call), pendingTurns, queued, error, clearError: () => setError(null) };
}
