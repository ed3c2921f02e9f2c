// Vietnamese for the progress bars of jobs longer than a second; vi.ts spreads it in.
export const viProgress = {
  progressSaving: 'Đang ghép các trang thành PDF và lưu tài liệu…',
  progressSigning: 'Đang ký số (thiết bị ký có thể mất vài giây cho mỗi tài liệu)…',
  progressVerifying: 'Đang kiểm tra chữ ký và chứng thư…',
  progressSync: 'Đang gửi lên kho dữ liệu tỉnh: {done}/{total} tài liệu',
  progressReuse: 'Đang tìm giấy tờ trên trạm và trên kho dữ liệu tỉnh…',
  progressConnecting: 'Đang liên hệ kho dữ liệu tỉnh…',
} as const;
