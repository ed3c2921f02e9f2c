// A file or folder on this computer, as the station accepts one: in the desktop app only what the
// person picks in the system's dialog (the field shows the choice, read-only); in browser mode,
// which has no dialogs, a typed path inside the folders the administrator opened (the core says
// so when it is not).
import { useId } from 'react';
import { type ChoosePathRequest, systemDialog } from '../client/client';
import { type MessageKey, useI18n } from '../i18n';

export function PathField({
  label,
  value,
  onChange,
  use,
  filters,
  placeholder,
  disabled = false,
}: {
  label: MessageKey;
  value: string;
  onChange: (path: string) => void;
  use: ChoosePathRequest['use'];
  filters?: ChoosePathRequest['filters'];
  placeholder?: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const dialog = systemDialog();
  if (dialog)
    return (
      <div className="field">
        <label htmlFor={id}>
          <span>{t(label)}</span>
        </label>
        <div className="field-inline">
          <input id={id} className="grow" value={value} readOnly placeholder={t('pathNoneChosen')} spellCheck={false} />
          <button
            type="button"
            className="plain"
            disabled={disabled}
            onClick={() =>
              void dialog({ use, ...(filters ? { filters } : {}) }).then((chosen) => {
                if (chosen?.[0]) onChange(chosen[0]);
              })
            }
          >
            {t('pathChoose')}
          </button>
        </div>
      </div>
    );
  return (
    <div className="field">
      <label htmlFor={id}>
        <span>{t(label)}</span>
      </label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} spellCheck={false} disabled={disabled} aria-describedby={`${id}-hint`} />
      <p className="hint" id={`${id}-hint`}>
        {t('pathBrowserHint')}
      </p>
    </div>
  );
}
