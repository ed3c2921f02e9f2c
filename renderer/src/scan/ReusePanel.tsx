// Reuse at the counter (tái sử dụng, a national target): the dossier and the owner's id, then the
// owner's still-valid documents — here and in the provincial store — each with what identifies it
// (number, issuer, dates), none focused: the officer compares, then takes one (Tab/click). Nothing
// is copied: the dossier gets a link.
import { type FormEvent, useState } from 'react';
import type { DocumentSummary, DossierLink, RemoteDocument, ReuseCandidates } from '../../../electron/contract';
import { useClient } from '../client/context';
import { useStationCall } from '../client/useStationCall';
import { ErrorBanner } from '../common/ErrorBanner';
import { ProgressBar } from '../common/ProgressBar';
import { useI18n } from '../i18n';
import { type OfferShown, ReuseOfferCard } from '../intake/ReuseOfferCard';
import { type FieldMessage, fieldOfError } from '../intake/fieldErrors';
import { checkOwnerId, normaliseOwnerId } from '../intake/ownerIdCheck';

type Candidate = OfferShown & { attach: { documentId: string; ownerIdNumber: string } | { remote: { documentId: string; version: number; ownerIdNumber: string } } };

function candidatesOf(found: ReuseCandidates, ownerIdNumber: string): Candidate[] {
  const local = found.local.map((d: DocumentSummary) => ({
    key: d.id,
    where: 'here' as const,
    title: d.metadata.title ?? d.id,
    docNumber: d.metadata.docNumber,
    issueDate: d.metadata.issueDate,
    issuer: d.metadata.issuer,
    validUntil: d.metadata.validUntil,
    firstPage: null,
    attach: { documentId: d.id, ownerIdNumber },
  }));
  const remote = found.province.status === 'ok' ? found.province.documents : [];
  return [
    ...local,
    ...remote.map((d: RemoteDocument) => ({
      key: `${d.documentId}:${d.version}`,
      where: 'province' as const,
      title: d.title ?? d.documentId,
      docNumber: d.docNumber,
      issueDate: d.issueDate,
      issuer: d.issuer,
      validUntil: d.validUntil,
      firstPage: null,
      attach: { remote: { documentId: d.documentId, version: d.version, ownerIdNumber } },
    })),
  ];
}

export function ReusePanel() {
  const client = useClient();
  const { t, lang } = useI18n();
  const [dossierCode, setDossierCode] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [found, setFound] = useState<{ owner: string | null; offline: boolean; items: Candidate[] } | null>(null);
  const [attached, setAttached] = useState<DossierLink | null>(null);
  const { busy, error, clearError, run } = useStationCall();
  // The owner's id checked as typed (as at intake); a refusal about a field goes beside it, in
  // the officer's words, never the contract's field name.
  const [ownerDone, setOwnerDone] = useState(false);
  const note = checkOwnerId(ownerId, ownerDone);
  const placed = error ? fieldOfError(error) : null;
  const textOf = (m: FieldMessage) => ('key' in m ? t(m.key, m.values) : m[lang]);
  const ownerProblem = note?.kind === 'problem' ? t(note.key, note.values) : note?.kind === 'schema' ? note[lang] : placed?.field === 'owner' ? textOf(placed.message) : null;
  const codeProblem = placed?.field === 'code' ? textOf(placed.message) : null;

  const lookUp = async (e: FormEvent) => {
    e.preventDefault();
    setAttached(null);
    setOwnerDone(true);
    const final = checkOwnerId(ownerId, true);
    if (final?.kind === 'problem' || final?.kind === 'schema') return;
    const id = normaliseOwnerId(ownerId);
    const result = await run(() => client.call('reuse.candidates', { ownerIdNumber: id }));
    if (result) setFound({ owner: result.owner?.name ?? null, offline: result.province.status === 'offline', items: candidatesOf(result, id) });
  };

  const attach = async (c: Candidate) => {
    const link = await run(() => client.call('reuse.attach', { dossierCode: dossierCode.trim(), ...c.attach }));
    if (link) {
      setAttached(link);
      setFound(null); // done: the notice takes the list's place, where the eye already is
    }
  };

  return (
    <section className="reuse-panel" aria-labelledby="reuse-title">
      <h2 id="reuse-title">{t('reuseTitle')}</h2>
      <form className="reuse-form" onSubmit={(e) => void lookUp(e)}>
        <label className="field">
          <span>{t('reuseDossier')}</span>
          <input
            value={dossierCode}
            onChange={(e) => {
              setDossierCode(e.target.value);
              clearError();
            }}
            placeholder={t('dossierCodeHint')}
            maxLength={64}
            required
            aria-invalid={codeProblem ? true : undefined}
            aria-describedby={codeProblem ? 'reuse-code-problem' : undefined}
          />
        </label>
        {codeProblem && (
          <p className="field-error" id="reuse-code-problem" role="alert">
            {codeProblem}
          </p>
        )}
        <label className="field">
          <span>{t('reuseOwnerId')}</span>
          <input
            value={ownerId}
            onChange={(e) => {
              setOwnerId(e.target.value);
              setOwnerDone(false);
              clearError();
            }}
            onBlur={() => setOwnerDone(true)}
            inputMode="numeric"
            maxLength={16}
            required
            autoComplete="off"
            aria-invalid={ownerProblem ? true : undefined}
            aria-describedby="reuse-owner-note"
          />
        </label>
        {ownerProblem ? (
          <p className="field-error" id="reuse-owner-note" role="alert" data-testid="reuse-owner-problem">
            {ownerProblem}
          </p>
        ) : (
          <p className="muted small" id="reuse-owner-note" aria-live="polite">
            {note?.kind === 'progress' ? t(note.key, note.values) : t('reuseOwnerIdHint')}
          </p>
        )}
        <button type="submit" className="reuse-find" disabled={busy}>
          {t('reuseFind')}
        </button>
      </form>
      {busy && <ProgressBar label={t('progressReuse')} fraction={null} />}
      {error && !placed && <ErrorBanner error={error} onDismiss={clearError} />}
      {attached && (
        <p className="notice" role="status">
          {t('reuseDone', { title: attached.title ?? '', code: attached.dossierCode })}
        </p>
      )}
      {found && (
        <div className="reuse-results">
          {found.owner && <p className="muted">{t('reuseOwner', { name: found.owner })}</p>}
          {found.offline && <p className="muted">{t('reuseOffline')}</p>}
          {found.items.length === 0 ? (
            <p className="muted">{t('reuseNone')}</p>
          ) : (
            <ul aria-label={t('reuseCandidates')}>
              {found.items.map((c) => (
                <li key={c.key}>
                  {/* Not focused: the officer compares the paper first, then takes it. */}
                  <ReuseOfferCard offer={c} disabled={busy} onReuse={() => void attach(c)} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
