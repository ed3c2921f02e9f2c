// The assembled sheet (issue 18): the page as the station made it, with the cuts between the parts
// drawn over it on request (S, or the button), how large it is and how well the parts fit. The
// page is an ordinary draft page now: the save form below it saves the record as usual.
import { type AssemblyReport, type PageInfo, type TilePlan, formatNumber } from '../../../../electron/contract';
import { pageImageUrl } from '../../client/client';
import { useI18n } from '../../i18n';
import { useShortcut } from '../../shortcuts/useShortcut';
import { sheetName } from './tiledChoice';

/** A seam's points on the page shown: the report's are in the page as composed, which was then
 * turned `turns` quarter turns clockwise (3: a quarter turn to the left, (x, y) → (y, W − x)). */
function seamPoints(points: readonly (readonly [number, number])[], turns: 0 | 3, widthPx: number): string {
  return points.map(([x, y]) => (turns === 3 ? `${y},${widthPx - x}` : `${x},${y}`)).join(' ');
}

export function TiledAssembledPanel(props: { plan: TilePlan; report: AssemblyReport; turns: 0 | 3; page: PageInfo; seams: boolean; onSeams: (shown: boolean) => void }) {
  const { t, lang } = useI18n();
  const { plan, report, page, seams, turns } = props;
  const [w, h] = turns === 3 ? [report.heightPx, report.widthPx] : [report.widthPx, report.heightPx];
  const sheet = sheetName(plan, lang);
  useShortcut('scan.tiled-seams', () => props.onSeams(!seams));
  const worst = Math.max(0, ...report.parts.map((p) => p.maxPx));
  return (
    <section className="tiled-plan tiled-assembled" aria-labelledby="tiled-assembled-title" data-testid="tiled-assembled">
      <h3 id="tiled-assembled-title">
        {t('tiledAssembledTitle', { sheet, count: report.parts.length })}
        <span className="tiled-done">
          {t('tiledAssembledSize', { width: formatNumber(report.sheet.widthMm, lang), height: formatNumber(report.sheet.heightMm, lang), dpi: formatNumber(report.dpi, lang) })}
        </span>
      </h3>
      <div className="tiled-body">
        <figure className="tiled-preview">
          <div className="tiled-preview-frame">
            <img src={pageImageUrl(page.id, 'image', page.sha256)} alt={t('tiledPreviewAlt', { sheet })} data-testid="tiled-preview" />
            {seams && report.seams && (
              <svg className="tiled-seams" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" aria-hidden="true" data-testid="tiled-seams">
                {report.seams.map((s) => (
                  <polyline key={s.parts.join('-')} points={seamPoints(s.points, turns, report.widthPx)} vectorEffect="non-scaling-stroke" />
                ))}
              </svg>
            )}
          </div>
        </figure>
        <div className="tiled-notes">
          <div className="tiled-keys">
            <button type="button" aria-pressed={seams} aria-keyshortcuts="S" onClick={() => props.onSeams(!seams)}>
              {t(seams ? 'tiledSeamsHide' : 'tiledSeamsShow')} <kbd aria-hidden="true">S</kbd>
            </button>
          </div>
          {seams && <p className="muted">{t('tiledSeamsNote')}</p>}
          <p>{t('tiledFit', { max: formatNumber(worst, lang, 1), seconds: formatNumber(report.seconds, lang, 1) })}</p>
          <p className="tiled-instruction">{t('tiledAssembledNext')}</p>
        </div>
      </div>
    </section>
  );
}
