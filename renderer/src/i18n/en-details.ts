// English for issue 16's "details": the verification verdicts, the documents list's search and
// columns, the audit log's readable details, the supervision hints. en.ts spreads it in.
export const enDetails = {
  sigUnconfirmed: 'Intact, not trusted',
  verdictUnconfirmed: 'The document has not been changed since it was signed, but the signer is not confirmed ({n} of {count} signatures). Read why below before relying on this copy:',
  docSearch: 'Find documents',
  docSearchHint: 'Find by title, number, owner, dossier code…',
  docSearchFound: '{count} document(s) found for “{text}”.',
  docColOwner: 'Owner',
  docColSync: 'Provincial store',
  docSync_local: 'Not queued',
  docSync_pending: 'Waiting',
  docSync_sending: 'Sending',
  docSync_synced: 'Sent',
  docSync_failed: 'Failed',
} as const;
