// The plan shown before the first part (issue 18): how many scans the sheet takes on this
// scanner's glass, the sheet drawn to scale with its numbered parts and the one to place next,
// how to lay the paper, and the same sheet on the other common glass for comparison. Start (Enter)
// moves on to the guided capture (TiledCapturePanel).
import type { StitchPlanOutput, WireError } from '../../../../electron/contract';
import { formatNumber, formatPercent } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { PlanDiagram } from './PlanDiagram';
import { comparisons, formatMm, glassName, sheetName } from './tiledChoice';
import './tiled-plan.css';

export function TiledPlanPanel(props: {
  result: StitchPlanOutput | null;
  error: WireError | null;
  current: number;
  onCurrent: (part: number) => void;
  /** The draft already has pages: the sheet is a document of its own, those are saved first. */
  saveFirst?: boolean;
}) {
  const { t, lang, errorText } = useI18n();
  const { result, error, current } = props;
  if (error)
    return (
      <section className="tiled-plan" aria-labelledby="tiled-plan-title" data-testid="tiled-plan" tabIndex={-1}>
        <h3 id="tiled-plan-title">{t('tiledTitle')}</h3>
        <div className="error-banner" role="alert" data-code={error.code}>
          {errorText(error)}
        </div>
      </section>
    );
  if (!result)
    return (
      <section className="tiled-plan" aria-labelledby="tiled-plan-title" data-testid="tiled-plan" tabIndex={-1}>
        <h3 id="tiled-plan-title">{t('tiledTitle')}</h3>
        <p className="muted">{t('tiledTypeSize')}</p>
      </section>
    );
  const { plan } = result;
  const sheet = sheetName(plan, lang);
  // Positions to the whole millimetre: no one lays paper more finely by hand.
  const part = plan.parts.find((p) => p.number === current) ?? plan.parts[0]!;
  const overlaps = [plan.overlapX, plan.overlapY].filter((o): o is number => o !== null);
  const orientation = t(plan.sheet.orientation === 'portrait' ? 'tiledPortrait' : 'tiledLandscape');
  return (
    <section className="tiled-plan" aria-labelledby="tiled-plan-title" data-testid="tiled-plan" tabIndex={-1}>
      <h3 id="tiled-plan-title">
        {t('tiledTitle')}: {sheet} {orientation}
        {plan.sheet.name !== 'custom' && ` (${formatMm(plan.sheet.widthMm, lang)} × ${formatMm(plan.sheet.heightMm, lang)} mm)`}
      </h3>
      <p className="tiled-count" data-testid="tiled-count">
        <strong>{t('tiledCount', { sheet, glass: glassName(plan.glass, lang), count: plan.count })}</strong>
        <span className="muted">
          {' '}
          — {t('tiledDevice', { device: result.deviceName, width: formatMm(plan.glass.widthMm, lang), height: formatMm(plan.glass.heightMm, lang) })}
        </span>
      </p>
      <div className="tiled-body">
        <figure className="tiled-main">
          <PlanDiagram plan={plan} current={part.number} onCurrent={props.onCurrent} label={t('tiledDiagram', { sheet, count: plan.count, part: part.number })} />
          <figcaption aria-live="polite" data-testid="tiled-part">
            {plan.fitsGlass
              ? t('tiledFits')
              : t('tiledPart', { part: part.number, count: plan.count, row: part.row + 1, col: part.col + 1, x: formatNumber(Math.round(part.xMm), lang), y: formatNumber(Math.round(part.yMm), lang) })}
          </figcaption>
        </figure>
        <div className="tiled-notes">
          <ul>
            {!plan.fitsGlass && <li>{t('tiledFaceDown')}</li>}
            {plan.turned && <li>{t('tiledTurned')}</li>}
            {overlaps.length > 0 && <li>{t('tiledOverlap', { overlap: formatPercent(Math.min(...overlaps), lang, 0) })}</li>}
            {plan.count > 2 && <li>{t('tiledOrder')}</li>}
            {plan.count > 1 && (
              <li>
                {t('tiledBrowse')} <kbd>←</kbd> <kbd>→</kbd>
              </li>
            )}
          </ul>
          {props.saveFirst && !plan.fitsGlass && (
            <p className="tiled-save-first" role="note">
              {t('tiledSaveFirst')}
            </p>
          )}
          {!props.saveFirst && !plan.fitsGlass && (
            <p className="tiled-start-hint">
              {t('tiledStartHint')} <kbd>Enter</kbd>
            </p>
          )}
          {comparisons(plan).map((g) => {
            const other = result.compare[g];
            const glass = g.toUpperCase();
            return (
              <figure key={g} className="tiled-compare" data-testid={`tiled-compare-${g}`}>
                {other && <PlanDiagram plan={other} current={0} compact label={t('tiledCompare', { sheet, glass, count: other.count })} />}
                <figcaption>{other ? t('tiledCompare', { sheet, glass, count: other.count }) : t('tiledCompareTooMany', { sheet, glass })}</figcaption>
              </figure>
            );
          })}
        </div>
      </div>
    </section>
  );
}
