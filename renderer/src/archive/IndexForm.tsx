// The keyboard-only indexing form of one document. Tab moves between fields; Enter sends the
// document to the QC pass (checked by the records' rules; a refused field gets the focus and the
// message); Ctrl+S keeps what was typed; PageDown / PageUp move to the next or previous document.
// Each field is kept as typed when the focus leaves it, so a crash loses nothing; empty fields take
// the values OCR found on the first page, marked as such. Dates are typed and shown dd/mm/yyyy (kept
// ISO, fields.ts); a date field holding no date says so beside it when the focus leaves it; the
// retention period is a choice of the archive rules' periods.
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { type ArchiveDocument, INDEX_FIELDS, type IndexEntries, type IndexField, type WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { matches } from '../shortcuts/registry';
import { FIELD_LABELS, RETENTION_CHOICES, fieldProblem, keptValue, notADate, placeholderOf, retentionText, shownValue } from './fields';

/** What the form shows, as typed (dates dd/mm/yyyy); entriesOf turns it into what is kept. */
type Values = Record<IndexField, string>;
type T = ReturnType<typeof useI18n>['t'];

/** A kept value as its field shows it (the retention choice holds the kept value itself). */
const display = (f: IndexField, kept: string, t: T) => (f === 'retention' ? kept : shownValue(f, kept, t));

function initialValues(doc: ArchiveDocument, t: T): Values {
  return Object.fromEntries(INDEX_FIELDS.map((f) => [f, display(f, doc.entries[f] ?? '', t)])) as Values;
}

function entriesOf(values: Values): IndexEntries {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v.trim() !== '')
      .map(([f, v]) => [f, keptValue(f as IndexField, v)]),
  ) as IndexEntries;
}

export interface IndexFormProps {
  readonly doc: ArchiveDocument;
  readonly defaults: IndexEntries;
  readonly position: string;
  readonly onSubmitted: () => void;
  readonly onMove: (delta: 1 | -1) => void;
}

