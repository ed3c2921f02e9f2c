// The receipt of what was digitized for the dossier (phiếu số hóa hồ sơ): the unit, the dossier
// code with its QR code, the procedure, the citizen, each component and how it was handled, who and
// when — times as people read them (08:47 ngày 07/12/2026, Vietnam time). Printing is what the
// officer does next, so "In phiếu" is the primary action and has the focus: Enter prints, and the
// focus then moves to the next citizen (Enter again).
import { useRef } from 'react';
import { type IntakeReceipt, formatDateTime } from '../../../electron/contract';
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

/** "UBND xã Hòa Thuận (000.00.01.H12)": the unit's name and code, whichever are known. */
function unitOf(r: IntakeReceipt): string {
  if (r.agencyName && r.unitCode) return `${r.agencyName} (${r.unitCode})`;
  return r.agencyName ?? r.unitCode ?? '—';
}

export function ReceiptPage({ receipt, onNext }: { receipt: IntakeReceipt; onNext: () => void }) {
  const { t, lang } = useI18n();
  const next = useRef<HTMLButtonElement>(null);
  const print = () => {
    window.print();
    // Printed (or the print dialog closed): the next citizen is one Enter away.
    next.current?.focus();
  };
  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <div className="receipt-paper" data-testid="intake-receipt">
        <header className="receipt-head">
          <div>
            <p className="receipt-agency">{receipt.agencyName ?? t('intakeNoAgency')}</p>
            {receipt.unitCode && <p className="muted small">{t('counterReceiptUnitCode', { code: receipt.unitCode })}</p>}
            <h2 id="receipt-title">{t('intakeReceiptTitle')}</h2>
            <p>
              {t('dossierCode')}: <strong>{receipt.code}</strong>
            </p>
            {receipt.procedure && (
              <p>
                {t('intakeProcedure')}: {receipt.procedure.name} ({receipt.procedure.code})
              </p>
            )}
            {(receipt.ownerName ?? receipt.ownerIdNumber) && (
              <p data-testid="receipt-owner">
                {t('counterReceiptOwner', { name: receipt.ownerName ?? '—' })}
                {receipt.ownerIdNumber && ` — ${t('counterReceiptOwnerId', { id: receipt.ownerIdNumber })}`}
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
        <p className={receipt.demonstration ? 'demonstration' : undefined}>
          {t(receipt.demonstration ? 'counterReceiptWhoDemo' : 'intakeReceiptWho', { officer: receipt.officer, at: formatDateTime(receipt.issuedAt, lang), unit: unitOf(receipt) })}
        </p>
        <p className="muted small">{t('intakeReceiptReceived', { at: formatDateTime(receipt.receivedAt, lang) })}</p>
      </div>
      <div className="receipt-actions no-print">
        <button type="button" className="plain" ref={next} onClick={onNext}>
          {t('intakeNext')}
        </button>
        <button type="button" className="primary" onClick={print} autoFocus>
          {t('intakePrint')}
        </button>
      </div>
    </section>
  );
}
