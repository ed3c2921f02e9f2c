// A date typed as people at the counter write it, dd/mm/yyyy (a browser's own date box follows
// the machine's locale: on an English system it reads 12/01/2026 for the 1st of December). The
// value in and out is ISO yyyy-mm-dd (contract/format.ts parseDisplayDate reads it back); until
// the text is a date inside the bounds, the value stays as it was, and when the focus leaves a
// text that is not one, the field says so beside it.
import { useEffect, useId, useState } from 'react';
import { formatDate, parseDisplayDate } from '../../../electron/contract';
import { useI18n, type MessageKey } from '../i18n';

export interface DateFieldProps {
  readonly label: MessageKey;
  /** yyyy-mm-dd */
  readonly value: string;
  readonly onChange: (iso: string) => void;
  readonly min?: string | undefined;
  readonly max?: string | undefined;
  readonly className?: string;
  /** May be left empty (a filter with no bound): the value is then ''. */
  readonly optional?: boolean;
}

export function DateField({ label, value, onChange, min, max, className = 'field inline date-field', optional = false }: DateFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const shown = (iso: string) => (iso === '' ? '' : formatDate(iso));
  const [text, setText] = useState(() => shown(value));
  const [problem, setProblem] = useState<string | null>(null);
  // A value set from elsewhere (a link that opens a period) shows as it is now.
  useEffect(() => {
    setText((typed) => (parseDisplayDate(typed) === value || (value === '' && typed.trim() === '') ? typed : shown(value)));
  }, [value]);

  const judge = (typed: string): { iso: string | null; problem: string | null } => {
    if (optional && typed.trim() === '') return { iso: '', problem: null };
    const iso = parseDisplayDate(typed);
    if (!iso) return { iso: null, problem: t('dateNotADate', { value: typed.trim() }) };
    if (min && iso < min) return { iso: null, problem: t('dateBefore', { date: formatDate(min) }) };
    if (max && iso > max) return { iso: null, problem: t('dateAfter', { date: formatDate(max) }) };
    return { iso, problem: null };
  };

  return (
    <label className={className}>
      <span>{t(label)}</span>
      <input
        value={text}
        inputMode="numeric"
        placeholder={t('datePlaceholder')}
        size={10}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const { iso } = judge(e.target.value);
          if (iso !== null) {
            setProblem(null);
            if (iso !== value) onChange(iso);
          }
        }}
        onBlur={() => {
          const judged = judge(text);
          setProblem(judged.problem);
          if (judged.iso) setText(formatDate(judged.iso)); // 1/3/2026 → 01/03/2026 ('' stays empty)
        }}
      />
      {problem && (
        <span className="field-error" id={`${id}-problem`} role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}
