// The UI's languages: Vietnamese by default, English switchable; the choice is remembered.
import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { WireError } from '../../../electron/contract';
import { en } from './en';
import { type MessageKey, vi } from './vi';

export type Language = 'vi' | 'en';
const DICTIONARIES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { vi, en };
const STORAGE_KEY = 'sohoa.language';

interface I18n {
  readonly lang: Language;
  setLang(lang: Language): void;
  t(key: MessageKey, values?: Readonly<Record<string, string | number>>): string;
  /** A station error in the current language. */
  errorText(error: WireError): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const setLang = useCallback((next: Language) => {
    setLangState(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage unavailable: the choice lasts for this window only
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, values = {}) => DICTIONARIES[lang][key].replace(/\{(\w+)\}/g, (whole, k: string) => (values[k] === undefined ? whole : String(values[k]))),
      errorText: (error) => error.message[lang],
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

export type { MessageKey };
