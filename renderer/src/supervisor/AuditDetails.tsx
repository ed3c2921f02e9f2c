// One audit row's details: the action's phrase, then any field it did not say, under its name
// (marked as a recorded name when the station has no word for it).
import { useI18n } from '../i18n';
import './audit-details.css';
import { auditDetailView } from './auditPhrases';

export function AuditDetails({ action, details }: { action: string; details: Readonly<Record<string, unknown>> }) {
  const { t, lang } = useI18n();
  const view = auditDetailView(action, details, t, lang);
  return (
    <>
      {view.phrase && <span className="audit-phrase">{view.phrase}</span>}
      {view.rest.length > 0 && (
        <span className="audit-rest">
          {view.rest.map((r) => (
            <span key={r.key} className="audit-field">
              {r.known ? r.label : <span title={t('auditRecordedName')}>{t('auditRecordedField', { name: r.label })}</span>}: {r.value}
            </span>
          ))}
        </span>
      )}
    </>
  );
}
