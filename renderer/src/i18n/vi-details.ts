// Vietnamese for issue 16's "details": the verification verdicts, the documents list's search and
// columns, the audit log's readable details, the supervision hints. vi.ts spreads it in.
export const viDetails = {
  sigUnconfirmed: 'Nguyên vẹn, chưa tin cậy',
  verdictUnconfirmed: 'Tài liệu không bị sửa sau khi ký, nhưng chưa xác nhận được người ký ({n} trong {count} chữ ký). Đọc lý do dưới đây trước khi dùng bản này:',
  docSearch: 'Tìm tài liệu',
  docSearchHint: 'Tìm theo tên giấy tờ, số ký hiệu, chủ giấy tờ, mã hồ sơ…',
  docSearchFound: '{count} tài liệu tìm thấy cho “{text}”.',
  docColOwner: 'Chủ giấy tờ',
  docColSync: 'Gửi lên tỉnh',
  docSync_local: 'Chưa xếp gửi',
  docSync_pending: 'Chờ gửi',
  docSync_sending: 'Đang gửi',
  docSync_synced: 'Đã gửi',
  docSync_failed: 'Gửi lỗi',
} as const;
