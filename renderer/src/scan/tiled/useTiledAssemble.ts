// Assembling the parts of a large sheet (issue 18): the draft's pages, in order, made one page at
// the sheet's true size by the station (stitch.assemble), the seams asked for at once so that the
// preview shows them on request without asking again. A refusal names the parts to rescan (the
// draft is left as it was: the parts stay); each part rescanned since drops off that list.
import { useCallback, useEffect, useState } from 'react';
import type { AssemblyReport, EventPayload, TilePlan, WireError } from '../../../../electron/contract';
import { StationCallError } from '../../client/client';
import { useClient } from '../../client/context';
import type { useScanSession } from '../useScanSession';
import { rescanTargets } from './rescanTargets';
import type { TiledCapture } from './useTiledCapture';

type Session = ReturnType<typeof useScanSession>;

export function useTiledAssemble(o: { plan: TilePlan | null; session: Session; capture: TiledCapture }) {
  const { plan, session, capture } = o;
  const client = useClient();
  const [report, setReport] = useState<AssemblyReport | null>(null);
  const [failure, setFailure] = useState<WireError | null>(null);
  const [unplaced, setUnplaced] = useState<number[]>([]);
  const [seams, setSeams] = useState(false);
  // Quarter turns (clockwise) the page was given after the assembly (see below); the seams follow.
  const [turns, setTurns] = useState<0 | 3>(0);
  /** The officer asked to stop the assembly under way; then, that it was stopped. */
  const [stopping, setStopping] = useState(false);
  const [stopped, setStopped] = useState(false);
  /** Where the assembly under way is (stitch.progress), null until the station says. */
  const [progress, setProgress] = useState<EventPayload<'stitch.progress'> | null>(null);
  const documentId = session.documentId;
  useEffect(
    () =>
      client.subscribe((name, payload) => {
        if (name !== 'stitch.progress') return;
        const p = payload as EventPayload<'stitch.progress'>;
        if (p.documentId === documentId) setProgress(p);
      }),
    [client, documentId],
  );

  // Back to the plan (the sheet saved, or left): nothing of the last assembly stays on screen.
  useEffect(() => {
    if (capture.phase !== 'plan') return;
    setReport(null);
    setFailure(null);
    setUnplaced([]);
    setSeams(false);
    setTurns(0);
    setStopped(false);
  }, [capture.phase]);

  const assemble = useCallback(async () => {
    if (!plan || !session.documentId || capture.busy || capture.next !== null) return;
    const { name, widthMm, heightMm, orientation } = plan.sheet;
    setFailure(null);
    setUnplaced([]);
    setReport(null);
    setStopped(false);
    setStopping(false);
    setProgress(null);
    capture.setPhase('assembling');
    try {
      // A sheet laid turned on the glass (plan.turned) gives parts a quarter turn round; the
      // station composes them as they lie, so it is not told the sheet's orientation then (it would
      // look for the paper across the parts' own frame, and miss it), and the page is turned upright
      // after, like an officer's "rotate left" (undoable in the page review) — unless it already is.
      const out = await client.call('stitch.assemble', {
        documentId: session.documentId,
        sheet: name === 'custom' ? { widthMm, heightMm } : { name },
        ...(plan.turned ? {} : { landscape: orientation === 'landscape' }),
        seams: true,
      });
      let doc = out.document;
      const page = doc.pages[0];
      const lying = page && (orientation === 'portrait' ? page.widthPx > page.heightPx : page.heightPx > page.widthPx);
      if (page && lying && plan.partTurnDeg === -90) {
        doc = await client.call('pages.rotate', { pageId: page.id, quarterTurns: 3, sha256: page.sha256 });
        setTurns(3);
      } else setTurns(0);
      session.showDocument(doc);
      setReport(out.report);
      capture.setPhase('assembled');
    } catch (e) {
      if (!(e instanceof StationCallError)) throw e;
      // Stopped on request: not a failure (nothing to rescan), the parts as they were.
      if (e.error.code === 'stitch-cancelled') setStopped(true);
      else {
        setFailure(e.error);
        setUnplaced(rescanTargets(e.error));
      }
      capture.setPhase('capture');
    } finally {
      setStopping(false);
    }
  }, [plan, session, capture, client]);

  /** Stops the assembly under way. One that ended meanwhile stands: its page, or its refusal. */
  const stop = useCallback(() => {
    if (capture.phase !== 'assembling' || !session.documentId) return;
    setStopping(true);
    client.call('stitch.cancelAssembly', { documentId: session.documentId }).then(
      ({ cancelled }) => !cancelled && setStopping(false),
      (e: unknown) => {
        setStopping(false);
        if (e instanceof StationCallError) setFailure(e.error);
      },
    );
  }, [capture.phase, session.documentId, client]);

  /** A part rescanned: no longer one to rescan; the refusal goes once none is left. */
  const rescan = useCallback(
    (part: number) => {
      capture.rescan(part);
      const left = unplaced.filter((n) => n !== part);
      setUnplaced(left);
      if (left.length === 0) setFailure(null);
      setStopped(false);
    },
    [capture, unplaced],
  );

  return { assemble, stop, stopping, stopped, progress: capture.phase === 'assembling' ? progress : null, rescan, report, turns, failure, unplaced, seams, setSeams, clearFailure: () => setFailure(null) };
}

export type TiledAssemble = ReturnType<typeof useTiledAssemble>;
