// Who and where the station is: the unit's code (QCVN 102 form, as dossier codes begin), its level,
// the agency's name (on signatures) and the operator named in conversion marks.
import { useState } from 'react';
import type { Settings } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { Field, Section, described } from './Section';
import type { SettingsApi } from './useSettings';
import { useSectionSave } from './useSettings';
import { type Problems, hasProblems, unitCodeProblem } from './validate';

type LevelName = NonNullable<Settings['level']>;
const LEVELS: readonly LevelName[] = ['tinh', 'xa', 'huyen'];

export function IdentitySection({ settings, save, editable }: { settings: Settings; save: SettingsApi['save']; editable: boolean }) {
  const { t } = useI18n();
  const [unitCode, setUnitCode] = useState(settings.unitCode ?? '');
  const [level, setLevel] = useState<LevelName | ''>(settings.level ?? '');
  const [agencyName, setAgencyName] = useState(settings.agencyName ?? '');
  const [operatorName, setOperatorName] = useState(settings.operatorName ?? '');
  const [problems, setProblems] = useState<Problems<'unitCode' | 'level'>>({});
  const s = useSectionSave(save);

  const submit = () => {
    const found = { unitCode: unitCodeProblem(unitCode) ?? undefined, level: level ? undefined : ('setLevelMissing' as const) };
    setProblems(found);
    if (hasProblems(found)) return;
    void s.submit({ unitCode: unitCode.trim(), level: level as LevelName, agencyName: agencyName.trim() || null, operatorName: operatorName.trim() || null });
  };
  return (
    <Section title="setIdentity" editable={editable} busy={s.busy} error={s.error} onDismissError={s.dismiss} saved={s.saved} onSubmit={submit}>
      <Field id="set-unit-code" label="setUnitCode" problem={problems.unitCode} hint="setUnitCodeHint">
        <input
          {...described('set-unit-code', problems.unitCode, true)}
          value={unitCode}
          onChange={(e) => {
            setUnitCode(e.target.value);
            s.edited();
          }}
          placeholder="000.00.01.H12"
          spellCheck={false}
          autoComplete="off"
        />
      </Field>
      <Field id="set-level" label="setLevel" problem={problems.level} hint={level === 'huyen' ? 'setLevelHuyenHint' : undefined}>
        <select {...described('set-level', problems.level, level === 'huyen')} value={level} onChange={(e) => setLevel(e.target.value as LevelName)}>
          <option value="">{t('setChoose')}</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`level_${l}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="set-agency" label="setAgencyName" hint="setAgencyNameHint">
        <input {...described('set-agency', null, true)} value={agencyName} onChange={(e) => setAgencyName(e.target.value)} maxLength={300} />
      </Field>
      <Field id="set-operator" label="setOperatorName" hint="setOperatorNameHint">
        <input {...described('set-operator', null, true)} value={operatorName} onChange={(e) => setOperatorName(e.target.value)} maxLength={200} />
      </Field>
    </Section>
  );
}
