// The guided capture of a large sheet (issue 18). The parts are the draft's own pages, one per
// part in the plan's order (the sheet is a document of its own: stitch.assemble makes one page of
// all the draft's pages): each is scanned through the scan screen's session like any page (on disk
// and in the database before it shows), rescanned in place (the new scan goes in before the old
// one, which is removed only once the new one is in — a failed rescan loses nothing), and taken off
// the end (undo). Pausing keeps them all in the draft; continuing carries on from the first missing.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PageInfo, ScanRequest, TilePlan, WireError } from '../../../../electron/contract';
import { StationCallError } from '../../client/client';
import { useClient } from '../../client/context';
import type { useScanSession } from '../useScanSession';

type Session = ReturnType<typeof useScanSession>;

/** plan: the plan before the first part; capture: part by part; paused: left with Esc (the parts
 * are ordinary draft pages meanwhile); assembling / assembled: the parts made one page. */
export type TiledPhase = 'plan' | 'capture' | 'paused' | 'assembling' | 'assembled';

/** How a part is scanned: the whole glass, as captured — no crop to the paper, no deskew, no blank
 * page dropped (imaging profile `none`): any of them would change the part the stitching matches. */
export function partRequest(base: ScanRequest): ScanRequest {
  return { ...base, source: 'flatbed', paper: { preset: 'auto' }, pages: 1, profile: 'none' };
}

export function useTiledCapture(o: { active: boolean; plan: TilePlan | null; session: Session; base: ScanRequest | null }) {
  const { active, plan, session, base } = o;
  const client = useClient();
  const [phase, setPhase] = useState<TiledPhase>('plan');
  // A rescan under way: the page it replaces, and how many pages there were before it.
  const [replacing, setReplacing] = useState<{ oldId: string; before: number; removing?: boolean } | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  // The part the scan under way brings in (the next one, or the one rescanned).
  const [target, setTarget] = useState<number | null>(null);
  useEffect(() => {
    if (!session.scanning) setTarget(null);
  }, [session.scanning]);
  const count = plan?.count ?? 0;

  const parts: readonly PageInfo[] = useMemo(
    () => (phase === 'plan' || phase === 'assembled' ? [] : session.pages.slice(0, count)),
    [phase, session.pages, count],
  );
  const next = parts.length < count ? parts.length + 1 : null;

  // The large sheet turned off, or its document saved: back to the plan.
  const documentId = useRef(session.documentId);
  useEffect(() => {
    const saved = documentId.current !== null && session.documentId === null;
    documentId.current = session.documentId;
    if (!active || saved) {
      setPhase('plan');
      setReplacing(null);
      setError(null);
    }
  }, [active, session.documentId]);

  const fail = useCallback((e: unknown) => {
    if (e instanceof StationCallError) setError(e.error);
    else throw e;
  }, []);

  // A rescan has ended: its page is in (one page more), so the one it replaces goes; otherwise
  // (cancelled, failed) the old part stays where it was. Busy until the old one is gone: assembled
  // in between, the draft would hold both.
  useEffect(() => {
    if (!replacing || replacing.removing || session.scanning) return;
    if (session.pages.length > replacing.before && session.pages.some((p) => p.id === replacing.oldId)) {
      setReplacing({ ...replacing, removing: true });
      void client
        .call('pages.delete', { pageId: replacing.oldId })
        .then(session.showDocument, fail)
        .finally(() => setReplacing(null));
    } else setReplacing(null);
  }, [replacing, session.scanning, session.pages, session.showDocument, client, fail]);

  const busy = session.scanning || session.saving || replacing !== null || phase === 'assembling';

  /** Only from an empty draft: pages scanned before would be taken for parts. */
  const canStart = session.pages.length === 0;
  const start = useCallback(() => {
    if (!canStart) return;
    setError(null);
    setPhase('capture');
  }, [canStart]);

  /** Back from a pause: the draft's pages are the parts (whatever was done to them meanwhile). */
  const resume = useCallback(() => {
    setError(null);
    setPhase('capture');
  }, []);

  const pause = useCallback(() => setPhase('paused'), []);

  const scanNext = useCallback(() => {
    if (!base || busy || next === null) return;
    setError(null);
    // After the last part, or before a page beyond the plan (only if the sheet was changed to a smaller one).
    const at = parts.length + 1;
    setTarget(next);
    void session.start(partRequest(base), at <= session.pages.length ? at : undefined);
  }, [base, busy, next, parts.length, session]);

  const rescan = useCallback(
    (part: number) => {
      const page = parts[part - 1];
      if (!base || busy || !page) return;
      setError(null);
      setReplacing({ oldId: page.id, before: session.pages.length });
      setTarget(part);
      void session.start(partRequest(base), page.seq);
    },
    [base, busy, parts, session],
  );

  const undo = useCallback(() => {
    const last = parts[parts.length - 1];
    if (busy || !last) return;
    setError(null);
    void client.call('pages.delete', { pageId: last.id }).then(session.showDocument, fail);
  }, [busy, parts, client, session.showDocument, fail]);

  return { phase, setPhase, canStart, parts, count, next, busy, scanningPart: session.scanning ? target : null, error, clearError: () => setError(null), fail, start, resume, pause, scanNext, rescan, undo };
}

export type TiledCapture = ReturnType<typeof useTiledCapture>;
