// Demonstration mode, said on every screen: nothing made here is a citizen's record or ever
// reaches the province (core: documents.demonstration, never queued for sync).
import { useI18n } from '../i18n';

export function DemonstrationBanner({ onSetUp }: { onSetUp: () => void }) {
  const { t } = useI18n();
  return (
    <div className="demo-banner" role="status" data-testid="demo-banner">
      <strong>{t('demoBannerTitle')}</strong>
      <span>{t('demoBannerText')}</span>
      <button type="button" onClick={onSetUp}>
        {t('demoBannerSetUp')}
      </button>
    </div>
  );
}
