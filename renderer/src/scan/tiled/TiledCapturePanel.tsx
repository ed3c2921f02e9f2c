// The capture of a large sheet, part by part (issue 18): the sheet drawn to scale with the part to
// place next highlighted and the parts scanned so far in their places, how to lay the sheet for
// this part, a line per part (scanned / next / waiting), and what the keys do. The panel keeps the
// focus while the officer works (Enter scans, R rescans, U undoes) and answers Esc itself: pause.
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { type PlannedPart, type StitchPlanOutput, formatNumber } from '../../../../electron/contract';
import { pageImageUrl } from '../../client/client';
import { type Language, useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/vi';
import { PlanDiagram } from './PlanDiagram';
import { type Corner, type Edge, placementOf } from './placement';
import { sheetName } from './tiledChoice';
import type { TiledCapture } from './useTiledCapture';
import { useShortcut } from '../../shortcuts/useShortcut';
import './tiled-capture.css';

const CORNER_WORDS: Readonly<Record<Corner, MessageKey>> = { tl: 'tiledCornerTl', tr: 'tiledCornerTr', br: 'tiledCornerBr', bl: 'tiledCornerBl' };
const EDGE_WORDS: Readonly<Record<Edge, MessageKey>> = { top: 'tiledEdgeTop', right: 'tiledEdgeRight', bottom: 'tiledEdgeBottom', left: 'tiledEdgeLeft' };

/** "Part 3 of 12: place the sheet's top-right corner in the glass's top-right corner." */
export function placeWords(t: ReturnType<typeof useI18n>['t'], lang: Language, plan: StitchPlanOutput['plan'], part: PlannedPart): string {
  const where = placementOf(plan, part);
  const at = { part: part.number, count: plan.count, x: formatNumber(Math.round(part.xMm), lang), y: formatNumber(Math.round(part.yMm), lang) };
  if (where.kind === 'corner') return t('tiledPlaceCorner', { ...at, corner: t(CORNER_WORDS[where.sheet]), glass: t(CORNER_WORDS[where.glass]) });
  if (where.kind === 'edge') return t('tiledPlaceEdge', { ...at, edge: t(EDGE_WORDS[where.sheet]), glass: t(EDGE_WORDS[where.glass]) });
  return t('tiledPlaceInside', at);
}

type PartState = 'done' | 'next' | 'scanning' | 'waiting' | 'unplaced';
const STATE_WORDS: Readonly<Record<PartState, MessageKey>> = { done: 'tiledStateDone', next: 'tiledStateNext', scanning: 'tiledStateScanning', waiting: 'tiledStateWaiting', unplaced: 'tiledStateUnplaced' };

export function TiledCapturePanel(props: {
  result: StitchPlanOutput;
  capture: TiledCapture;
  /** The part a scan is bringing in now (the next one, or the one being rescanned), if any. */
  scanningPart: number | null;
  /** Parts the assembly could not place (rescan them), by number. */
  unplaced: readonly number[];
  /** Rescans a part (R: the first part to rescan, else the last one scanned). */
  onRescan: (part: number) => void;
  /** What sits under the actions: the assembly's error with its advice, when there is one. */
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const { result, capture, scanningPart, unplaced } = props;
  const { plan } = result;
  const sheet = sheetName(plan, lang);
  const done = capture.parts.length;
  // The part to place: the next one missing, else the first that could not be placed.
  const current = capture.next ?? unplaced[0] ?? plan.count;
  const part = plan.parts.find((p) => p.number === current) ?? plan.parts[0]!;
  const shots = capture.parts.map((p) => pageImageUrl(p.id, 'thumb', p.sha256));
  const rescanPart = unplaced[0] ?? (done > 0 ? done : null);
  const state = (n: number): PartState =>
    n === scanningPart ? 'scanning' : unplaced.includes(n) ? 'unplaced' : n <= done ? 'done' : n === capture.next ? 'next' : 'waiting';

  const working = capture.phase === 'capture' && !capture.busy;
  useShortcut('scan.tiled-rescan', () => rescanPart !== null && props.onRescan(rescanPart), working && rescanPart !== null);
  useShortcut('scan.tiled-undo', capture.undo, working && done > 0);

  // The panel holds the focus while nothing else has it, so that Esc reaches it after each scan.
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    const focused = document.activeElement;
    if (!capture.busy && (!focused || focused === document.body)) panel.current?.focus();
  }, [capture.busy, done]);
  const onKeyDown = (e: KeyboardEvent) => {
    // 'scan.tiled-leave': Esc pauses (a scan under way is cancelled by its own button first).
    if (e.key !== 'Escape' || e.defaultPrevented || capture.busy) return;
    e.preventDefault();
    capture.pause();
  };

  return (
    <section className="tiled-plan tiled-capture" aria-labelledby="tiled-capture-title" data-testid="tiled-capture" tabIndex={-1} ref={panel} onKeyDown={onKeyDown}>
      <h3 id="tiled-capture-title">
        {t('tiledCaptureTitle', { sheet })}
        <span className="tiled-done" data-testid="tiled-done">
          {t('tiledDoneCount', { done: formatNumber(done, lang), count: formatNumber(plan.count, lang) })}
        </span>
      </h3>
      <div className="tiled-body">
        <figure className="tiled-main">
          <PlanDiagram plan={plan} current={capture.next ?? unplaced[0] ?? 0} shots={shots} label={t('tiledDiagram', { sheet, count: plan.count, part: current })} />
        </figure>
        <div className="tiled-notes">
          <p className="tiled-instruction" aria-live="polite" data-testid="tiled-instruction">
            {capture.next === null && unplaced.length === 0 ? t('tiledAllIn', { count: plan.count }) : placeWords(t, lang, plan, part)}
          </p>
          <p className="muted">{t('tiledGlassSides')}</p>
          <ol className="tiled-progress" aria-label={t('tiledProgress')} data-testid="tiled-progress">
            {plan.parts.map((p) => (
              <li key={p.number} className={`part-${state(p.number)}`} data-state={state(p.number)}>
                {t('tiledPartLine', { part: p.number })}: <span>{t(STATE_WORDS[state(p.number)])}</span>
              </li>
            ))}
          </ol>
          <div className="tiled-keys">
            {rescanPart !== null && (
              <button type="button" onClick={() => props.onRescan(rescanPart)} disabled={capture.busy} aria-keyshortcuts="R">
                {t('tiledRescan', { part: rescanPart })} <kbd aria-hidden="true">R</kbd>
              </button>
            )}
            {done > 0 && (
              <button type="button" onClick={capture.undo} disabled={capture.busy} aria-keyshortcuts="U Control+Z">
                {t('tiledUndo', { part: done })} <kbd aria-hidden="true">U</kbd>
              </button>
            )}
            <button type="button" onClick={capture.pause} disabled={capture.busy} title={t('tiledLeaveHint')} aria-keyshortcuts="Escape">
              {t('tiledLeave')} <kbd aria-hidden="true">Esc</kbd>
            </button>
          </div>
          {props.children}
        </div>
      </div>
    </section>
  );
}
