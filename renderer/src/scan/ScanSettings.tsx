// The scan settings an officer chooses: scanner (with what it can do), paper source, paper size
// (one-touch buttons, one key each), resolution, colour mode and page count. Only what the
// chosen source can do is offered.
import { useCallback } from 'react';
import { type ColorMode, type Device, PAPER_PRESETS, PRESET_NAMES, type PresetName, type SourceCaps, type SourceKind } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { DeviceDetails, MODE_LABEL, SOURCE_LABEL } from './DeviceDetails';
import { PRESET_KEYS, usePresetShortcuts } from './presetShortcuts';

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
}) {
  const { t } = useI18n();
  const { choice, onChange, disabled } = props;
  const device = props.devices.find((d) => d.id === choice.deviceId);
  const caps = device?.sources.find((s) => s.source === choice.source);
  const set = (patch: Partial<ScanChoice>) => onChange({ ...choice, ...patch });
  /** Another source: its page count follows it, unless the officer typed one. */
  const setSource = (source: SourceKind, patch: Partial<ScanChoice> = {}) => set({ ...patch, source, ...(choice.pagesTyped ? {} : { pages: defaultPages(source) }) });
  const choosePreset = useCallback((preset: PresetName) => {
    if (fits(preset, caps)) onChange({ ...choice, preset });
  }, [caps, choice, onChange]);
  usePresetShortcuts(!disabled, choosePreset);
  /** One line per scanner in the list: its name and its paper sources. */
  const deviceLabel = (d: Device) => [`${d.vendor} ${d.model}`.trim(), d.demo ? t('scannerDemo') : '', `— ${d.sources.map((s) => t(SOURCE_LABEL[s.source])).join(', ')}`].filter(Boolean).join(' ');
  const presetLabel = (p: PresetName) => (p === 'id-card' ? t('paperIdCard') : p === 'auto' ? t('paperAuto') : p.length === 2 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1));

  return (
    <fieldset className="scan-settings" disabled={disabled}>
      <div className="field-head">
        <label htmlFor="scan-device">{t('scanner')}</label>
        <button type="button" className="link-button" onClick={props.onReload}>
          {t('reloadScanners')}
        </button>
      </div>
      <div className="field">
        <select id="scan-device" value={choice.deviceId} onChange={(e) => setSource(props.devices.find((d) => d.id === e.target.value)?.sources[0]?.source ?? 'flatbed', { deviceId: e.target.value })}>
          {props.devices.map((d) => (
            <option key={d.id} value={d.id}>
              {deviceLabel(d)}
            </option>
          ))}
        </select>
      </div>
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
              aria-checked={choice.preset === p}
              className={choice.preset === p ? 'preset selected' : 'preset'}
              disabled={!fits(p, caps)}
              title={fits(p, caps) ? t('presetKey', { key: PRESET_KEYS[p].toUpperCase() }) : t('paperTooLarge')}
              aria-keyshortcuts={PRESET_KEYS[p].toUpperCase()}
              onClick={() => set({ preset: p })}
            >
              {presetLabel(p)}
              <kbd aria-hidden="true">{PRESET_KEYS[p].toUpperCase()}</kbd>
            </button>
          ))}
        </div>
      </div>

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
        <label className="field narrow">
          <span>{t('pages')}</span>
          <input type="number" min={1} max={9999} inputMode="numeric" value={choice.pages} onChange={(e) => set({ pages: e.target.value, pagesTyped: true })} placeholder={choice.source === 'flatbed' ? '1' : '∞'} title={choice.source === 'flatbed' ? undefined : t('pagesHintFeeder')} />
        </label>
      </div>
      <p id="dpi-hint" className="hint">
        {t('dpiHint')}
      </p>
    </fieldset>
  );
}
