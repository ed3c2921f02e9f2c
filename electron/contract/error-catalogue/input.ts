// Bad input and accounts (CLI exit 2): what a person typed or chose, and who may do it.
import type { ErrorSpec } from './spec';

export const INPUT_ERRORS = {
  // Bad input (CLI exit 2)
  'invalid-input': {
    category: 'input',
    vi: 'Dữ liệu không hợp lệ — {field}: {detail}. Hãy sửa rồi thử lại.',
    en: 'Invalid input — {field}: {detail}. Correct it and try again.',
  },
  'unknown-device': {
    category: 'input',
    vi: 'Không tìm thấy máy quét “{device}”. Xem danh sách máy đang kết nối (lệnh “sohoa devices”) rồi chọn lại.',
    en: 'No scanner “{device}” is connected. List the connected scanners (“sohoa devices”) and pick one of them.',
  },
  'invalid-setting': {
    category: 'input',
    vi: 'Máy quét không nhận thiết lập này: {detail}. Chọn khổ giấy, độ phân giải hoặc chế độ màu mà máy hỗ trợ.',
    en: 'The scanner does not accept this setting: {detail}. Choose a paper size, resolution or colour mode it supports.',
  },
  'not-found': {
    category: 'input',
    vi: 'Không tìm thấy tài liệu “{id}”. Kiểm tra lại mã tài liệu (lệnh “sohoa list”).',
    en: 'No document “{id}”. Check the document id (“sohoa list”).',
  },
  'ambiguous-id': {
    category: 'input',
    vi: 'Mã “{id}” khớp với nhiều tài liệu. Nhập thêm ký tự của mã.',
    en: 'The id “{id}” matches several documents. Type more of the id.',
  },
  'dossier-exists': {
    category: 'input',
    vi: 'Hồ sơ “{code}” đã được tiếp nhận với thông tin khác. Kiểm tra lại mã hồ sơ.',
    en: 'Dossier “{code}” was already received with other details. Check the dossier code.',
  },
  'document-not-ready': {
    category: 'input',
    vi: 'Tài liệu “{id}” chưa hoàn tất nên chưa có tệp PDF. Lưu tài liệu trước khi xuất.',
    en: 'Document “{id}” is not finished, so it has no PDF yet. Save the document before exporting it.',
  },
  'document-not-draft': {
    category: 'input',
    vi: 'Tài liệu “{id}” đã được lưu; không thể quét thêm trang vào đó. Hãy tạo tài liệu mới.',
    en: 'Document “{id}” is already saved; pages cannot be added to it. Start a new document.',
  },
  'page-edit-not-draft': {
    category: 'input',
    vi: 'Tài liệu “{id}” đã được lưu; không thể sửa, chuyển hay xóa trang của nó. Hãy tạo phiên bản mới nếu cần sửa.',
    en: 'Document “{id}” is already saved; its pages cannot be edited, moved or deleted. Make a new version to change it.',
  },
  'page-not-found': {
    category: 'input',
    vi: 'Không tìm thấy trang “{id}”. Tải lại danh sách trang rồi chọn lại.',
    en: 'No page “{id}”. Reload the page list and select the page again.',
  },
  'page-changed': {
    category: 'input',
    vi: 'Trang “{id}” vừa được thay đổi ở nơi khác (xử lý ảnh xong hoặc người khác sửa). Xem lại trang rồi làm lại thao tác.',
    en: 'Page “{id}” was changed meanwhile (its processing finished, or someone else edited it). Look at the page again, then repeat the change.',
  },
  'page-crop-invalid': {
    category: 'input',
    vi: 'Không cắt được trang “{id}”: khung cắt {detail}. Kéo một khung nằm trong trang ({width}×{height} điểm ảnh) rồi nhấn Enter.',
    en: 'Cannot crop page “{id}”: the box is {detail}. Drag a box inside the page ({width}×{height} pixels), then press Enter.',
  },
  'page-nothing-to-undo': {
    category: 'input',
    vi: 'Trang “{id}” chưa được sửa tay nên không có gì để hoàn tác. Dùng Xoay hoặc Cắt nếu cần sửa trang.',
    en: 'Page “{id}” has no hand edits, so there is nothing to undo. Use Rotate or Crop to change it.',
  },
  'page-original-gone': {
    category: 'input',
    vi: 'Bản quét gốc của trang “{id}” không còn được lưu nên không thể sửa lại trang. Xóa trang rồi quét lại trang này.',
    en: 'The original scan of page “{id}” is no longer kept, so the page cannot be edited again. Delete the page and scan it again.',
  },
  'document-empty': {
    category: 'input',
    vi: 'Tài liệu “{id}” chưa có trang nào. Quét hoặc nhập ít nhất một trang rồi lưu.',
    en: 'Document “{id}” has no pages. Scan or import at least one page, then save.',
  },
  'imaging-interrupted': {
    category: 'input',
    vi: 'Trạm đang đóng nên các trang của tài liệu “{id}” chưa xử lý ảnh xong. Mở lại trạm: việc xử lý tiếp tục, rồi lưu lại tài liệu.',
    en: 'The station is closing, so the pages of document “{id}” have not finished image processing. Open the station again: processing resumes; then save the document again.',
  },
  'scan-running': {
    category: 'input',
    vi: 'Tài liệu “{id}” đang được quét. Chờ lượt quét kết thúc hoặc hủy nó.',
    en: 'Document “{id}” is being scanned. Wait for the scan to finish or cancel it.',
  },
  'import-unreadable': {
    category: 'input',
    vi: 'Không đọc được tệp “{file}”: {detail}. Kiểm tra tệp (có thể bị hỏng hoặc không phải ảnh/PDF) rồi thử lại.',
    en: 'Cannot read “{file}”: {detail}. Check the file (it may be damaged, or not an image or PDF) and try again.',
  },
  'import-encrypted': {
    category: 'input',
    vi: 'Tệp PDF “{file}” được đặt mật khẩu. Hãy xin bản không đặt mật khẩu rồi nhập lại.',
    en: 'The PDF “{file}” is password-protected. Ask for an unprotected copy and import that.',
  },
  'import-too-large': {
    category: 'input',
    vi: 'Tệp “{file}” vượt giới hạn ({detail}). Tệp có thể bị hỏng hoặc độc hại nên không được nhập; xin người gửi một bản khác, hoặc quét bản giấy.',
    en: 'The file “{file}” is beyond the limits ({detail}). It may be damaged or hostile, so it was not imported; ask the sender for another copy, or scan the paper.',
  },
  // An external tool (poppler, qpdf) on a file from outside: stopped rather than left to hang the station.
  'tool-timeout': {
    category: 'input',
    vi: 'Công cụ “{tool}” xử lý tệp “{file}” quá {seconds} giây nên đã bị dừng; không có gì từ tệp được lưu. Tệp có thể bị hỏng hoặc độc hại; xin người gửi một bản khác, hoặc quét bản giấy.',
    en: 'The tool “{tool}” took longer than {seconds} s on “{file}” and was stopped; nothing from the file was kept. The file may be damaged or hostile; ask the sender for another copy, or scan the paper.',
  },
  'tool-output-too-large': {
    category: 'input',
    vi: 'Công cụ “{tool}” trả về hơn {limit} byte cho tệp “{file}” nên đã bị dừng; không có gì từ tệp được lưu. Tệp có thể bị hỏng hoặc độc hại; xin người gửi một bản khác, hoặc quét bản giấy.',
    en: 'The tool “{tool}” wrote more than {limit} bytes about “{file}” and was stopped; nothing from the file was kept. The file may be damaged or hostile; ask the sender for another copy, or scan the paper.',
  },
  'image-too-large': {
    category: 'input',
    vi: 'Ảnh “{file}” khai báo kích thước quá lớn ({pixels} điểm ảnh, tối đa {limit}). Tệp có thể bị hỏng hoặc độc hại nên không được nhập; xin người gửi một bản khác, hoặc quét bản giấy.',
    en: 'The image “{file}” declares too many pixels ({pixels}, at most {limit}). The file may be damaged or hostile, so it was not imported; ask the sender for another copy, or scan the paper.',
  },
  'output-exists': {
    category: 'input',
    vi: 'Tệp “{path}” đã tồn tại. Chọn tên khác hoặc cho phép ghi đè.',
    en: 'The file “{path}” already exists. Choose another name or allow overwriting.',
  },
  'output-failed': {
    category: 'input',
    vi: 'Không ghi được tệp “{path}”: {detail}. Kiểm tra thư mục và quyền ghi.',
    en: 'Cannot write “{path}”: {detail}. Check the folder and write permission.',
  },

  // Accounts and roles (CLI exit 2: the caller must sign in, or ask someone who may)
  'login-required': {
    category: 'input',
    vi: 'Cần đăng nhập. Nhập tên đăng nhập và mật khẩu của bạn.',
    en: 'Sign in first. Enter your user name and password.',
    cli: { vi: 'Dòng lệnh: đặt biến SOHOA_USER và SOHOA_PASSWORD.', en: 'Command line: set the SOHOA_USER and SOHOA_PASSWORD variables.' },
  },
  'login-failed': {
    category: 'input',
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng. Nhập lại; sau 5 lần sai tài khoản sẽ tạm khóa 5 phút.',
    en: 'Wrong user name or password. Try again; after 5 wrong tries the account waits 5 minutes.',
  },
  'account-locked': {
    category: 'input',
    vi: 'Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau {until} hoặc nhờ quản trị đặt lại mật khẩu.',
    en: 'The account is locked after too many wrong passwords. Try again after {until}, or ask the administrator to reset the password.',
  },
  'session-locked': {
    category: 'input',
    vi: 'Phiên làm việc của {user} đã khóa do để máy lâu không dùng. Nhập mật khẩu để mở lại.',
    en: '{user}’s session locked after the station sat idle. Enter the password to open it again.',
  },
  forbidden: {
    category: 'input',
    vi: 'Vai trò “{role}” không được làm việc này. Nhờ giám sát viên hoặc quản trị thực hiện.',
    en: 'The “{role}” role may not do this. Ask a supervisor or the administrator.',
  },
  'username-taken': {
    category: 'input',
    vi: 'Tên đăng nhập “{username}” đã có người dùng. Chọn tên khác.',
    en: 'The user name “{username}” is taken. Choose another.',
  },
  'first-account-admin': {
    category: 'input',
    vi: 'Tài khoản đầu tiên của trạm phải là quản trị. Tạo tài khoản quản trị trước.',
    en: 'The station’s first account must be an administrator. Create the administrator first.',
  },
  'last-admin': {
    category: 'input',
    vi: 'Đây là quản trị cuối cùng của trạm; không thể khóa hay đổi vai trò. Tạo quản trị khác trước.',
    en: 'This is the station’s last administrator; it cannot be disabled or demoted. Create another administrator first.',
  },
  'document-synced': {
    category: 'input',
    vi: 'Tài liệu “{id}” đã gửi lên kho dữ liệu của tỉnh; chỉ giám sát viên được xóa bản tại trạm. Nhờ giám sát viên xóa nếu thật sự cần.',
    en: 'Document “{id}” is already in the provincial store; only a supervisor may delete the station’s copy. Ask a supervisor if it really must go.',
  },
  'document-in-use': {
    category: 'input',
    vi: 'Tài liệu “{id}” đang được tái sử dụng trong hồ sơ {dossiers}; không thể xóa. Giữ nguyên tài liệu: các hồ sơ đó cần đến nó.',
    en: 'Document “{id}” is reused by dossier {dossiers}; it cannot be deleted. Keep it: those dossiers rely on it.',
  },
  'reuse-not-valid': {
    category: 'input',
    vi: 'Giấy tờ “{id}” không còn hiệu lực ({validUntil}) hoặc chưa hoàn tất nên không tái sử dụng được. Quét bản mới.',
    en: 'Document “{id}” is no longer valid ({validUntil}) or not finished, so it cannot be reused. Scan a new copy.',
  },
  'reuse-link-not-found': {
    category: 'input',
    vi: 'Giấy tờ tái sử dụng này không còn gắn với hồ sơ {code} (có thể vừa được gỡ ở máy khác). Mở lại hồ sơ để xem danh sách hiện tại.',
    en: 'This reused paper is no longer attached to dossier {code} (it may have just been detached elsewhere). Open the dossier again to see its current list.',
  },
  'dossier-not-found': {
    category: 'input',
    vi: 'Chưa tiếp nhận hồ sơ “{code}” tại trạm này. Mở hồ sơ trước.',
    en: 'Dossier “{code}” has not been received at this station. Open the dossier first.',
  },

  'duplex-odd-pages': {
    category: 'input',
    vi: 'Quét hai mặt thủ công cần số trang chẵn (mặt trước rồi mặt sau); tài liệu có {count} trang. Kiểm tra tờ bị kẹt hoặc sót rồi quét lại.',
    en: 'Manual duplex needs an even number of pages (the fronts, then the backs); this document has {count}. Look for a sheet jammed or missed, then scan again.',
  },
  'id-card-pages': {
    category: 'input',
    vi: 'Cần đúng 2 trang (mặt trước rồi mặt sau của thẻ) để ghép lên một trang A4; tài liệu này có {count} trang. Quét lại hai mặt thẻ.',
    en: 'Composing an ID card needs exactly 2 pages (the front, then the back); this document has {count}. Scan both sides of the card again.',
  },
  'id-card-size': {
    category: 'input',
    vi: 'Trang {page} ({width} × {height} mm) không phải cỡ thẻ căn cước (85,6 × 54 mm). Quét thẻ bằng khổ “Thẻ CCCD”.',
    en: 'Page {page} ({width} × {height} mm) is not ID-card size (85.6 × 54 mm). Scan the card with the “ID card” preset.',
  },
} as const satisfies Record<string, ErrorSpec>;
