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
};
