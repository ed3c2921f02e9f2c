// The scan settings an officer chooses: scanner (with what it can do), paper source, paper size
// (one-touch buttons, one key each), resolution, colour mode and page count. Only what the
// chosen source can do is offered.
import { useCallback } from 'react';
import { type ColorMode, type Device, PAPER_PRESETS, PRESET_NAMES, type PresetName, type SourceCaps, type SourceKind } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { DeviceDetails, MODE_LABEL, SOURCE_LABEL } from './DeviceDetails';
import { DeviceSelect } from './DeviceSelect';
import type { CameraInfo } from './camera/useCameras';
import { PRESET_KEYS, usePresetShortcuts } from './presetShortcuts';
import { useShortcut } from '../shortcuts/useShortcut';
import { LargeSheetFields } from './tiled/LargeSheetFields';
import { type TiledChoice, isTiledSheet, startChoice } from './tiled/tiledChoice';

export interface ScanChoice {
  deviceId: string;
  source: SourceKind;
  preset: PresetName;
  dpi: number;
  mode: ColorMode;
  pages: string;
  /** The officer typed the page count: changing the source keeps it. */
  pagesTyped: boolean;
}

/** The page count a source starts with: one sheet on the glass; a feeder (and duplex) scans until
 * it is empty, as NAPS2 does — empty means "all". */
export function defaultPages(source: SourceKind): string {
  return source === 'flatbed' ? '1' : '';
}

/** The paper buttons in the order a counter reaches for them: A4 first, the card, A5 and A3, the
 * American sizes, then the rare ones; each keeps its key (presetShortcuts.ts). */
const PRESET_ORDER: readonly PresetName[] = ['a4', 'id-card', 'a5', 'a3', 'letter', 'legal', 'a6', 'a7', 'a2', 'a1', 'a0', 'auto'];

const COMMON_DPI = [150, 200, 300, 400, 600];

export function dpiChoices(caps: SourceCaps | undefined): number[] {
  if (!caps) return [];
  const range = caps.resolutionRange;
  return range ? COMMON_DPI.filter((d) => d >= range.min && d <= range.max) : COMMON_DPI.filter((d) => caps.resolutions.includes(d));
}

function fits(preset: PresetName, caps: SourceCaps | undefined): boolean {
  if (preset === 'auto' || !caps?.maxArea) return true;
  const size = PAPER_PRESETS[preset];
  return size.width <= caps.maxArea.width + 0.5 && size.height <= caps.maxArea.height + 0.5;
}

