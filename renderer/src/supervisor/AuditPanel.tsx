// The audit log for a supervisor: filtered by who, what, when and which document, newest first, a
// page at a time (audit.query); and "verify the chain", the same walk as `sohoa audit verify`,
// with the same verdict: intact, or the rows that were edited, inserted or removed.
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { AUDIT_ACTIONS, type AuditActionName, type AuditPage, type AuditVerdict, type MethodInput, formatDateTime } from '../../../electron/contract';
import { useClient } from '../client/context';
import { DateField } from '../common/DateField';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import type { AuditFocus } from './ActivityPanel';
import { AuditDetails } from './AuditDetails';
import { useGuard } from './useGuard';

const PAGE = 50;

interface Filters {
  actor: string;
  action: AuditActionName | '';
  from: string;
  to: string;
  documentId: string;
}

const EMPTY: Filters = { actor: '', action: '', from: '', to: '', documentId: '' };

function query(f: Filters, beforeSeq?: number): MethodInput<'audit.query'> {
  return {
    limit: PAGE,
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.documentId.trim() ? { documentId: f.documentId.trim() } : {}),
    ...(beforeSeq ? { beforeSeq } : {}),
  };
}

export function AuditPanel({ focus }: { focus: AuditFocus | null }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  const guard = useGuard();
  const { run } = guard;

  const search = useCallback((f: Filters) => run(async () => setPage(await client.call('audit.query', query(f)))), [client, run]);
  useEffect(() => {
    const f = { ...EMPTY, ...focus };
    setFilters(f);
    void search(f);
  }, [focus, search]);

  const more = () =>
    void run(async () => {
      if (!page?.nextBeforeSeq) return;
      const next = await client.call('audit.query', query(filters, page.nextBeforeSeq));
      setPage({ entries: [...page.entries, ...next.entries], nextBeforeSeq: next.nextBeforeSeq });
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void search(filters);
  };
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const verify = () => void run(async () => setVerdict(await client.call('audit.verify', {})));

  return (
    <section className="panel audit-panel" aria-label={t('auditTitle')}>
      <header className="panel-head">
        <h2>{t('auditTitle')}</h2>
        <button type="button" className="plain" onClick={verify} disabled={guard.busy}>
          {t('auditVerify')}
        </button>
      </header>
      {verdict && (
        <div className={verdict.ok ? 'notice' : 'error-banner audit-broken'} role="status" data-testid="audit-verdict">
          <p className="verdict-text">{t(verdict.ok ? 'auditOk' : 'auditBroken', { rows: verdict.rows })}</p>
          {verdict.problems.length > 0 && (
            <ul className="problems">
              {verdict.problems.map((p) => (
                <li key={`${p.seq}-${p.kind}`}>
                  {/* The walk's own detail is English (as `sohoa audit verify` prints it). */}
                  #{p.seq} {t(`auditProblem_${p.kind}`)}
                  {lang === 'en' ? `: ${p.detail}` : ''}
                </li>
              ))}
            </ul>
          )}
          {/* The provincial store's copy of the head: what a rewrite with the station's key cannot reach. */}
          <p className="verdict-remote" data-testid="audit-remote">
            {t(`auditRemote_${verdict.remote.status}`, { seq: verdict.remote.head?.seq ?? '—' })}
          </p>
        </div>
      )}
      <form className="audit-filters" onSubmit={submit} aria-label={t('auditFilters')}>
        <label className="field">
          <span>{t('auditActor')}</span>
          <input value={filters.actor} onChange={(e) => set({ actor: e.target.value })} placeholder={t('auditActorHint')} />
        </label>
        <label className="field">
          <span>{t('auditAction')}</span>
          <select value={filters.action} onChange={(e) => set({ action: e.target.value as Filters['action'] })}>
            <option value="">{t('auditAnyAction')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`auditAction_${a}`)}
              </option>
            ))}
          </select>
        </label>
        <DateField label="ratesFrom" className="field" optional value={filters.from} max={filters.to || undefined} onChange={(from) => set({ from })} />
        <DateField label="ratesTo" className="field" optional value={filters.to} min={filters.from || undefined} onChange={(to) => set({ to })} />
        <label className="field">
          <span>{t('auditDocument')}</span>
          <input value={filters.documentId} onChange={(e) => set({ documentId: e.target.value })} placeholder={t('auditDocumentHint')} spellCheck={false} />
        </label>
        <div className="filter-actions">
          <button type="submit" className="primary" disabled={guard.busy}>
            {t('auditFilter')}
          </button>
          <button
            type="button"
            className="plain"
            onClick={() => {
              setFilters(EMPTY);
              void search(EMPTY);
            }}
          >
            {t('auditClear')}
          </button>
        </div>
      </form>
      {guard.error && <ErrorBanner error={guard.error} onDismiss={() => guard.setError(null)} />}
      {page && page.entries.length === 0 && <p className="muted">{t('auditNone')}</p>}
      {page && page.entries.length > 0 && (
        <table className="doc-table compact audit-table">
          <thead>
            <tr>
              <th scope="col" className="num">#</th>
              <th scope="col">{t('colCreated')}</th>
              <th scope="col">{t('auditActor')}</th>
              <th scope="col">{t('auditAction')}</th>
              <th scope="col">{t('auditDocument')}</th>
              <th scope="col">{t('auditDetails')}</th>
            </tr>
          </thead>
          <tbody>
            {page.entries.map((e) => (
              <tr key={e.seq} data-testid="audit-row">
                <td className="num">{e.seq}</td>
                <td className="nowrap">{formatDateTime(e.at, lang)}</td>
                {/* The name the person went by, and the account behind it (a name can be changed, the account cannot). */}
                <td>
                  {e.actor}
                  {e.username && <span className="muted"> ({e.username})</span>}
                </td>
                <td>{(AUDIT_ACTIONS as readonly string[]).includes(e.action) ? t(`auditAction_${e.action as AuditActionName}`) : e.action}</td>
                <td className="mono">{e.documentId ? e.documentId.slice(0, 13) : '—'}</td>
                <td className="details">
                  <AuditDetails action={e.action} details={e.details} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page?.nextBeforeSeq && (
        <button type="button" className="plain more" onClick={more} disabled={guard.busy}>
          {t('auditMore')}
        </button>
      )}
    </section>
  );
}
