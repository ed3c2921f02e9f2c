// What the chosen scanner can do, per paper source: its largest area in mm, resolutions, colour
// modes and whether it scans both sides; and what its feeder says of the paper in it.
import type { ColorMode, Device, FeederState, SourceCaps, SourceKind } from '../../../electron/contract';
import { type MessageKey, useI18n } from '../i18n';

export const SOURCE_LABEL: Readonly<Record<SourceKind, MessageKey>> = { flatbed: 'sourceFlatbed', feeder: 'sourceFeeder', 'feeder-duplex': 'sourceFeederDuplex' };
export const MODE_LABEL: Readonly<Record<ColorMode, MessageKey>> = { color: 'modeColor', gray: 'modeGray', bw: 'modeBw' };
const FEEDER_LABEL: Readonly<Record<FeederState, MessageKey>> = {
  loaded: 'feederLoaded',
  empty: 'feederEmpty',
  jammed: 'feederJammed',
  open: 'feederOpen',
  unknown: 'feederUnknown',
};

/** "75–1200 dpi" for a range or a long list, the values themselves for a short list. */
function dpiText(caps: SourceCaps): string {
  const r = caps.resolutionRange;
  if (r) return `${r.min}–${r.max} dpi`;
  const list = [...caps.resolutions].sort((a, b) => a - b);
  if (list.length === 0) return '—';
  return list.length > 4 ? `${list[0]}–${list[list.length - 1]} dpi` : `${list.join(', ')} dpi`;
}

function mm(n: number): string {
  return String(Math.round(n));
}

/** One line for the folded table: the sources, the largest area and the resolutions of them all. */
function summary(device: Device, t: ReturnType<typeof useI18n>['t']): string {
  const largest = device.sources.reduce<SourceCaps['maxArea']>((a, s) => (s.maxArea && (!a || s.maxArea.width * s.maxArea.height > a.width * a.height) ? s.maxArea : a), null);
  const first = device.sources[0];
  return t('capsSummary', {
    sources: device.sources.map((s) => t(SOURCE_LABEL[s.source])).join(', '),
    area: largest ? `${mm(largest.width)} × ${mm(largest.height)} mm` : t('capsUnknown'),
    dpi: first ? dpiText(first) : '—',
  });
}

/** The capability table folds into one line (open it to read it): at 1366 × 768 it pushed the
 * Scan button off the bottom of the panel, further in English. */
export function DeviceDetails({ device }: { device: Device }) {
  const { t } = useI18n();
  const hasFeeder = device.sources.some((s) => s.source !== 'flatbed');
  return (
    <div className="device-details" data-testid="device-details">
      {device.demo && <p className="demo-badge">{t('demoDevice')}</p>}
      <details className="caps-details">
        <summary>
          <span className="caps-title">{t('capsShow')}</span> <span className="caps-summary muted">{summary(device, t)}</span>
        </summary>
      <table className="caps-table">
        <thead>
          <tr>
            <th scope="col">{t('source')}</th>
            <th scope="col">{t('capsArea')}</th>
            <th scope="col">{t('resolution')}</th>
            <th scope="col">{t('colorMode')}</th>
          </tr>
        </thead>
        <tbody>
          {device.sources.map((s) => (
            <tr key={s.source} data-source={s.source}>
              <th scope="row" title={s.name}>
                {t(SOURCE_LABEL[s.source])}
                {s.duplex && <span className="caps-duplex"> · {t('capsDuplex')}</span>}
              </th>
              <td>{s.maxArea ? `${mm(s.maxArea.width)} × ${mm(s.maxArea.height)} mm` : t('capsUnknown')}</td>
              <td>{dpiText(s)}</td>
              <td>{s.modes.map((m) => t(MODE_LABEL[m])).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </details>
      {hasFeeder && (
        <p className={`feeder-state feeder-${device.feeder ?? 'unknown'}`} data-testid="feeder-state">
          <span>{t('feederState')}:</span> {t(FEEDER_LABEL[device.feeder ?? 'unknown'])}
        </p>
      )}
    </div>
  );
}
