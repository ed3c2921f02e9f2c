// The large sheet's own choices under the paper buttons: its size (A3…A0, or width × height in
// millimetres) and how it is read. Enter moves on: from the width to the height, from the height
// to the plan's diagram.
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { TILED_SHEET_NAMES } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import type { TiledChoice } from './tiledChoice';

const number = (text: string) => Number(text.trim().replace(',', '.'));

export function LargeSheetFields({ choice, onChange }: { choice: TiledChoice; onChange: (c: TiledChoice) => void }) {
  const { t } = useI18n();
  const height = useRef<HTMLInputElement>(null);
  // Opened by a key, the fields appear below the paper buttons: bring them into view.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // braces: Chromium's scrollIntoView returns a promise, which React would take for a clean-up
    void box.current?.scrollIntoView({ block: 'center' });
  }, []);
  const set = (patch: Partial<TiledChoice>) => onChange({ ...choice, ...patch });
  const custom = choice.sheet === 'custom';
  // A custom size is read as typed: wider than tall is landscape.
  const orientation = custom && number(choice.widthText) > number(choice.heightText) ? 'landscape' : custom ? 'portrait' : choice.orientation;
  const turn = (to: 'portrait' | 'landscape') => {
    if (!custom) return set({ orientation: to });
    // A custom sheet turns by swapping its sides.
    if (to !== orientation && choice.widthText && choice.heightText) set({ widthText: choice.heightText, heightText: choice.widthText, orientation: to });
    else set({ orientation: to });
  };
  const enterMoves = (next: () => void) => (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    next();
  };
  return (
    <div className="large-sheet" data-testid="large-sheet" ref={box}>
      <div className="field" role="radiogroup" aria-label={t('tiledSheetSize')}>
        <span>{t('tiledSheetSize')}</span>
        <div className="segmented">
          {[...TILED_SHEET_NAMES, 'custom' as const].map((s) => (
            <button key={s} type="button" role="radio" aria-checked={choice.sheet === s} className={choice.sheet === s ? 'selected' : ''} onClick={() => set({ sheet: s })}>
              {s === 'custom' ? t('tiledCustom') : s.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      {custom && (
        <div className="custom-size">
          <label className="field">
            <span>{t('tiledWidth')}</span>
            <input inputMode="decimal" autoComplete="off" value={choice.widthText} onChange={(e) => set({ widthText: e.target.value })} onKeyDown={enterMoves(() => height.current?.focus())} />
          </label>
          <span aria-hidden="true">×</span>
          <label className="field">
            <span>{t('tiledHeight')}</span>
            <input
              ref={height}
              inputMode="decimal"
              autoComplete="off"
              value={choice.heightText}
              onChange={(e) => set({ heightText: e.target.value })}
              onKeyDown={enterMoves(() => (document.querySelector<SVGElement>('[data-testid="plan-diagram"]') ?? document.querySelector<HTMLElement>('[data-testid="tiled-plan"]'))?.focus())}
            />
          </label>
        </div>
      )}
      <div className="field" role="radiogroup" aria-label={t('tiledOrientation')}>
        <span>{t('tiledOrientation')}</span>
        <div className="segmented">
          {(['portrait', 'landscape'] as const).map((o) => (
            <button key={o} type="button" role="radio" aria-checked={orientation === o} className={orientation === o ? 'selected' : ''} onClick={() => turn(o)}>
              {t(o === 'portrait' ? 'tiledPortrait' : 'tiledLandscape')}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
