// A page's QC warnings in words, in the reader's language and number convention:
// "trang trắng · lệch 2,3° · tối (giấy 45% độ sáng)".
import { type ArchivePageCheck, formatNumber, formatPercent } from '../../../electron/contract';
import { useI18n } from '../i18n';

export function useWarningText(): (check: ArchivePageCheck) => string {
  const { t, lang } = useI18n();
  return (check) =>
    check.warnings
      .map((w) =>
        w === 'blank'
          ? t('archiveWarn_blank')
          : w === 'skewed'
            ? t('archiveWarn_skewed', { degrees: formatNumber(Math.abs(check.skewDegrees), lang, 1) })
            : t('archiveWarn_dark', { lightness: formatPercent(check.paperLightness, lang, 0) }),
      )
      .join(' · ');
}
