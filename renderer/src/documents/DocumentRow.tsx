// One document in the list: when, what, whose, which dossier, its state, its signatures, where it
// stands with the provincial store, and what can be done with it — sign an unsigned record, verify
// a signed one (a signed record is not offered for signing again from here).
import type { DocumentSummary } from '../../../electron/contract';
import { formatDateTime, formatNumber } from '../../../electron/contract';
import { documentPdfUrl } from '../client/client';
import { useI18n } from '../i18n';

export type ListedDocument = DocumentSummary & { snippet?: string | null };

const SYNC_TONE: Readonly<Record<DocumentSummary['syncState'], string>> = { local: 'muted-chip', pending: 'pending', sending: 'pending', synced: 'ready', failed: 'bad' };

export function DocumentRow({ d, onSign, onVerify }: { d: ListedDocument; onSign: () => void; onVerify: () => void }) {
  const { t, lang } = useI18n();
  const owner = d.metadata.ownerName ?? d.metadata.ownerIdNumber;
  return (
    <tr data-testid="document-row">
      <td className="created">{formatDateTime(d.createdAt, lang)}</td>
      <td>
        {d.metadata.title ?? <span className="muted">{t('untitled')}</span>}
        {d.metadata.docNumber && <span className="muted"> · {d.metadata.docNumber}</span>}
        {d.snippet && <div className="muted small snippet">{d.snippet}</div>}
      </td>
      <td>
        {owner ?? <span className="muted">—</span>}
        {d.metadata.ownerName && d.metadata.ownerIdNumber && <div className="muted small mono-digits">{d.metadata.ownerIdNumber}</div>}
      </td>
      <td className="nowrap">{d.metadata.dossierCode ?? '—'}</td>
      <td className="num">{formatNumber(d.pageCount, lang)}</td>
      <td>
        <span className={`status ${d.status}`}>{t(d.status === 'ready' ? 'statusReady' : 'statusDraft')}</span>
        {d.ocr === 'pending' && (
          // A job of seconds to minutes: announced as a progress indicator (no count: OCR reports none).
          <span className="status pending" role="progressbar" aria-label={t('ocrPending')}>
            {t('ocrPending')}
          </span>
        )}
        {d.ocr === 'failed' && <span className="status draft">{t('ocrFailed')}</span>}
      </td>
      <td>{d.signatureCount > 0 ? <span className="status signed">{t('signedCount', { count: d.signatureCount })}</span> : <span className="muted">—</span>}</td>
      <td>
        {/* A demonstration record is never queued: say why, rather than "not queued". */}
        {d.demonstration ? (
          <span className="status muted-chip" data-testid="sync-state">
            {t('docDemonstration')}
          </span>
        ) : (
          <span className={`status ${SYNC_TONE[d.syncState]}`} data-testid="sync-state">
            {t(`docSync_${d.syncState}`)}
          </span>
        )}
      </td>
      <td className="row-actions">
        {d.pdf && (
          <a href={documentPdfUrl(d.id)} target="_blank" rel="noreferrer">
            {t('openPdf')}
          </a>
        )}
        {d.status === 'ready' && d.signatureCount === 0 && (
          <button type="button" className="plain" disabled={d.ocr === 'pending'} title={d.ocr === 'pending' ? t('signAfterOcr') : undefined} onClick={onSign}>
            {t('sign')}
          </button>
        )}
        {d.signatureCount > 0 && (
          <button type="button" className="plain" onClick={onVerify}>
            {t('verify')}
          </button>
        )}
      </td>
    </tr>
  );
}
