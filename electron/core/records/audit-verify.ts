// `audit.verify` and `sohoa audit verify`: the chain walked with its key, and its head checked
// against the copy the provincial store keeps from this station's syncs — the one check that
// holds against someone who has the station's files and can run it (they can rewrite and re-key
// the local chain, not the store's receipt).
import type { AuditVerdict } from '../../contract';
import { isStationError } from '../errors';
import type { AuditLog } from './audit';

export interface RemoteHead {
  readonly seq: number;
  readonly hash: string;
  readonly receivedAt: string;
}

export async function verifyAuditChain(audit: AuditLog, remoteHead: () => Promise<RemoteHead | null>): Promise<AuditVerdict> {
  let remote: AuditVerdict['remote'];
  try {
    const head = await remoteHead();
    remote = { status: head ? 'matched' : 'none', head };
  } catch (e) {
    remote = { status: isStationError(e) && e.code === 'sync-not-configured' ? 'not-configured' : 'offline', head: null };
  }
  const anchors = remote.head ? [{ seq: remote.head.seq, hash: remote.head.hash, where: 'kept by the provincial store' }] : [];
  const verdict = audit.verify(anchors);
  const mismatch = remote.head !== null && verdict.problems.some((p) => p.seq === remote.head!.seq);
  return { ...verdict, problems: [...verdict.problems], remote: mismatch ? { ...remote, status: 'mismatch' } : remote };
}
