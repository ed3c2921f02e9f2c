// How the station signs, said in one line where a person signs: the administrator sets it
// (Settings → How the station signs); a sign request from anyone else follows it.
import type { Settings } from '../../../electron/contract';
import { useI18n } from '../i18n';
import './configured-key.css';

/** Each signature level's name in the dictionaries. */
export const LEVELS = { 'B-B': 'levelBB', 'B-T': 'levelBT', 'B-LT': 'levelBLT' } as const;

export function stationLevel(settings: Settings): keyof typeof LEVELS {
  return settings.signatureLevel ?? (settings.tsaUrl ? 'B-T' : 'B-B');
}

/** `inEffect`: said in the settings, where it is what the saved settings do today. */
export function StationWay({ settings, inEffect = false }: { settings: Settings; inEffect?: boolean }) {
  const { t } = useI18n();
  const level = stationLevel(settings);
  return (
    <p className={inEffect ? 'station-way in-effect' : 'muted station-way'} data-testid="station-way">
      {t(inEffect ? 'counterStationInEffect' : 'signStationWay', {
        level: t(LEVELS[level]),
        tsa: level !== 'B-B' && settings.tsaUrl ? t('signStationTsa', { url: settings.tsaUrl }) : '',
        appearance: settings.signatureVisible ? t('signStationVisible', { position: t(`position_${settings.signaturePosition}`).toLocaleLowerCase() }) : t('signStationInvisible'),
      })}
    </p>
  );
}
