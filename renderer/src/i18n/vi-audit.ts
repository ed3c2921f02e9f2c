// Vietnamese names of the audit log's commonest detail fields (renderer/src/supervisor/AuditPanel);
// a field without one is shown by its recorded name. vi.ts spreads it in.
export const viAudit = {
  auditDetail_sha256: 'SHA-256',
  auditDetail_digitizedBy: 'người số hóa',
  auditDetail_username: 'tên đăng nhập',
  auditDetail_role: 'vai trò',
  auditDetail_reason: 'lý do',
  auditDetail_page: 'trang',
  auditDetail_version: 'phiên bản',
  auditDetail_dossierCode: 'mã hồ sơ',
  auditDetail_signer: 'người ký',
  auditDetail_level: 'mức ký',
  auditDetail_displayName: 'họ và tên',
  auditDetail_from: 'trước',
  auditDetail_to: 'sau',
  auditDetail_changed: 'đã đổi',
  auditDetail_path: 'đường dẫn',
} as const;
