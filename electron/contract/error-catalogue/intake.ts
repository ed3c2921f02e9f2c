// Counter intake (CLI exit 2): the procedure catalogue, the receipt's code, the set to sign.
import type { ErrorSpec } from './spec';

export const INTAKE_ERRORS = {
  'catalogue-invalid': {
    category: 'input',
    vi: 'Tệp danh mục thủ tục “{file}” không hợp lệ — {field}: {detail}. Trạm vẫn dùng danh mục hợp lệ gần nhất; hãy sửa tệp hoặc xin lại tệp đúng từ tỉnh.',
    en: 'The procedure catalogue file “{file}” is not valid — {field}: {detail}. The station keeps using the last valid catalogue; correct the file or ask the province for a good copy.',
  },
  'procedure-unknown': {
    category: 'input',
    vi: 'Thủ tục “{procedure}” không có trong danh mục thủ tục của trạm. Chọn thủ tục trong danh sách, hoặc cập nhật danh mục của tỉnh.',
    en: 'Procedure “{procedure}” is not in the station’s procedure catalogue. Choose one from the list, or update the province’s catalogue.',
  },
  'receipt-unreadable': {
    category: 'input',
    vi: 'Không đọc được mã QR hoặc mã vạch trên giấy biên nhận. Đặt biên nhận phẳng, mã hướng lên mặt kính rồi quét lại, hoặc gõ mã hồ sơ.',
    en: 'No QR code or barcode could be read on the receipt. Lay the receipt flat, code facing the glass, and scan again, or type the dossier code.',
  },
  'receipt-code-invalid': {
    category: 'input',
    vi: 'Mã đọc được trên biên nhận (“{text}”) không phải mã hồ sơ hợp lệ: {detail}. Kiểm tra đúng giấy biên nhận, hoặc gõ mã hồ sơ.',
    en: 'The code read on the receipt (“{text}”) is not a valid dossier code: {detail}. Check that this is the right receipt, or type the dossier code.',
  },
  'nothing-to-sign': {
    category: 'input',
    vi: 'Hồ sơ “{code}” không có thành phần nào đã lưu mà chưa ký. Quét và bấm “Xong” cho từng thành phần trước khi ký.',
    en: 'Dossier “{code}” has no saved, unsigned component. Scan each component and mark it done before signing.',
  },
} as const satisfies Record<string, ErrorSpec>;