export function IndexForm({ doc, defaults, position, onSubmitted, onMove }: IndexFormProps) {
  const client = useClient();
  const { t, errorText } = useI18n();
  const tRef = useRef(t);
  tRef.current = t;
  const [values, setValues] = useState<Values>(() => initialValues(doc, t));
  const [fromOcr, setFromOcr] = useState<ReadonlySet<IndexField>>(new Set());
  const [problems, setProblems] = useState<Partial<Record<IndexField, WireError>>>({});
  const [error, setError] = useState<WireError | null>(null);
  const [saved, setSaved] = useState(false);
  const inputs = useRef<Partial<Record<IndexField, HTMLInputElement | HTMLSelectElement | null>>>({});
  const valuesRef = useRef(values);
  valuesRef.current = values;
  const lastSaved = useRef(JSON.stringify(entriesOf(values)));

  const docRef = useRef(doc);
  docRef.current = doc;

  // A new document (not a new copy of the same one from a refresh): its own entries, the focus
  // on the first field, then the OCR hints.
  useEffect(() => {
    const doc = docRef.current;
    const start = initialValues(doc, tRef.current);
    setValues(start);
    setProblems({});
    setError(null);
    setSaved(false);
    setFromOcr(new Set());
    lastSaved.current = JSON.stringify(entriesOf(start));
    inputs.current.title?.focus();
    let live = true;
    const applyHints = (hints: IndexEntries | null) => {
      if (!live || !hints) return;
      const filled = new Set<IndexField>();
      setValues((v) => {
        const next = { ...v };
        for (const f of INDEX_FIELDS) {
          const hint = hints[f];
          if (hint && !next[f].trim()) {
            next[f] = display(f, hint, tRef.current);
            filled.add(f);
          }
        }
        return next;
      });
      setFromOcr(filled);
    };
    if (doc.hints) applyHints(doc.hints);
    else
      client.call('archive.prefill', { documentId: doc.documentId }).then(
        (d) => applyHints(d.hints),
        () => undefined, // OCR is a help, not a step: the form works without it
      );
    return () => {
      live = false;
    };
  }, [client, doc.documentId]);

  const save = useCallback(async () => {
    const entries = entriesOf(valuesRef.current);
    const text = JSON.stringify(entries);
    if (text === lastSaved.current) return true;
    try {
      await client.call('archive.save', { documentId: doc.documentId, entries });
      lastSaved.current = text;
      setSaved(true);
      return true;
    } catch (e) {
      if (e instanceof StationCallError) setError(e.error);
      else throw e;
      return false;
    }
  }, [client, doc.documentId]);

  const submit = async () => {
    try {
      await client.call('archive.submit', { documentId: doc.documentId, entries: entriesOf(valuesRef.current) });
      onSubmitted();
    } catch (e) {
      if (!(e instanceof StationCallError)) throw e;
      const field = String(e.error.details?.field ?? '').replace(/^entries\./, '') as IndexField;
      if (INDEX_FIELDS.includes(field)) {
        setProblems((p) => ({ ...p, [field]: e.error }));
        const el = inputs.current[field];
        el?.focus();
        if (el instanceof HTMLInputElement) el.select();
      } else setError(e.error);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    // The keys are the registry's (the "?" overlay lists them).
    // Enter in a field or on the retention choice (a closed choice does nothing with Enter).
    if (matches('archive.submit', e) && ['INPUT', 'SELECT'].includes((e.target as HTMLElement).tagName)) {
      e.preventDefault();
      void save().then((ok) => (ok ? submit() : undefined));
    } else if (matches('archive.save', e)) {
      e.preventDefault();
      void save();
    } else if (matches('archive.next', e) || matches('archive.previous', e)) {
      e.preventDefault();
      const step = matches('archive.next', e) ? 1 : -1;
      void save().then((ok) => ok && onMove(step));
    }
  };

  const change = (f: IndexField, value: string) => {
    setValues((v) => ({ ...v, [f]: value }));
    setSaved(false);
    if (problems[f]) setProblems((p) => ({ ...p, [f]: undefined }));
    if (fromOcr.has(f)) setFromOcr((s) => new Set([...s].filter((x) => x !== f)));
  };

  const leave = (f: IndexField) => {
    const problem = fieldProblem(f, keptValue(f, valuesRef.current[f]));
    setProblems((p) => ({ ...p, [f]: problem ?? undefined }));
    void save();
  };

  return (
    <form className="archive-form" aria-label={t('archiveIndexForm', { position })} onKeyDown={onKeyDown} onSubmit={(e) => e.preventDefault()}>
      <div className="archive-form-head">
        <h2>{t('archiveIndexForm', { position })}</h2>
        {doc.state === 'sent-back' && doc.reviewReason && <p className="warning">{t('archiveSentBackBecause', { reason: doc.reviewReason, who: doc.reviewedBy ?? '' })}</p>}
        <p className="hint" id="archive-keys">
          {t('archiveKeys')}
        </p>
      </div>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <div className="archive-fields">
        {INDEX_FIELDS.map((f) => {
          const problem = problems[f];
          const fallback = defaults[f];
          const label = t(FIELD_LABELS[f]);
          // A date that is not one is said in the person's words; the rules' other complaints (a
          // date in the future, before 1945…) as the core words them.
          const problemText = problem ? (notADate(f, values[f], t) ?? errorText(problem).replace(`entries.${f}`, label)) : null;
          const common = {
            ref: (el: HTMLInputElement | HTMLSelectElement | null) => {
              inputs.current[f] = el;
            },
            value: values[f],
            'aria-label': label,
            'aria-invalid': problem ? true : undefined,
            'aria-describedby': problem ? `problem-${f}` : 'archive-keys',
            onBlur: () => leave(f),
          } as const;
          return (
            <label key={f} className={f === 'title' || f === 'summary' ? 'field wide' : 'field'}>
              <span>
                {label}
                {fromOcr.has(f) && <em className="ocr-tag">{t('archiveFromOcr')}</em>}
              </span>
              {f === 'retention' ? (
                <select {...common} onChange={(e) => change(f, e.target.value)}>
                  <option value="">{fallback ? t('archiveBatchDefault', { value: retentionText(fallback, t) }) : t('archiveRetentionUnset')}</option>
                  {[...RETENTION_CHOICES, ...(values[f] && !(RETENTION_CHOICES as readonly string[]).includes(values[f]) ? [values[f]] : [])].map((r) => (
                    <option key={r} value={r}>
                      {retentionText(r, t)}
                    </option>
                  ))}
                </select>
              ) : (
                <input {...common} placeholder={fallback ? t('archiveBatchDefault', { value: shownValue(f, fallback, t) }) : placeholderOf(f, t)} onChange={(e) => change(f, e.target.value)} />
              )}
              {problemText && (
                <span className="field-problem" id={`problem-${f}`} role="alert">
                  {problemText}
                </span>
              )}
            </label>
          );
        })}
      </div>
      <div className="archive-form-actions">
        <span className="muted" aria-live="polite">
          {saved ? t('archiveSaved') : ''}
        </span>
        <button type="button" className="plain" onClick={() => void save().then((ok) => ok && onMove(-1))}>
          {t('archivePrevious')}
        </button>
        <button type="button" className="plain" onClick={() => void save().then((ok) => ok && onMove(1))}>
          {t('archiveNext')}
        </button>
        <button type="button" className="primary" onClick={() => void save().then((ok) => (ok ? submit() : undefined))}>
          {t('archiveSubmit')}
        </button>
      </div>
    </form>
  );
}
