// The language choice, on every page a person may meet first (sign-in, the first start) and in
// the header: Vietnamese by default, English beside it.
import { type Language, useI18n } from '../i18n';

export function LanguageSelect({ className = 'language' }: { className?: string }) {
  const { t, lang, setLang } = useI18n();
  return (
    <label className={className}>
      <span>{t('language')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Language)}>
        <option value="vi">Tiếng Việt</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
