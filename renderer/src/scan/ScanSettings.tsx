// The scan settings an officer chooses: scanner, paper source, paper size (one-touch buttons),
// resolution, colour mode and page count. Only what the chosen source can do is offered.
import { type ColorMode, type Device, PAPER_PRESETS, PRESET_NAMES, type PresetName, type SourceCaps, type SourceKind } from '../../../electron/contract';
import { type MessageKey, useI18n } from '../i18n';

export interface ScanChoice {
  deviceId: string;
  source: SourceKind;
  preset: PresetName;
  dpi: number;
  mode: ColorMode;
  pages: string;
}

const SOURCE_LABEL: Readonly<Record<SourceKind, MessageKey>> = { flatbed: 'sourceFlatbed', feeder: 'sourceFeeder', 'feeder-duplex': 'sourceFeederDuplex' };
const MODE_LABEL: Readonly<Record<ColorMode, MessageKey>> = { color: 'modeColor', gray: 'modeGray', bw: 'modeBw' };
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
  disabled: boolean;
}) {
  const { t } = useI18n();
  const { choice, onChange, disabled } = props;
  const device = props.devices.find((d) => d.id === choice.deviceId);
  const caps = device?.sources.find((s) => s.source === choice.source);
  const set = (patch: Partial<ScanChoice>) => onChange({ ...choice, ...patch });
  const presetLabel = (p: PresetName) => (p === 'id-card' ? t('paperIdCard') : p === 'auto' ? t('paperAuto') : p.length === 2 ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1));

  return (
    <fieldset className="scan-settings" disabled={disabled}>
      <label className="field">
        <span>{t('scanner')}</span>
        <select value={choice.deviceId} onChange={(e) => set({ deviceId: e.target.value, source: props.devices.find((d) => d.id === e.target.value)?.sources[0]?.source ?? 'flatbed' })}>
          {props.devices.map((d) => (
            <option key={d.id} value={d.id}>
              {`${d.vendor} ${d.model} ${d.demo ? t('scannerDemo') : ''}`.trim()}
            </option>
          ))}
        </select>
      </label>

      <div className="field" role="radiogroup" aria-label={t('source')}>
        <span>{t('source')}</span>
        <div className="segmented">
          {device?.sources.map((s) => (
            <button key={s.source} type="button" role="radio" aria-checked={choice.source === s.source} className={choice.source === s.source ? 'selected' : ''} onClick={() => set({ source: s.source })}>
              {t(SOURCE_LABEL[s.source])}
            </button>
          ))}
        </div>
      </div>

      <div className="field" role="radiogroup" aria-label={t('paper')}>
        <span>{t('paper')}</span>
        <div className="preset-grid">
          {PRESET_NAMES.map((p) => (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={choice.preset === p}
              className={choice.preset === p ? 'preset selected' : 'preset'}
              disabled={!fits(p, caps)}
              title={fits(p, caps) ? undefined : t('paperTooLarge')}
              onClick={() => set({ preset: p })}
            >
              {presetLabel(p)}
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
          <input type="number" min={1} max={9999} inputMode="numeric" value={choice.pages} onChange={(e) => set({ pages: e.target.value })} placeholder={choice.source === 'flatbed' ? '1' : '∞'} title={choice.source === 'flatbed' ? undefined : t('pagesHintFeeder')} />
        </label>
      </div>
      <p id="dpi-hint" className="hint">
        {t('dpiHint')}
      </p>
    </fieldset>
  );
}
