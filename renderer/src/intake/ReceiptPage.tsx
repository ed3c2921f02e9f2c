// The receipt of what was digitized for the dossier (phiếu số hóa hồ sơ): the dossier code with
// its QR code, the procedure, each component and how it was handled, who and when. Printable.
import type { IntakeReceipt } from '../../../electron/contract';
import { type MessageKey, useI18n } from '../i18n';

const STATE: Readonly<Record<IntakeReceipt['components'][number]['state'], MessageKey>> = {
  todo: 'intakeStateTodo',
  scanning: 'intakeStateScanning',
  scanned: 'intakeStateScanned',
  signed: 'intakeStateSigned',
  reused: 'intakeStateReused',
};

/** The QR code as one SVG path, a module a unit, with the quiet zone of four modules. */
function QrCode({ rows, label }: { rows: readonly string[]; label: string }) {
  const n = rows.length + 8;
  const d = rows.flatMap((row, y) => [...row].flatMap((m, x) => (m === '1' ? [`M${x + 4} ${y + 4}h1v1h-1z`] : []))).join('');
  return (
    <svg className="receipt-qr" viewBox={`0 0 ${n} ${n}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

export function ReceiptPage({ receipt, onNext }: { receipt: IntakeReceipt; onNext: () => void }) {
  const { t } = useI18n();
  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <div className="receipt-paper" data-testid="intake-receipt">
        <header className="receipt-head">
          <div>
            <p className="receipt-agency">{receipt.agencyName ?? t('intakeNoAgency')}</p>
            <h2 id="receipt-title">{t('intakeReceiptTitle')}</h2>
            <p>
              {t('dossierCode')}: <strong>{receipt.code}</strong>
            </p>
            {receipt.procedure && (
              <p>
                {t('intakeProcedure')}: {receipt.procedure.name} ({receipt.procedure.code})
              </p>
            )}
          </div>
          <QrCode rows={receipt.qr} label={t('intakeReceiptQr', { code: receipt.code })} />
        </header>
        <table className="receipt-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('intakeComponent')}</th>
              <th>{t('intakeHow')}</th>
              <th>{t('intakePages')}</th>
              <th>SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {receipt.components.map((c, i) => (
              <tr key={c.code}>
                <td>{i + 1}</td>
                <td>
                  {c.name} <span className="muted">({c.code})</span>
                </td>
                <td>{t(STATE[c.state])}</td>
                <td>{c.pageCount ?? '—'}</td>
                <td className="mono">{c.sha256 ? `${c.sha256.slice(0, 16)}…` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{t('intakeReceiptWho', { officer: receipt.officer, at: receipt.issuedAt, unit: receipt.unitCode ?? '—' })}</p>
        <p className="muted small">{t('intakeReceiptReceived', { at: receipt.receivedAt })}</p>
      </div>
      <div className="receipt-actions no-print">
        <button type="button" className="plain" onClick={() => window.print()}>
          {t('intakePrint')}
        </button>
        <button type="button" className="primary" onClick={onNext} autoFocus>
          {t('intakeNext')}
        </button>
      </div>
    </section>
  );
}
