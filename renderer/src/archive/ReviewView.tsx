// The QC pass, for someone other than the indexer: the pages beside what was typed; Enter on
// "Approve" makes the record; "Send back" asks for a reason (Enter sends it). The next document
// waiting for checking follows at once. Each page is looked at for the checker (archive.pageChecks):
// blank, skewed and dark pages are listed beside the values and marked on their thumbnails.
// Values read as people write them (dates dd/mm/yyyy, "vĩnh viễn").
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { type ArchiveDocument, type ArchivePageCheck, INDEX_FIELDS, type IndexEntries, type WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { matches } from '../shortcuts/registry';
import { useShortcut } from '../shortcuts/useShortcut';
import { FIELD_LABELS, shownValue } from './fields';
import { PagePreview } from './PagePreview';
import { useWarningText } from './pageWarnings';

export function ReviewView({ doc, defaults, onDone }: { doc: ArchiveDocument | null; defaults: IndexEntries; onDone: () => void }) {
  const client = useClient();
  const { t } = useI18n();
  const [sendingBack, setSendingBack] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<WireError | null>(null);
  // Blank pages must be looked at before approving (archive-blank-pages): ticked, they are kept.
  const [keepBlank, setKeepBlank] = useState(false);
  const approveRef = useRef<HTMLButtonElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  /** null while the pages are being looked at. */
  const [checks, setChecks] = useState<ArchivePageCheck[] | null>(null);
  useEffect(() => {
    setChecks(null);
    if (!doc) return;
    let live = true;
    client.call('archive.pageChecks', { documentId: doc.documentId }).then(
      (c) => live && setChecks(c),
      () => live && setChecks([]), // the warnings help the checker; the pages are there to look at without them
    );
    return () => {
      live = false;
    };
  }, [client, doc?.documentId]);

  useEffect(() => {
    setSendingBack(false);
    setReason('');
    setError(null);
    setKeepBlank(false);
    approveRef.current?.focus();
  }, [doc?.documentId]);
  useEffect(() => {
    if (sendingBack) reasonRef.current?.focus();
  }, [sendingBack]);

  // Ctrl+Enter approves from anywhere on the screen (Enter does too, on the focused button).
  useShortcut('archive.approve', () => approveRef.current?.click(), doc !== null && !sendingBack);

  if (!doc) return <p className="empty muted">{t('archiveNothingToReview')}</p>;

  const decide = async (decision: 'approve' | 'send-back') => {
    try {
      await client.call('archive.review', decision === 'approve' ? { documentId: doc.documentId, decision, ...(keepBlank ? { keepBlankPages: true } : {}) } : { documentId: doc.documentId, decision, reason });
      onDone();
    } catch (e) {
      if (e instanceof StationCallError) setError(e.error);
      else throw e;
    }
  };
  const onReasonKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (matches('archive.reason-send', e)) {
      e.preventDefault();
      void decide('send-back');
    } else if (matches('archive.reason-cancel', e)) {
      setSendingBack(false);
      approveRef.current?.focus();
    }
  };
  const shown = INDEX_FIELDS.map((f) => [f, doc.entries[f] ?? defaults[f]] as const).filter(([, v]) => v);

  return (
    <div className="archive-work">
      <PagePreview documentId={doc.documentId} checks={checks} />
      <section className="archive-form" aria-label={t('archiveReviewTitle', { seq: doc.seq })}>
        <h2>{t('archiveReviewTitle', { seq: doc.seq })}</h2>
        <p className="muted">{t('archiveIndexedBy', { who: doc.indexedBy ?? '—', pages: doc.pageCount })}</p>
        {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
        <PageWarnings checks={checks} />
        {doc.blankPages.length > 0 && (
          <div className="notice warn qc-blank" role="status" data-testid="qc-blank-pages">
            <p>{t('qcBlankPages', { count: doc.blankPages.length, pages: doc.blankPages.join(', ') })}</p>
            <label className="check">
              <input type="checkbox" checked={keepBlank} onChange={(e) => setKeepBlank(e.target.checked)} />
              {t('qcKeepBlankPages')}
            </label>
          </div>
        )}
        <dl className="archive-values">
          {shown.map(([f, v]) => (
            <div key={f}>
              <dt>{t(FIELD_LABELS[f])}</dt>
              <dd>{shownValue(f, v ?? '', t)}</dd>
            </div>
          ))}
        </dl>
        {sendingBack ? (
          <label className="field">
            <span>{t('archiveReason')}</span>
            <input ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)} onKeyDown={onReasonKey} aria-describedby="archive-reason-hint" />
            <span className="hint" id="archive-reason-hint">
              {t('archiveReasonHint')}
            </span>
          </label>
        ) : null}
        <div className="archive-form-actions">
          <button ref={approveRef} type="button" className="primary" aria-keyshortcuts="Control+Enter" onClick={() => void decide('approve')}>
            {t('archiveApprove')}
          </button>
          {sendingBack ? (
            <button type="button" className="plain" onClick={() => void decide('send-back')}>
              {t('archiveSendBackConfirm')}
            </button>
          ) : (
            <button type="button" className="plain" onClick={() => setSendingBack(true)}>
              {t('archiveSendBack')}
            </button>
          )}
        </div>
      </section>
    </div>
  );
}

/** The pages to look at again, one line each, or that there are none. */
function PageWarnings({ checks }: { checks: readonly ArchivePageCheck[] | null }) {
  const { t } = useI18n();
  const warningText = useWarningText();
  if (checks === null) return <p className="muted archive-checks">{t('archiveChecksRunning')}</p>;
  const warned = checks.filter((c) => c.warnings.length > 0);
  if (warned.length === 0) return <p className="muted archive-checks">{t('archiveChecksNone')}</p>;
  return (
    <section className="archive-checks warning" aria-label={t('archiveChecksTitle', { n: warned.length })}>
      <strong>{t('archiveChecksTitle', { n: warned.length })}</strong>
      <ul>
        {warned.map((c) => (
          <li key={c.pageId}>{t('archiveCheckPage', { n: c.seq, warnings: warningText(c) })}</li>
        ))}
      </ul>
    </section>
  );
}