export function ScanSettings(props: {
  devices: readonly Device[];
  choice: ScanChoice;
  onChange: (choice: ScanChoice) => void;
  /** Lists the scanners again (and reads their feeders afresh). */
  onReload: () => void;
  disabled: boolean;
  /** A large sheet scanned in parts on the glass (issue 18), or null: one scan of a paper size. */
  tiled: TiledChoice | null;
  onTiled: (tiled: TiledChoice | null) => void;
  /** The cameras the browser sees, listed beside the scanners (issue 19); choosing one leaves these settings. */
  cameras: readonly CameraInfo[];
  onCamera: (cameraId: string) => void;
}) {
  const { t } = useI18n();
  const { choice, onChange, disabled } = props;
  const device = props.devices.find((d) => d.id === choice.deviceId);
  const caps = device?.sources.find((s) => s.source === choice.source);
  const set = (patch: Partial<ScanChoice>) => onChange({ ...choice, ...patch });
  /** Another source: its page count follows it, unless the officer typed one. */
  const setSource = (source: SourceKind, patch: Partial<ScanChoice> = {}) => set({ ...patch, source, ...(choice.pagesTyped ? {} : { pages: defaultPages(source) }) });
  const { tiled, onTiled } = props;
  const flatbed = device?.sources.find((s) => s.source === 'flatbed');
  /** Parts are laid on the glass: the large sheet moves the source there (where the scanner has one). */
  const startTiled = useCallback(
    (sheet?: Parameters<typeof startChoice>[1]) => {
      if (flatbed && choice.source !== 'flatbed') onChange({ ...choice, source: 'flatbed', ...(choice.pagesTyped ? {} : { pages: defaultPages('flatbed') }) });
      onTiled(tiled && !sheet ? tiled : { ...(tiled ?? startChoice(flatbed, sheet)), ...(sheet ? { sheet } : {}) });
    },
    [choice, flatbed, onChange, onTiled, tiled],
  );
  /** A size that fits is one scan; A3…A0 larger than the glass is a large sheet in parts. */
  const choosePreset = useCallback((preset: PresetName) => {
    if (fits(preset, caps)) {
      onChange({ ...choice, preset });
      onTiled(null);
    } else if (isTiledSheet(preset)) startTiled(preset);
  }, [caps, choice, onChange, onTiled, startTiled]);
  usePresetShortcuts(!disabled, choosePreset);
  useShortcut('scan.large-sheet', () => (tiled ? onTiled(null) : startTiled()), !disabled);
  const presetLabel = (p: PresetName) => (p === 'id-card' ? t('paperIdCard') : p === 'auto' ? t('paperAuto') : p.length === 2 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1));

  return (
    <fieldset className="scan-settings" disabled={disabled}>
      <DeviceSelect
        devices={props.devices}
        cameras={props.cameras}
        value={choice.deviceId}
        onScanner={(id) => setSource(props.devices.find((d) => d.id === id)?.sources[0]?.source ?? 'flatbed', { deviceId: id })}
        onCamera={props.onCamera}
        onReload={props.onReload}
      />
      {device && <DeviceDetails device={device} />}

      <div className="field" role="radiogroup" aria-label={t('source')}>
        <span>{t('source')}</span>
        <div className="segmented">
          {device?.sources.map((s) => (
            <button key={s.source} type="button" role="radio" aria-checked={choice.source === s.source} className={choice.source === s.source ? 'selected' : ''} onClick={() => setSource(s.source)}>
              {t(SOURCE_LABEL[s.source])}
            </button>
          ))}
        </div>
      </div>

      <div className="field" role="radiogroup" aria-label={t('paper')}>
        <span>{t('paper')}</span>
        <div className="preset-grid">
          {PRESET_ORDER.filter((p) => PRESET_NAMES.includes(p)).map((p) => (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={!tiled && choice.preset === p}
              className={!tiled && choice.preset === p ? 'preset selected' : 'preset'}
              disabled={!fits(p, caps) && !isTiledSheet(p)}
              title={fits(p, caps) ? t('presetKey', { key: PRESET_KEYS[p].toUpperCase() }) : isTiledSheet(p) ? t('tiledPresetTooLarge') : t('paperTooLarge')}
              aria-keyshortcuts={PRESET_KEYS[p].toUpperCase()}
              onClick={() => choosePreset(p)}
            >
              {presetLabel(p)}
              <kbd aria-hidden="true">{PRESET_KEYS[p].toUpperCase()}</kbd>
            </button>
          ))}
        </div>
        <button type="button" role="radio" aria-checked={!!tiled} className={tiled ? 'preset large-sheet-toggle selected' : 'preset large-sheet-toggle'} aria-keyshortcuts="K" onClick={() => (tiled ? onTiled(null) : startTiled())}>
          {t('tiledChoice')}
          <kbd aria-hidden="true">K</kbd>
        </button>
      </div>
      {tiled && <LargeSheetFields choice={tiled} onChange={onTiled} />}

      <div className="field-row">
        <label className="field">
          <span>{t('resolution')}</span>
          <select value={choice.dpi} onChange={(e) => set({ dpi: Number(e.target.value) })} aria-describedby="dpi-hint">
            {dpiChoices(caps).map((d) => (
              <option key={d} value={d}>
                {d} dpi
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('colorMode')}</span>
          <select value={choice.mode} onChange={(e) => set({ mode: e.target.value as ColorMode })}>
            {(caps?.modes ?? []).map((m) => (
              <option key={m} value={m}>
                {t(MODE_LABEL[m])}
              </option>
            ))}
          </select>
        </label>
        {!tiled && <label className="field narrow">
          <span>{t('pages')}</span>
          <input type="number" min={1} max={9999} inputMode="numeric" value={choice.pages} onChange={(e) => set({ pages: e.target.value, pagesTyped: true })} placeholder={choice.source === 'flatbed' ? '1' : '∞'} title={choice.source === 'flatbed' ? undefined : t('pagesHintFeeder')} />
        </label>}
      </div>
      <p id="dpi-hint" className="hint">
        {t('dpiHint')}
      </p>
    </fieldset>
  );
}
