// A new batch: its name, what separates its documents, and the archival fields (fonds, box,
// retention) every document of the stack starts with. The column is narrow (340 px at 1366): the
// fonds has a row of its own (fonds names are long), box and retention share one.
import { type FormEvent, useState } from 'react';
import type { ArchiveBatch, SeparatorKind } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { useStationCall } from '../client/useStationCall';
import { RETENTION_CHOICES, retentionText } from './fields';

export function NewBatchForm({ onCreated }: { onCreated: (b: ArchiveBatch) => void }) {
  const client = useClient();
  const { t } = useI18n();
  const { busy, error, clearError, run } = useStationCall();
  const [name, setName] = useState('');
  const [separator, setSeparator] = useState<SeparatorKind>('patch-t');
  const [prefix, setPrefix] = useState('TACH');
  const [fonds, setFonds] = useState('');
  const [box, setBox] = useState('');
  const [retention, setRetention] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const defaults = Object.fromEntries(Object.entries({ fonds, box, retention }).filter(([, v]) => v.trim()));
    const batch = await run(() => client.call('archive.create', { name, separator, defaults, ...(separator === 'barcode' ? { barcodePrefix: prefix } : {}) }));
    if (batch) {
      setName('');
      onCreated(batch);
    }
  };

  return (
    <form className="archive-new" aria-label={t('archiveNewBatch')} onSubmit={(e) => void submit(e)}>
      {error && <ErrorBanner error={error} onDismiss={clearError} />}
      <label className="field">
        <span>{t('archiveBatchName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label className="field">
        <span>{t('archiveSeparator')}</span>
        <select value={separator} onChange={(e) => setSeparator(e.target.value as SeparatorKind)}>
          <option value="patch-t">{t('archiveSeparatorPatchT')}</option>
          <option value="barcode">{t('archiveSeparatorBarcode')}</option>
          <option value="blank">{t('archiveSeparatorBlank')}</option>
        </select>
      </label>
      {separator === 'barcode' && (
        <label className="field">
          <span>{t('archiveBarcodePrefix')}</span>
          <input value={prefix} onChange={(e) => setPrefix(e.target.value)} required />
        </label>
      )}
      <label className="field">
        <span>{t('archiveFieldFonds')}</span>
        <input value={fonds} onChange={(e) => setFonds(e.target.value)} />
      </label>
      <div className="field-row archive-defaults">
        <label className="field">
          <span>{t('archiveFieldBox')}</span>
          <input value={box} onChange={(e) => setBox(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('archiveFieldRetention')}</span>
          <select value={retention} onChange={(e) => setRetention(e.target.value)}>
            <option value="">{t('archiveRetentionUnset')}</option>
            {RETENTION_CHOICES.map((r) => (
              <option key={r} value={r}>
                {retentionText(r, t)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="submit" className="primary" disabled={busy || !name.trim()}>
        {t('archiveCreate')}
      </button>
    </form>
  );
}
