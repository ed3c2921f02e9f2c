// The documents this station has digitized, newest first, or those a search finds (by title,
// number, owner, dossier code or the pages' text: the core's search); refreshed whenever one
// changes. Each row says where it stands with the provincial store and whose paper it is.
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { type DocumentSummary, type VerifyReport, type WireError, formatDateTime } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { Dialog } from '../common/Dialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { SignDialog } from '../signing/SignDialog';
import { VerifyFileForm } from '../signing/VerifyFileForm';
import { VerifyReportView } from '../signing/VerifyReportView';
import { DocumentRow, type ListedDocument } from './DocumentRow';
import './documents.css';

const LIMIT = 200;
/** Typing pauses this long before the search runs (Enter runs it at once). */
const SEARCH_PAUSE_MS = 300;

export function DocumentList() {
  const { t, lang } = useI18n();
  const client = useClient();
  const [docs, setDocs] = useState<ListedDocument[] | null>(null);
  const [text, setText] = useState('');
  const [searched, setSearched] = useState('');
  const [error, setError] = useState<WireError | null>(null);
  const [signing, setSigning] = useState<DocumentSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [verified, setVerified] = useState<{ doc: DocumentSummary; report: VerifyReport } | null>(null);
  const latest = useRef(0);

  const load = useCallback(
    async (query: string) => {
      // Answers may come back out of order while someone types: only the newest one is shown.
      const ticket = ++latest.current;
      try {
        const q = query.trim();
        const found: ListedDocument[] = q ? await client.call('documents.search', { text: q, limit: LIMIT }) : await client.call('documents.list', { limit: LIMIT });
        if (ticket === latest.current) {
          setDocs(found);
          setSearched(q);
        }
      } catch (e) {
        if (e instanceof StationCallError) setError(e.error);
        else throw e;
      }
    },
    [client],
  );

  const query = useRef(text);
  query.current = text;
  useEffect(
    () =>
      client.subscribe((name) => {
        if (name === 'documents.changed') void load(query.current);
      }),
    [client, load],
  );
  // The list at once; a search once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => void load(text), text.trim() ? SEARCH_PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [text, load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(text);
  };

  const verify = async (doc: DocumentSummary) => {
    try {
      setVerified({ doc, report: await client.call('documents.verify', { id: doc.id }) });
    } catch (e) {
      if (e instanceof StationCallError) setError(e.error);
      else throw e;
    }
  };

  return (
    <section className="documents" aria-label={t('documents')}>
      <div className="documents-head">
        <h2>{t('documents')}</h2>
        <form role="search" className="documents-search" onSubmit={submit} aria-label={t('docSearch')}>
          <label htmlFor="doc-search" className="sr-only">
            {t('docSearch')}
          </label>
          <input id="doc-search" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('docSearchHint')} spellCheck={false} />
        </form>
      </div>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {searched && docs && (
        <p className="muted" role="status" data-testid="search-count">
          {t('docSearchFound', { count: docs.length, text: searched })}
        </p>
      )}
      {docs?.length === 0 && !searched && <p className="muted">{t('noDocuments')}</p>}
      {docs && docs.length > 0 && (
        <table className="doc-table documents-table">
          <thead>
            <tr>
              <th scope="col">{t('colCreated')}</th>
              <th scope="col">{t('colTitle')}</th>
              <th scope="col">{t('docColOwner')}</th>
              <th scope="col">{t('colDossier')}</th>
              <th scope="col" className="num">
                {t('colPages')}
              </th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('colSignatures')}</th>
              <th scope="col">{t('docColSync')}</th>
              <th scope="col">
                <span className="sr-only">{t('colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <DocumentRow key={d.id} d={d} onSign={() => setSigning(d)} onVerify={() => void verify(d)} />
            ))}
          </tbody>
        </table>
      )}
      <VerifyFileForm />
      {signing && (
        <SignDialog
          doc={signing}
          onClose={() => setSigning(null)}
          onSigned={(doc) => {
            setSigning(null);
            const last = doc.signatures.at(-1);
            setNotice(t('signedNotice', { signer: last?.signer ?? '', time: formatDateTime(last?.signedAt, lang) }));
          }}
        />
      )}
      {verified && (
        <Dialog title={t('verifyTitle', { name: verified.doc.metadata.title ?? t('untitled') })} onClose={() => setVerified(null)} wide>
          <VerifyReportView report={verified.report} />
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={() => setVerified(null)}>
              {t('close')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
