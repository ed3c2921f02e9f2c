// Vietnamese for signing at the counter, the receipt and the intake pages (issue 16); vi.ts
// spreads it in.
export const viCounter = {
  counterReceiptUnitCode: 'Mã đơn vị: {code}',
  counterReceiptOwner: 'Người nộp hồ sơ: {name}',
  counterReceiptOwnerId: 'số định danh {id}',
  counterKeyHolder: 'Người ký (chủ chứng thư)',
  counterKeyIssuer: 'Cấp bởi',
  counterKeyExpiry: 'Hiệu lực đến',
  counterKeyToken: 'Thiết bị ký',
  counterKeyFile: 'Tệp chứng thư',
  counterStationInEffect: 'Trạm đang ký: {level}{tsa}{appearance}.',
  counterOpenPageHint: 'Bấm vào một trang để xem lớn, xoay, cắt, đổi thứ tự hoặc xóa.',
  counterIdCardHint: 'Quét mặt trước rồi mặt sau; khi bấm Xong, hai mặt được ghép lên một trang A4 (mặt trước ở trên).',
  counterIdCardLoose: 'Không ghép được hai mặt thẻ; bấm Xong lần nữa để lưu thành hai trang riêng.',
  counterScanBack: 'Quét mặt sau',
  counterStateUnsaved: 'Chưa lưu',
  counterView: 'Xem',
  counterViewTitle: '{name} — {count} trang',
  counterRescan: 'Quét lại',
  counterRescanHint: 'Bản quét mới thay bản cũ khi bấm Xong; bấm Hủy để giữ bản cũ.',
  counterReceiptWhoDemo: 'Cán bộ tiếp nhận: {officer} — lúc {at} — đơn vị {unit}. CHẾ ĐỘ TRÌNH DIỄN: phiếu và bản điện tử chỉ để thử, không gửi về kho dữ liệu tỉnh.',
};
