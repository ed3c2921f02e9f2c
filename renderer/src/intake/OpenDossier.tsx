// The first step at the counter: the dossier's code (typed, or read from the citizen's receipt),
// the procedure from the province's catalogue (found by code or by name, with or without
// diacritics), and the owner's id so that what they already have is offered for reuse.
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { CatalogueState, Checklist, Device } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { PathField } from '../common/PathField';
import { ProgressBar } from '../common/ProgressBar';
import { useI18n } from '../i18n';
import { fold } from './fold';
import { useReceiptReader } from './useReceiptReader';
import { useStationCall } from '../client/useStationCall';
import { catalogueLine } from './catalogueLine';

const SHOWN = 8;

export function OpenDossier({ shown, device, onOpened }: { shown: boolean; device: Device | null; onOpened: (list: Checklist) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const reader = useReceiptReader();
  const { run, busy, error, clearError } = useStationCall();
  const [catalogue, setCatalogue] = useState<CatalogueState | null>(null);
  const [code, setCode] = useState('');
  const [readFrom, setReadFrom] = useState<string | null>(null);
  const [imagePath, setImagePath] = useState('');
  const [filter, setFilter] = useState('');
  const [procedure, setProcedure] = useState<string | null>(null);
  const [owner, setOwner] = useState('');
  const [catalogueProblemSeen, setCatalogueProblemSeen] = useState(false);

  useEffect(() => {
    void run(() => client.call('intake.catalogue', {})).then((c) => c && setCatalogue(c));
  }, [client, run]);
  // The code is the first thing typed: focused whenever the tab comes on screen (autofocus does
  // nothing for a field mounted hidden).
  const codeField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (shown) codeField.current?.focus();
  }, [shown]);

  const matches = useMemo(() => {
    const all = catalogue?.catalogue.procedures ?? [];
    const q = fold(filter);
    return q ? all.filter((p) => p.code.includes(q) || fold(p.name).includes(q)) : all;
  }, [catalogue, filter]);
  const chosen = procedure ?? (filter.trim() && matches.length > 0 ? matches[0]!.code : null);

  const read = async (how: 'scan' | 'file') => {
    const found = how === 'scan' ? device && (await reader.scan(device)) : await reader.file(imagePath.trim());
    if (found) {
      setCode(found.code);
      setReadFrom(found.format);
    }
  };

  const open = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    const list = await run(() => client.call('intake.open', { code: code.trim(), procedureCode: chosen, ...(owner.trim() ? { ownerIdNumber: owner.trim() } : {}) }));
    if (list) onOpened(list);
  };

  const problem = catalogue?.problem;
  return (
    <form className="intake-open" onSubmit={(e) => void open(e)} aria-labelledby="intake-open-title">
      <h2 id="intake-open-title">{t('intakeOpenTitle')}</h2>
      {problem && !catalogueProblemSeen && <ErrorBanner error={problem} onDismiss={() => setCatalogueProblemSeen(true)} />}
      {error && <ErrorBanner error={error} onDismiss={clearError} />}
      {reader.error && <ErrorBanner error={reader.error} onDismiss={reader.clearError} />}
      {reader.busy && <ProgressBar label={t('intakeReadingReceipt')} fraction={null} />}

      <div className="intake-code-row">
        <label className="field grow">
          <span>{t('dossierCode')}</span>
          <input
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setReadFrom(null);
            }}
            placeholder={t('dossierCodeHint')}
            maxLength={64}
            required
            ref={codeField}
            spellCheck={false}
          />
        </label>
        <button type="button" className="reuse-find" disabled={!device || reader.busy} onClick={() => void read('scan')}>
          {reader.busy ? t('intakeReadingReceipt') : t('intakeScanReceipt')}
        </button>
      </div>
      {readFrom && (
        <p className="notice" role="status">
          {t('intakeReceiptRead', { code, format: readFrom })}
        </p>
      )}
      <details className="intake-image">
        <summary>{t('intakeReceiptFromFile')}</summary>
        <div className="field-inline">
          <div className="grow">
            <PathField label="intakeReceiptPath" value={imagePath} onChange={setImagePath} use="read" filters={[{ name: 'Image', extensions: ['png', 'jpg', 'jpeg', 'tif', 'tiff', 'pdf'] }]} />
          </div>
          <button type="button" className="plain" disabled={!imagePath.trim() || reader.busy} onClick={() => void read('file')}>
            {t('intakeReadFile')}
          </button>
        </div>
      </details>

      <fieldset className="intake-procedures">
        <legend>{t('intakeProcedure')}</legend>
        <label className="field">
          <span>{t('intakeProcedureFind')}</span>
          <input
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setProcedure(null);
            }}
            placeholder={t('intakeProcedureHint')}
            spellCheck={false}
          />
        </label>
        <div role="radiogroup" aria-label={t('intakeProcedure')} className="procedure-list">
          {matches.slice(0, SHOWN).map((p) => (
            <button key={p.code} type="button" role="radio" aria-checked={chosen === p.code} className={chosen === p.code ? 'procedure selected' : 'procedure'} onClick={() => setProcedure(p.code)}>
              <strong>{p.name}</strong>
              <span>
                {p.code} · {t('intakeComponentsCount', { count: p.components.length })}
              </span>
            </button>
          ))}
          {matches.length === 0 && <p className="muted">{t('intakeNoProcedure')}</p>}
          {matches.length > SHOWN && <p className="muted">{t('intakeMoreProcedures', { count: matches.length - SHOWN })}</p>}
        </div>
        {catalogue && (
          <p className="muted small">
            {catalogueLine(catalogue, t)}
          </p>
        )}
      </fieldset>

      <label className="field">
        <span>{t('intakeOwnerId')}</span>
        <input value={owner} onChange={(e) => setOwner(e.target.value)} inputMode="numeric" maxLength={14} spellCheck={false} />
      </label>
      <button type="submit" className="primary big" disabled={busy || !chosen || !code.trim()}>
        {t('intakeOpen')}
      </button>
    </form>
  );
}
