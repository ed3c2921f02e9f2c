// A paper the owner already has, offered for reuse: enough to recognise it against the one the
// citizen holds — title, number (số, ký hiệu), issuer, issue date, validity, where it is kept, and
// page 1 when the record is on this station. Never focused by itself: reusing is a choice made
// after a look (scanning stays the default), so Enter elsewhere never attaches it.
import { type ReuseOffer, formatDate } from '../../../electron/contract';
import { pageImageUrl } from '../client/client';
import { useI18n } from '../i18n';

/** What the card needs: a checklist offer, or a reuse-panel candidate shaped like one. */
export type OfferShown = Pick<ReuseOffer, 'key' | 'where' | 'title' | 'docNumber' | 'issueDate' | 'issuer' | 'validUntil' | 'firstPage'>;

export function ReuseOfferCard({ offer, disabled, onReuse }: { offer: OfferShown; disabled: boolean; onReuse: () => void }) {
  const { t } = useI18n();
  const validity = offer.validUntil === 'permanent' ? t('reusePermanent') : offer.validUntil ? t('offerValidUntil', { date: formatDate(offer.validUntil) }) : t('offerNoValidity');
  const id = `offer-${offer.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <article className="offer-card" aria-labelledby={`${id}-title`} data-testid="reuse-offer">
      {offer.firstPage ? (
        <img className="offer-thumb" src={pageImageUrl(offer.firstPage.id, 'thumb', offer.firstPage.sha256)} alt={t('offerPageOne', { title: offer.title })} loading="lazy" />
      ) : (
        offer.where === 'province' && (
          <span className="offer-thumb offer-thumb-none" aria-hidden="true">
            {t('offerNoThumb')}
          </span>
        )
      )}
      <div className="offer-body">
        <strong id={`${id}-title`}>{offer.title}</strong>
        <dl className="offer-facts">
          <div>
            <dt>{t('offerNumber')}</dt>
            <dd>{offer.docNumber ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('offerIssuer')}</dt>
            <dd>{offer.issuer ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('offerIssued')}</dt>
            <dd>{offer.issueDate ? formatDate(offer.issueDate) : '—'}</dd>
          </div>
          <div>
            <dt>{t('offerValidity')}</dt>
            <dd>{validity}</dd>
          </div>
          <div>
            <dt>{t('offerWhere')}</dt>
            <dd>{t(offer.where === 'here' ? 'reuseHere' : 'reuseProvince')}</dd>
          </div>
        </dl>
      </div>
      <button type="button" className="plain offer-take" disabled={disabled} onClick={onReuse} aria-label={t('intakeReuseThis', { title: offer.title })}>
        {t('offerTake')}
      </button>
    </article>
  );
}
