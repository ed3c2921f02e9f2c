// Why the parts were not assembled, in the station's own words (each refusal says what to do:
// "Scan part 3 again, overlapping its neighbours…"), under the capture's keys: the part to rescan
// is marked on the progress list, and R rescans it.
import type { WireError } from '../../../../electron/contract';
import { useI18n } from '../../i18n';

export function TiledAssembleFailure({ error }: { error: WireError }) {
  const { t, errorText } = useI18n();
  return (
    <div className="error-banner tiled-failure" role="alert" data-code={error.code} data-testid="tiled-failure">
      <strong>{t('tiledAssembleFailed')}:</strong> <span>{errorText(error)}</span>
    </div>
  );
}
