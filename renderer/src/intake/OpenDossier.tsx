// The first step at the counter: the dossier's code (typed, or read from the citizen's receipt),
// the procedure from the province's catalogue (found by code or by name, with or without
// diacritics), and the owner's id so that what they already have is offered for reuse.
// Typed straight through: code → Enter → procedure (↑/↓ pick) → Enter → owner id → Enter opens.
// Buttons sit outside that path (Tab never lands on them between two fields), and what is wrong
// shows beside the field it concerns, gone as soon as that field changes.
import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { type CatalogueState, type Checklist, type Device, DossierCode, invalidInput } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { PathField } from '../common/PathField';
import { ProgressBar } from '../common/ProgressBar';
import { useI18n } from '../i18n';
import { type FieldMessage, type OpenField, fieldOfError } from './fieldErrors';
import { fold } from './fold';
import { checkOwnerId, normaliseOwnerId } from './ownerIdCheck';
import { useReceiptReader } from './useReceiptReader';
import { useStationCall } from '../client/useStationCall';
import { catalogueLine } from './catalogueLine';

const SHOWN = 8;

export function OpenDossier({ shown, device, onOpened }: { shown: boolean; device: Device | null; onOpened: (list: Checklist) => void }) {
  const { t, lang } = useI18n();
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
  const [ownerDone, setOwnerDone] = useState(false);
  const [catalogueProblemSeen, setCatalogueProblemSeen] = useState(false);
  const [problems, setProblems] = useState<Partial<Record<OpenField, FieldMessage>>>({});

  useEffect(() => {
    void run(() => client.call('intake.catalogue', {})).then((c) => c && setCatalogue(c));
  }, [client, run]);
  // The code is the first thing typed: focused whenever the tab comes on screen (autofocus does
  // nothing for a field mounted hidden).
  const codeField = useRef<HTMLInputElement>(null);
  const procedureField = useRef<HTMLInputElement>(null);
  const ownerField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (shown) codeField.current?.focus();
  }, [shown]);

  const matches = useMemo(() => {
    const all = catalogue?.catalogue.procedures ?? [];
    const q = fold(filter);
    return q ? all.filter((p) => p.code.includes(q) || fold(p.name).includes(q)) : all;
  }, [catalogue, filter]);
  const visible = matches.slice(0, SHOWN);
  const chosen = procedure ?? (filter.trim() && matches.length > 0 ? matches[0]!.code : null);

  const say = (field: OpenField, message: FieldMessage | undefined) => setProblems((p) => ({ ...p, [field]: message }));
  const textOf = (m: FieldMessage) => ('key' in m ? t(m.key, m.values) : m[lang]);
  /** A field changed: what was said about it (and a station error from the last try) is stale. */
  const changed = (field: OpenField) => {
    say(field, undefined);
    clearError();
  };

  const codeProblem = (): FieldMessage | undefined => {
    if (!code.trim()) return { key: 'intakeCodeMissing' };
    const parsed = DossierCode.safeParse(code.trim());
    if (parsed.success) return undefined;
    const d = invalidInput(parsed.error).details ?? {};
    return { vi: String(d.detail_vi ?? d.detail ?? ''), en: String(d.detail ?? '') };
  };
  const ownerNote = checkOwnerId(owner, ownerDone);
  const ownerProblem = (final: boolean): FieldMessage | undefined => {
    const note = checkOwnerId(owner, final);
    if (note?.kind === 'problem') return { key: note.key, ...(note.values ? { values: note.values } : {}) };
    if (note?.kind === 'schema') return { vi: note.vi, en: note.en };
    return undefined;
  };

  const read = async (how: 'scan' | 'file') => {
    const found = how === 'scan' ? device && (await reader.scan(device)) : await reader.file(imagePath.trim());
    if (found) {
      setCode(found.code);
      setReadFrom(found.format);
      changed('code');
      // The receipt gave the code: the next thing to type is the procedure.
      procedureField.current?.focus();
    }
  };

  const open = async () => {
    const wrong = { code: codeProblem(), procedure: chosen ? undefined : ({ key: 'intakeProcedureMissing' } as const), owner: ownerProblem(true) };
    setOwnerDone(true);
    setProblems(wrong);
    const first = (['code', 'procedure', 'owner'] as const).find((f) => wrong[f]);
    if (first) return fields[first].current?.focus();
    const id = normaliseOwnerId(owner);
    const list = await run(() => client.call('intake.open', { code: code.trim(), procedureCode: chosen!, ...(id ? { ownerIdNumber: id } : {}) }));
    if (list) return onOpened(list);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void open();
  };
  // A station error about one field goes beside it (and the focus to that field); anything else
  // stays in the banner. Changing the field clears it (changed()).
  const placed = error ? fieldOfError(error) : null;
  const fields = { code: codeField, procedure: procedureField, owner: ownerField };
  useEffect(() => {
    const at = error ? fieldOfError(error) : null;
    if (at) ({ code: codeField, procedure: procedureField, owner: ownerField })[at.field].current?.focus();
  }, [error]);
  const problemOf = (field: OpenField): FieldMessage | undefined => problems[field] ?? (placed?.field === field ? placed.message : undefined);

  /** Enter moves to the next field once this one is right; the last one opens the dossier. */
  const onCodeKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const problem = codeProblem();
    say('code', problem);
    if (!problem) procedureField.current?.focus();
  };
  const onProcedureKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      // The list is picked from the search field (a combobox): the hands stay on the keys.
      e.preventDefault();
      if (visible.length === 0) return;
      const at = visible.findIndex((p) => p.code === chosen);
      const next = at < 0 ? (e.key === 'ArrowDown' ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)));
      setProcedure(visible[next]!.code);
      changed('procedure');
      return;
    }
    if (e.key !== 'Enter') return;
    // Never opens from here: the owner's id comes next (without it nothing is offered for reuse).
    e.preventDefault();
    if (!chosen) return say('procedure', { key: matches.length === 0 ? 'intakeProcedureNoneMatches' : 'intakeProcedureMissing' });
    setProcedure(chosen);
    ownerField.current?.focus();
  };
  const onOwnerKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void open();
  };

  const problem = catalogue?.problem;
  const describedBy = (field: OpenField, extra?: string) => [problemOf(field) ? `intake-${field}-problem` : null, extra ?? null].filter(Boolean).join(' ') || undefined;
  const fieldProblem = (field: OpenField) => {
    const message = problemOf(field);
    return (
      message && (
        <p className="field-error" id={`intake-${field}-problem`} role="alert" data-testid={`intake-${field}-problem`}>
          {textOf(message)}
        </p>
      )
    );
  };
  return (
    <form className="intake-open" onSubmit={submit} aria-labelledby="intake-open-title" noValidate>
      <h2 id="intake-open-title">{t('intakeOpenTitle')}</h2>
      {problem && !catalogueProblemSeen && <ErrorBanner error={problem} onDismiss={() => setCatalogueProblemSeen(true)} />}
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
              changed('code');
            }}
            onKeyDown={onCodeKey}
            placeholder={t('dossierCodeHint')}
            maxLength={64}
            ref={codeField}
            spellCheck={false}
            aria-invalid={problemOf('code') ? true : undefined}
            aria-describedby={describedBy('code')}
          />
        </label>
        {/* Beside the code it fills in, but not a Tab stop: the next key after the code is the
            procedure, and a Space typed there must never start a scan. */}
        <button type="button" className="reuse-find" tabIndex={-1} disabled={!device || reader.busy} onClick={() => void read('scan')}>
          {reader.busy ? t('intakeReadingReceipt') : t('intakeScanReceipt')}
        </button>
      </div>
      {fieldProblem('code')}
      {readFrom && (
        <p className="notice" role="status">
          {t('intakeReceiptRead', { code, format: readFrom })}
        </p>
      )}

      <fieldset className="intake-procedures">
        <legend>{t('intakeProcedure')}</legend>
        <label className="field">
          <span>{t('intakeProcedureFind')}</span>
          <input
            ref={procedureField}
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setProcedure(null);
              changed('procedure');
            }}
            onKeyDown={onProcedureKey}
            placeholder={t('intakeProcedureHint')}
            spellCheck={false}
            role="combobox"
            aria-expanded="true"
            aria-controls="intake-procedure-list"
            aria-autocomplete="list"
            aria-invalid={problemOf('procedure') ? true : undefined}
            aria-describedby={describedBy('procedure', 'intake-procedure-keys')}
          />
        </label>
        <p className="muted small field-note" id="intake-procedure-keys">
          {t('intakeProcedureKeys')}
        </p>
        {fieldProblem('procedure')}
        <div role="radiogroup" id="intake-procedure-list" aria-label={t('intakeProcedure')} className="procedure-list">
          {visible.map((p) => (
            <button
              key={p.code}
              type="button"
              role="radio"
              tabIndex={-1}
              aria-checked={chosen === p.code}
              className={chosen === p.code ? 'procedure selected' : 'procedure'}
              onClick={() => {
                setProcedure(p.code);
                changed('procedure');
                // Chosen with the mouse: the owner's id is the next thing to type.
                ownerField.current?.focus();
              }}
            >
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
        <input
          ref={ownerField}
          value={owner}
          onChange={(e) => {
            setOwner(e.target.value);
            setOwnerDone(false);
            changed('owner');
          }}
          onKeyDown={onOwnerKey}
          onBlur={() => {
            setOwnerDone(true);
            say('owner', ownerProblem(true));
          }}
          inputMode="numeric"
          maxLength={16}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problemOf('owner') || ownerNote?.kind === 'problem' || ownerNote?.kind === 'schema' ? true : undefined}
          aria-describedby={describedBy('owner', 'intake-owner-note')}
        />
      </label>
      {problemOf('owner') ? (
        fieldProblem('owner')
      ) : ownerNote?.kind === 'problem' || ownerNote?.kind === 'schema' ? (
        <p className="field-error" id="intake-owner-note" data-testid="intake-owner-problem" role="alert">
          {ownerNote.kind === 'problem' ? t(ownerNote.key, ownerNote.values) : ownerNote[lang]}
        </p>
      ) : (
        <p className="muted small field-note" id="intake-owner-note" data-testid="intake-owner-note" aria-live="polite">
          {ownerNote ? t(ownerNote.key, ownerNote.values) : t('intakeOwnerIdHint')}
        </p>
      )}

      {error && !placed && <ErrorBanner error={error} onDismiss={clearError} />}
      <button type="submit" className="primary big" disabled={busy}>
        {t('intakeOpen')}
      </button>

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
    </form>
  );
}
