// The digitization-rate targets by level (index 766: 90 / 80 / 75 % by default), as the province
// sets them: typed as percentages, stored as fractions; the rates and the printed report judge by them.
import { useState } from 'react';
import { type Settings, formatNumber } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { Field, Section, described } from './Section';
import { type SettingsApi, useSectionSave } from './useSettings';

type LevelName = keyof Settings['rateTargets'];
const LEVELS: readonly LevelName[] = ['tinh', 'huyen', 'xa'];
const LABELS = { tinh: 'setTarget_tinh', huyen: 'setTarget_huyen', xa: 'setTarget_xa' } as const;

/** "87,5" or "87.5" → 0.875; null when it is no percentage. */
function fractionOf(text: string): number | null {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100 ? n / 100 : null;
}

export function RateTargetsSection({ settings, save, editable }: { settings: Settings; save: SettingsApi['save']; editable: boolean }) {
  const { lang } = useI18n();
  const shown = (f: number) => formatNumber(f * 100, lang, Number.isInteger(f * 100) ? 0 : 1);
  const [values, setValues] = useState<Record<LevelName, string>>({ tinh: shown(settings.rateTargets.tinh), huyen: shown(settings.rateTargets.huyen), xa: shown(settings.rateTargets.xa) });
  const [problems, setProblems] = useState<Partial<Record<LevelName, 'setTargetInvalid'>>>({});
  const s = useSectionSave(save);
  const submit = () => {
    const parsed = Object.fromEntries(LEVELS.map((l) => [l, fractionOf(values[l])])) as Record<LevelName, number | null>;
    const found = Object.fromEntries(LEVELS.filter((l) => parsed[l] === null).map((l) => [l, 'setTargetInvalid' as const]));
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    void s.submit({ rateTargets: { tinh: parsed.tinh!, huyen: parsed.huyen!, xa: parsed.xa! } });
  };
  return (
    <Section title="setTargets" editable={editable} busy={s.busy} error={s.error} onDismissError={s.dismiss} saved={s.saved} onSubmit={submit}>
      {LEVELS.map((l) => (
        <Field key={l} id={`set-target-${l}`} label={LABELS[l]} problem={problems[l]}>
          <input
            {...described(`set-target-${l}`, problems[l], false)}
            value={values[l]}
            inputMode="decimal"
            onChange={(e) => {
              setValues((v) => ({ ...v, [l]: e.target.value }));
              s.edited();
            }}
          />
        </Field>
      ))}
    </Section>
  );
}
