// While the station assembles the parts (one call, tens of seconds for A3–A2, minutes for A0): a
// bar that says so with the seconds so far, that the parts stay in the draft meanwhile, and a way
// to stop (the button, or Esc): the station ends the assembly's thread (stitch.cancelAssembly) and
// the draft is left as it was, the parts ready to be assembled again or rescanned.
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { type EventPayload, type TilePlan, formatNumber } from '../../../../electron/contract';
import { ProgressBar } from '../../common/ProgressBar';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/vi';
import { sheetName } from './tiledChoice';

type Progress = EventPayload<'stitch.progress'>;
const STAGE_WORDS: Readonly<Record<Progress['stage'], MessageKey>> = {
  reading: 'tiledStageReading',
  matching: 'tiledStageMatching',
  locating: 'tiledStageLocating',
  composing: 'tiledStageComposing',
};

export function TiledAssembling({ plan, progress, stopping, onStop }: { plan: TilePlan; progress: Progress | null; stopping: boolean; onStop: () => void }) {
  const { t, lang } = useI18n();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  // Esc, the large sheet's "leave" key ('scan.tiled-leave'), stops the assembly: answered here, as
  // the capture panel answers it while parts are scanned, with the focus taken when the bar shows
  // (the Assemble button just pressed is disabled meanwhile), unless a field has it. The bar takes
  // the focus, not the Stop button: Enter, pressed again by habit, would stop what it just started.
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const focused = document.activeElement;
    if (!(focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement || focused instanceof HTMLSelectElement)) bar.current?.focus();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented || stopping) return;
    e.preventDefault();
    onStop();
  };
  // The stage the station last said (the parts read so far, the share of the page composed), else
  // the assembly as a whole; the seconds so far either way.
  const at = { count: plan.count, sheet: sheetName(plan, lang), seconds: formatNumber(seconds, lang) };
  const label = stopping
    ? t('tiledAssemblyStopping', at)
    : progress
      ? t(STAGE_WORDS[progress.stage], { ...at, done: formatNumber(progress.done, lang), total: formatNumber(progress.total, lang), percent: formatNumber(Math.floor((100 * progress.done) / progress.total), lang) })
      : t('tiledAssembling', at);
  return (
    <div className="tiled-assembling" data-testid="tiled-assembling" tabIndex={-1} ref={bar} onKeyDown={onKeyDown}>
      <ProgressBar label={label} fraction={null} />
      <p className="muted">
        {t('tiledAssemblingNote')}{' '}
        <button type="button" className="quiet" onClick={onStop} disabled={stopping} aria-keyshortcuts="Escape">
          {t('tiledAssemblyStop')} <kbd aria-hidden="true">Esc</kbd>
        </button>
      </p>
    </div>
  );
}
