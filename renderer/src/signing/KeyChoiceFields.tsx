// What a sign dialog asks: the configured key and its secret alone (ConfiguredKey), or — when
// nothing is configured yet or the person asks to change it — the full choice (KeyFields).
import { useI18n } from '../i18n';
import { ConfiguredKey } from './ConfiguredKey';
import { KeyFields } from './KeyFields';
import type { useKeyChoice } from './useKeyChoice';
import type { SigningSetup } from './useSigningSetup';

export function KeyChoiceFields({ choice, setup, disabled }: { choice: ReturnType<typeof useKeyChoice>; setup: SigningSetup; disabled: boolean }) {
  const { t } = useI18n();
  if (choice.loading) return <p className="muted">{t('loading')}</p>;
  if (choice.quick) {
    const known = setup.prefs?.p12Path === choice.key.p12Path.trim() ? (setup.prefs?.p12Certificate ?? null) : null;
    return <ConfiguredKey choice={choice.key} tokens={setup.tokens} p12Certificate={known} onChange={choice.setKey} onChangeKey={choice.change} disabled={disabled} />;
  }
  return <KeyFields choice={choice.key} onChange={choice.setKey} setup={setup} disabled={disabled} />;
}
