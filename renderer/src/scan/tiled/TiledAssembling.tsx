// While the station assembles the parts (one call, tens of seconds for A3–A2, minutes for A0): a
// bar that says so with the seconds so far, and that the parts stay in the draft meanwhile. The
// station offers no way to stop an assembly yet, so none is pretended here.
import { useEffect, useState } from 'react';
import { type TilePlan, formatNumber } from '../../../../electron/contract';
import { ProgressBar } from '../../common/ProgressBar';
import { useI18n } from '../../i18n';
import { sheetName } from './tiledChoice';

export function TiledAssembling({ plan }: { plan: TilePlan }) {
  const { t, lang } = useI18n();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="tiled-assembling" data-testid="tiled-assembling">
      <ProgressBar label={t('tiledAssembling', { count: plan.count, sheet: sheetName(plan, lang), seconds: formatNumber(seconds, lang) })} fraction={null} />
      <p className="muted">{t('tiledAssemblingNote')}</p>
    </div>
  );
}
