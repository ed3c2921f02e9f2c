// Who hears of a document's change: the sessions that may read it now (the bridge and the IPC
// router ask before every event). A document that is gone is heard of by those who could read it
// before: its maker (the `owner` the deletion names) and supervision.
import type { DocumentRepository } from '../records/documents';
import type { AuthService } from './service';
import type { Session } from './session';
import { seesEveryonesWork, withCaller } from './caller';

export function mayReceive(station: { readonly auth: AuthService; readonly documents: DocumentRepository }, session: Session, documentId: string, owner?: string | null): boolean {
  const caller = station.auth.callerOf(session);
  if (!caller) return false;
  if (withCaller(caller, () => station.documents.permits(documentId, 'read'))) return true;
  if (owner === undefined) return false;
  // Gone (or never there): only if it was the receiver's own, or they see everyone's work.
  return !station.documents.exists(documentId) && (seesEveryonesWork(caller) || (owner !== null && owner === caller.userId));
}
