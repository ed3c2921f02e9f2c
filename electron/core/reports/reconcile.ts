// Reconciliation with the provincial store: every record the period's figures count as sent is
// asked for by its receipt, and a record counted here that the store does not hold as the station
// has it (no receipt, or another one) is named. The rates count a result as electronic only on a
// receipt; this is the check that the store still agrees.
import type { Database } from 'better-sqlite3';
import type { ReconcileReport } from '../../contract';
import type { Receipt } from '../sync/store-client';
import { periodBounds } from './rates';

interface SentRow {
  document_id: string;
  dossier_code: string;
  kind: 'component' | 'result' | null;
  version: number;
  sha256: string;
  receipt_id: string | null;
}

export async function reconcile(
  db: Database,
  from: string,
  to: string,
  receipts: (versions: readonly { documentId: string; version: number }[]) => Promise<(Receipt | null)[]>,
): Promise<ReconcileReport> {
  // The latest version of each record that the station counts as synced.
  const sent = db
    .prepare(
      `SELECT o.document_id, x.dossier_code, x.kind, o.version, o.sha256, o.receipt_id
       FROM outbox o JOIN documents x ON x.id = o.document_id
       WHERE o.state = 'synced' AND x.dossier_code IN (SELECT code FROM dossiers WHERE received_at >= @from AND received_at < @until)
         AND o.version = (SELECT max(p.version) FROM outbox p WHERE p.document_id = o.document_id AND p.state = 'synced')
       ORDER BY x.dossier_code, o.document_id`,
    )
    .all(periodBounds(from, to)) as SentRow[];
  const held = sent.length > 0 ? await receipts(sent.map((r) => ({ documentId: r.document_id, version: r.version }))) : [];
  const problems: ReconcileReport['problems'] = [];
  sent.forEach((r, i) => {
    const receipt = held[i] ?? null;
    const same = receipt !== null && receipt.sha256 === r.sha256 && receipt.version === r.version && (r.receipt_id === null || receipt.receiptId === r.receipt_id);
    if (!same) problems.push({ documentId: r.document_id, dossierCode: r.dossier_code, kind: r.kind, version: r.version, problem: receipt === null ? 'missing-at-store' : 'different-receipt' });
  });
  return { from, to, checked: sent.length, confirmed: sent.length - problems.length, problems };
}
