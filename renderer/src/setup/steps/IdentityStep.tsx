// Who and where the station is: the agency's name (on the receipt and signatures), its unit code
// (QCVN 102, as dossier codes begin) and level. Enter moves on.
import { type FormEvent, useState } from 'react';
import type { Settings, SetupState } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { Field, described } from '../../settings/Section';
import { type Problems, hasProblems, unitCodeProblem } from '../../settings/validate';

type LevelName = NonNullable<Settings['level']>;
const LEVELS: readonly LevelName[] = ['xa', 'tinh', 'huyen'];

export function IdentityStep({ setup, busy, onSubmit }: { setup: SetupState; busy: boolean; onSubmit: (v: { agencyName: string; unitCode: string; level: LevelName }) => void }) {
  const { t } = useI18n();
  const [agencyName, setAgencyName] = useState(setup.agencyName ?? '');
  const [unitCode, setUnitCode] = useState(setup.unitCode ?? '');
  const [level, setLevel] = useState<LevelName | ''>(setup.level ?? '');
  const [problems, setProblems] = useState<Problems<'agencyName' | 'unitCode' | 'level'>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = {
      agencyName: agencyName.trim() ? undefined : ('setupAgencyMissing' as const),
      unitCode: unitCodeProblem(unitCode) ?? undefined,
      level: level ? undefined : ('setLevelMissing' as const),
    };
    setProblems(found);
    if (hasProblems(found) || !level) return;
    onSubmit({ agencyName: agencyName.trim(), unitCode: unitCode.trim(), level });
  };
  return (
    <form className="setup-body setup-form" onSubmit={submit} noValidate>
      <p className="muted">{t('setupIdentityText')}</p>
      <Field id="setup-agency" label="setAgencyName" problem={problems.agencyName} hint="setupAgencyHint">
        <input {...described('setup-agency', problems.agencyName, true)} value={agencyName} onChange={(e) => setAgencyName(e.target.value)} maxLength={300} autoFocus autoComplete="organization" />
      </Field>
      <div className="setup-row">
        <Field id="setup-unit" label="setUnitCode" problem={problems.unitCode} hint="setUnitCodeHint">
          <input {...described('setup-unit', problems.unitCode, true)} value={unitCode} onChange={(e) => setUnitCode(e.target.value)} placeholder="000.00.01.H12" spellCheck={false} autoComplete="off" />
        </Field>
        <Field id="setup-level" label="setLevel" problem={problems.level}>
          <select {...described('setup-level', problems.level)} value={level} onChange={(e) => setLevel(e.target.value as LevelName)}>
            <option value="">{t('setChoose')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`level_${l}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="setup-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('setupNext')}
        </button>
      </div>
    </form>
  );
}
