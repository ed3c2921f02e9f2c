// One dossier as a supervisor checks it behind a figure: each component of its procedure with its
// state (the same words as the counter's checklist), and every record made for it, each openable.
import { useEffect, useState } from 'react';
import { type Checklist, type ChecklistItem, type DossierDetail, formatDateTime } from '../../../electron/contract';
import { documentPdfUrl } from '../client/client';
import { useClient } from '../client/context';
import { Dialog } from '../common/Dialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { type MessageKey, useI18n } from '../i18n';
import { useGuard } from './useGuard';

const STATE_LABEL: Readonly<Record<ChecklistItem['state'], MessageKey>> = {
  todo: 'intakeStateTodo',
  scanning: 'intakeStateScanning',
  scanned: 'intakeStateScanned',
  signed: 'intakeStateSigned',
  reused: 'intakeStateReused',
};

export function DossierDialog({ code, onClose }: { code: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const { error, setError, run } = useGuard();
  const [checklist, setChecklist] = useState<Checklist | null>(null);
  const [detail, setDetail] = useState<DossierDetail | null>(null);
  useEffect(() => {
    void run(async () => {
      // The checklist is judged from the records only: no reuse lookup at the province for a look.
      const [list, dossier] = await Promise.all([client.call('intake.checklist', { code, online: false }), client.call('dossiers.get', { code })]);
      setChecklist(list);
      setDetail(dossier);
    });
  }, [client, code, run]);
  const inChecklist = new Set(checklist?.items.map((i) => i.document?.id).filter((id): id is string => id !== undefined));

  return (
    <Dialog title={t('ratesDossierTitle', { code })} onClose={onClose} wide>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {checklist && detail && (
        <div className="dossier-dialog" data-testid="dossier-dialog">
          <p>
            {checklist.procedure ? `${checklist.procedure.code} — ${checklist.procedure.name}` : t('ratesStateUnknown')} · {formatDateTime(detail.receivedAt, lang)} · {detail.unitCode ?? '—'}
          </p>
          {checklist.items.length > 0 && (
            <table className="doc-table">
              <tbody>
                {checklist.items.map((item) => (
                  <tr key={item.code} data-testid="dossier-component">
                    <th scope="row">{item.code}</th>
                    <td>
                      {item.name} <span className="muted">({t(item.required ? 'ratesDossierRequired' : 'ratesDossierOptional')})</span>
                    </td>
                    <td className={`state-${item.state}`}>{t(STATE_LABEL[item.state])}</td>
                    <td>
                      {item.document && item.document.status === 'ready' && (
                        <a href={documentPdfUrl(item.document.id)} target="_blank" rel="noreferrer">
                          {t('ratesDossierOpenPdf')}
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {detail.documents.filter((d) => !inChecklist.has(d.id)).length > 0 && (
            <ul className="dossier-others">
              {detail.documents
                .filter((d) => !inChecklist.has(d.id))
                .map((d) => (
                  <li key={d.id}>
                    {d.metadata.title ?? d.id}
                    {d.status === 'ready' && (
                      <>
                        {' · '}
                        <a href={documentPdfUrl(d.id)} target="_blank" rel="noreferrer">
                          {t('ratesDossierOpenPdf')}
                        </a>
                      </>
                    )}
                  </li>
                ))}
            </ul>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t('close')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
