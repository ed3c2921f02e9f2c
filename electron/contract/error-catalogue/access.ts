// Who may reach what (CLI exit 2): paths, libraries, records held by someone else, the four-eyes
// rule of the archive, and the browser-mode address.
import type { ErrorSpec } from './spec';

export const ACCESS_ERRORS = {
  'path-not-allowed': {
    category: 'input',
    vi: 'Không được dùng đường dẫn “{path}” ở đây: {why}. Hãy chọn lại tệp.',
    en: 'The path “{path}” may not be used here: {why}. Choose the file again.',
  },
  'token-library-not-allowed': {
    category: 'input',
    vi: 'Thư viện token “{module}” không nằm trong danh sách thư viện quản trị đã cho phép trên trạm này nên không được nạp. Nhờ quản trị kiểm tra rồi thêm thư viện vào Cài đặt → Ký số.',
    en: 'The token library “{module}” is not one the administrator allowed on this station, so it was not loaded. Ask the administrator to check it and add it under Settings → Signing.',
  },
  'dossier-other-officer': {
    category: 'input',
    vi: 'Mã hồ sơ “{code}” đã được một cán bộ khác tiếp nhận tại trạm này. Kiểm tra lại mã trên phiếu; nếu đúng, nhờ giám sát viên xem hồ sơ.',
    en: 'The dossier code “{code}” was received by another officer at this station. Check the code on the receipt; if it is right, ask a supervisor to look at the dossier.',
  },
  'archive-not-approved': {
    category: 'input',
    vi: 'Tài liệu “{id}” thuộc một lô số hóa và chưa được người thứ hai kiểm tra, duyệt. Hãy gửi kiểm tra trong màn hình Số hóa lưu trữ; tài liệu được lưu khi được duyệt.',
    en: 'Document “{id}” belongs to an archive batch and has not been checked and approved by a second person. Send it for checking on the Archive screen; it is saved when approved.',
  },
  'session-address-used': {
    category: 'input',
    vi: 'Địa chỉ này đã được dùng để mở Trạm Số hóa và không dùng lại được. Bấm Enter trong cửa sổ lệnh “sohoa serve” để nhận địa chỉ mới.',
    en: 'This address was already used to open SoHoa Station and cannot be used again. Press Enter in the “sohoa serve” terminal for a new one.',
  },
  'bad-request': {
    category: 'input',
    vi: 'Yêu cầu không hợp lệ ({detail}). Tải lại trang.',
    en: 'Bad request ({detail}). Reload the page.',
  },
} as const satisfies Record<string, ErrorSpec>;
