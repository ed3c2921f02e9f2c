// English names of the audit log's commonest detail fields (renderer/src/supervisor/AuditPanel);
// a field without one is shown by its recorded name. en.ts spreads it in.
export const enAudit = {
  auditDetail_sha256: 'SHA-256',
  auditDetail_digitizedBy: 'digitized by',
  auditDetail_username: 'user name',
  auditDetail_role: 'role',
  auditDetail_reason: 'reason',
  auditDetail_page: 'page',
  auditDetail_version: 'version',
  auditDetail_dossierCode: 'dossier code',
  auditDetail_signer: 'signer',
  auditDetail_level: 'level',
  auditDetail_displayName: 'full name',
  auditDetail_from: 'before',
  auditDetail_to: 'after',
  auditDetail_changed: 'changed',
  auditDetail_path: 'path',
} as const;
