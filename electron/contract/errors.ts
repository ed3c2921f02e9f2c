// Every error the station can report: a stable code, what kind of failure it is (the CLI's exit
// status follows from it), and a message in Vietnamese and English that says what to do next.
// Messages take {placeholders} filled from the error's details.
import { z } from 'zod';

export type ErrorCategory = 'input' | 'device' | 'signature' | 'sync' | 'store' | 'internal';

interface ErrorSpec {
  readonly category: ErrorCategory;
  readonly vi: string;
  readonly en: string;
}

export const ERRORS = {
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
  'document-empty': {
    category: 'input',
    vi: 'Tài liệu “{id}” chưa có trang nào. Quét hoặc nhập ít nhất một trang rồi lưu.',
    en: 'Document “{id}” has no pages. Scan or import at least one page, then save.',
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
    vi: 'Tệp PDF “{file}” vượt giới hạn ({detail}). Tệp có thể bị hỏng hoặc độc hại; không nhập.',
    en: 'The PDF “{file}” is beyond the limits ({detail}). It may be damaged or hostile; it was not imported.',
  },
  'image-too-large': {
    category: 'input',
    vi: 'Ảnh “{file}” khai báo kích thước quá lớn ({pixels} điểm ảnh, tối đa {limit}). Tệp có thể bị hỏng hoặc độc hại; không nhập.',
    en: 'The image “{file}” declares too many pixels ({pixels}, at most {limit}). The file may be damaged or hostile; it was not imported.',
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
    vi: 'Cần đăng nhập. Nhập tên đăng nhập và mật khẩu của bạn (dòng lệnh: biến SOHOA_USER và SOHOA_PASSWORD).',
    en: 'Sign in first. Enter your user name and password (command line: the SOHOA_USER and SOHOA_PASSWORD variables).',
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
    vi: 'Vai trò “{role}” không được làm việc này ({action}). Nhờ giám sát viên hoặc quản trị thực hiện.',
    en: 'The “{role}” role may not do this ({action}). Ask a supervisor or the administrator.',
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
    vi: 'Tài liệu “{id}” đã gửi lên kho dữ liệu của tỉnh; chỉ giám sát viên được xóa bản tại trạm.',
    en: 'Document “{id}” is already in the provincial store; only a supervisor may delete the station’s copy.',
  },
  'document-in-use': {
    category: 'input',
    vi: 'Tài liệu “{id}” đang được tái sử dụng trong hồ sơ {dossiers}; không thể xóa.',
    en: 'Document “{id}” is reused by dossier {dossiers}; it cannot be deleted.',
  },
  'reuse-not-valid': {
    category: 'input',
    vi: 'Giấy tờ “{id}” không còn hiệu lực ({validUntil}) hoặc chưa hoàn tất nên không tái sử dụng được. Quét bản mới.',
    en: 'Document “{id}” is no longer valid ({validUntil}) or not finished, so it cannot be reused. Scan a new copy.',
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

  // Scanner and device errors (CLI exit 3); codes of the worker protocol.
  'no-documents': {
    category: 'device',
    vi: 'Khay nạp giấy trống. Đặt giấy vào khay rồi bấm Quét.',
    en: 'The document feeder is empty. Load paper into the feeder and press Scan.',
  },
  jammed: {
    category: 'device',
    vi: 'Giấy bị kẹt — mở nắp khay nạp, gỡ giấy rồi bấm Tiếp tục. Các trang đã quét vẫn được giữ.',
    en: 'Paper jam — open the feeder cover, remove the paper, then press Continue. Pages already scanned are kept.',
  },
  'cover-open': {
    category: 'device',
    vi: 'Nắp máy quét đang mở. Đóng nắp rồi bấm Tiếp tục.',
    en: 'The scanner cover is open. Close it and press Continue.',
  },
  busy: {
    category: 'device',
    vi: 'Máy quét đang bận (có thể một chương trình khác đang dùng). Chờ một lát rồi thử lại.',
    en: 'The scanner is busy (another program may be using it). Wait a moment and try again.',
  },
  cancelled: {
    category: 'device',
    vi: 'Đã hủy lượt quét. Các trang đã quét vẫn được giữ.',
    en: 'The scan was cancelled. Pages already scanned are kept.',
  },
  io: {
    category: 'device',
    vi: 'Lỗi giao tiếp với máy quét: {detail}. Kiểm tra cáp và nguồn điện rồi thử lại.',
    en: 'Communication with the scanner failed: {detail}. Check the cable and power, then try again.',
  },
  'device-gone': {
    category: 'device',
    vi: 'Máy quét “{device}” đã bị ngắt kết nối. Cắm lại, bật máy rồi thử lại.',
    en: 'The scanner “{device}” was disconnected. Reconnect it, switch it on and try again.',
  },
  'worker-hung': {
    category: 'device',
    vi: 'Trình điều khiển máy quét không phản hồi sau {seconds} giây và đã được khởi động lại. Các trang đã quét vẫn được giữ; tắt bật máy quét rồi quét tiếp.',
    en: 'The scanner driver stopped answering for {seconds} s and was restarted. Pages already scanned are kept; power-cycle the scanner and continue.',
  },
  'worker-crashed': {
    category: 'device',
    vi: 'Trình điều khiển máy quét bị dừng đột ngột ({detail}). Các trang đã quét vẫn được giữ; thử quét lại.',
    en: 'The scanner driver stopped unexpectedly ({detail}). Pages already scanned are kept; try scanning again.',
  },
  'worker-missing': {
    category: 'device',
    vi: 'Không tìm thấy trình điều khiển “{worker}”. Chạy lại bước cài đặt (npm ci) để biên dịch nó.',
    en: 'The scanner driver “{worker}” is missing. Run the set-up again (npm ci) to build it.',
  },

  // PDFs that cannot be signed or read
  'pdf-damaged': {
    category: 'input',
    vi: 'Tệp PDF bị hỏng ({detail}). Nhập lại tệp để sửa rồi ký.',
    en: 'The PDF is damaged ({detail}). Import it again to repair it, then sign.',
  },
  'pdf-encrypted': {
    category: 'input',
    vi: 'Tệp PDF được mã hóa nên không ký được. Hãy dùng bản không mã hóa.',
    en: 'The PDF is encrypted, so it cannot be signed. Use an unencrypted copy.',
  },
  'ocr-pending': {
    category: 'input',
    vi: 'Tài liệu “{id}” đang được nhận dạng chữ. Chờ xong rồi ký (bản ký phải là bản cuối cùng).',
    en: 'Text is still being recognised for “{id}”. Wait for it, then sign (the signed file must be the final one).',
  },

  // Signing and verification (CLI exit 4)
  'certificate-expired': {
    category: 'signature',
    vi: 'Chứng thư số “{subject}” đã hết hạn ngày {notAfter}. Hãy gia hạn chứng thư với tổ chức cung cấp dịch vụ chứng thực.',
    en: 'The certificate “{subject}” expired on {notAfter}. Renew it with the certification service provider.',
  },
  'certificate-not-yet-valid': {
    category: 'signature',
    vi: 'Chứng thư số “{subject}” chỉ có hiệu lực từ {notBefore}. Kiểm tra đồng hồ máy tính hoặc chờ đến ngày đó.',
    en: 'The certificate “{subject}” is valid only from {notBefore}. Check the computer’s clock or wait until then.',
  },
  'certificate-revoked': {
    category: 'signature',
    vi: 'Chứng thư số “{subject}” (số hiệu {serial}) đã bị thu hồi. Không ký bằng chứng thư này; liên hệ tổ chức cung cấp dịch vụ chứng thực.',
    en: 'The certificate “{subject}” (serial {serial}) has been revoked. Do not sign with it; contact the certification service provider.',
  },
  'certificate-usage': {
    category: 'signature',
    vi: 'Chứng thư số “{subject}” không được phép dùng để ký (thiếu mục đích ký số). Chọn chứng thư ký số khác.',
    en: 'The certificate “{subject}” is not allowed to sign (no signing key usage). Choose a signing certificate.',
  },
  'pin-incorrect': {
    category: 'signature',
    vi: 'Mã PIN không đúng ({tries}). Nhập lại cẩn thận; nhập sai nhiều lần sẽ khóa thiết bị ký số.',
    en: 'Wrong PIN ({tries}). Type it again carefully; too many wrong PINs lock the token.',
  },
  'pin-locked': {
    category: 'signature',
    vi: 'Thiết bị ký số “{token}” đã bị khóa PIN. Liên hệ tổ chức cung cấp dịch vụ chứng thực để mở khóa.',
    en: 'The token “{token}” is PIN-locked. Contact the certification service provider to unlock it.',
  },
  'token-not-found': {
    category: 'signature',
    vi: 'Không tìm thấy thiết bị ký số{token}. Cắm thiết bị (USB token) rồi thử lại.',
    en: 'No signing token{token} was found. Plug in the USB token and try again.',
  },
  'token-library': {
    category: 'signature',
    vi: 'Không nạp được thư viện thiết bị ký số “{module}” ({detail}). Cài phần mềm của thiết bị ký số, hoặc chỉ đúng đường dẫn thư viện PKCS#11 trong Cài đặt.',
    en: 'The signing token’s library “{module}” could not be loaded ({detail}). Install the token’s software, or set the right PKCS#11 library path in Settings.',
  },
  'trust-unreadable': {
    category: 'input',
    vi: 'Không đọc được chứng thư tin cậy “{path}” ({detail}). Dùng tệp PEM hoặc DER của tổ chức chứng thực.',
    en: 'Cannot read the trusted certificate “{path}” ({detail}). Use the authority’s PEM or DER file.',
  },
  'key-not-found': {
    category: 'signature',
    vi: 'Không tìm thấy khóa bí mật và chứng thư ký số trên {where}. Kiểm tra thiết bị hoặc tệp chứng thư.',
    en: 'No private key with its certificate was found in {where}. Check the token or the certificate file.',
  },
  'p12-password': {
    category: 'signature',
    vi: 'Mật khẩu của tệp chứng thư “{file}” không đúng, hoặc tệp bị hỏng. Nhập lại mật khẩu.',
    en: 'The password of the certificate file “{file}” is wrong, or the file is damaged. Type the password again.',
  },
  'signing-failed': {
    category: 'signature',
    vi: 'Ký số không thành công: {detail}. Tài liệu không thay đổi; thử lại.',
    en: 'Signing failed: {detail}. The document was not changed; try again.',
  },
  'tsa-failed': {
    category: 'signature',
    vi: 'Không lấy được dấu thời gian từ {url}: {detail}. Kiểm tra kết nối mạng, hoặc ký ở mức B-B (không dấu thời gian).',
    en: 'No timestamp from {url}: {detail}. Check the network, or sign at level B-B (no timestamp).',
  },
  'audit-broken': {
    category: 'signature',
    vi: 'Nhật ký kiểm toán đã bị sửa, chèn hoặc xóa ở các dòng {rows}. Giữ nguyên dữ liệu và báo cho quản trị.',
    en: 'The audit log was edited, inserted into or cut at rows {rows}. Keep the data as it is and tell the administrator.',
  },
  'no-signature': {
    category: 'signature',
    vi: 'Tệp “{file}” không có chữ ký số nào.',
    en: 'The file “{file}” carries no digital signature.',
  },
  'signature-invalid': {
    category: 'signature',
    vi: 'Có {count} chữ ký không hợp lệ trong tệp “{file}”. Xem chi tiết từng chữ ký; không dùng bản này.',
    en: '{count} signature(s) in “{file}” do not verify. See each signature’s details; do not rely on this copy.',
  },

  // Sync with the provincial store (CLI exit 5)
  'sync-not-configured': {
    category: 'sync',
    vi: 'Chưa cấu hình kho dữ liệu tỉnh (địa chỉ, mã trạm và khóa bí mật). Nhập trong Cài đặt, hoặc đặt SOHOA_SYNC_URL, SOHOA_SYNC_CLIENT_ID, SOHOA_SYNC_CLIENT_SECRET.',
    en: 'The provincial store is not configured (address, station id and secret). Set them in Settings, or set SOHOA_SYNC_URL, SOHOA_SYNC_CLIENT_ID, SOHOA_SYNC_CLIENT_SECRET.',
  },
  'sync-offline': {
    category: 'sync',
    vi: 'Không kết nối được kho dữ liệu tỉnh {url} ({detail}). Tài liệu vẫn an toàn trên trạm; sẽ tự thử lại.',
    en: 'Cannot reach the provincial store {url} ({detail}). The documents are safe on this station; it will try again by itself.',
  },
  'sync-credentials': {
    category: 'sync',
    vi: 'Kho dữ liệu tỉnh từ chối thông tin xác thực của trạm ({detail}). Kiểm tra mã trạm và khóa bí mật với quản trị của tỉnh; việc gửi tạm dừng đến khi sửa.',
    en: 'The provincial store refused this station’s credentials ({detail}). Check the station id and secret with the province’s administrator; sending is paused until they are corrected.',
  },
  'sync-tls': {
    category: 'sync',
    vi: 'Kết nối bảo mật tới kho dữ liệu tỉnh thất bại ({detail}). Kiểm tra chứng thư CA đã ghim và đồng hồ của máy tính.',
    en: 'The secure connection to the provincial store failed ({detail}). Check the pinned CA certificate and the computer’s clock.',
  },
  'sync-server': {
    category: 'sync',
    vi: 'Kho dữ liệu tỉnh trả lời lỗi {status} ({detail}). Sẽ tự thử lại.',
    en: 'The provincial store answered with an error {status} ({detail}). It will be tried again.',
  },
  'sync-garbage': {
    category: 'sync',
    vi: 'Kho dữ liệu tỉnh trả lời không đọc được ({detail}). Sẽ tự thử lại; nếu lặp lại, báo quản trị của tỉnh.',
    en: 'The provincial store answered something unreadable ({detail}). It will be tried again; if it persists, tell the province’s administrator.',
  },
  'sync-rejected': {
    category: 'sync',
    vi: 'Kho dữ liệu tỉnh không nhận tài liệu {id}: {detail} ({reason}). Cần người kiểm tra rồi bấm Thử lại.',
    en: 'The provincial store did not accept document {id}: {detail} ({reason}). A person must check it, then press Retry.',
  },
  'sync-conflict': {
    category: 'sync',
    vi: 'Kho dữ liệu tỉnh đã có phiên bản {version} của tài liệu {id} với nội dung khác. Không ghi đè; báo quản trị của tỉnh.',
    en: 'The provincial store already holds version {version} of document {id} with other content. Nothing was overwritten; tell the province’s administrator.',
  },
  'sync-receipt-mismatch': {
    category: 'sync',
    vi: 'Biên nhận của kho dữ liệu tỉnh cho tài liệu {id} có mã SHA-256 khác với bản trên trạm. Chưa coi là đã gửi; sẽ gửi lại.',
    en: 'The provincial store’s receipt for document {id} carries another SHA-256 than this station’s copy. It is not counted as sent; it will be sent again.',
  },

  // Text recognition (the document itself is saved; only its text layer is missing)
  'ocr-unavailable': {
    category: 'internal',
    vi: 'Không nhận dạng được chữ: {detail}. Tài liệu vẫn được lưu, chưa có lớp chữ; cài gói tesseract-ocr-vie rồi chạy lại.',
    en: 'Text recognition is not available: {detail}. The document is saved without a text layer; install tesseract-ocr-vie and run it again.',
  },
  'ocr-failed': {
    category: 'internal',
    vi: 'Nhận dạng chữ thất bại ({detail}). Tài liệu vẫn được lưu, chưa có lớp chữ.',
    en: 'Text recognition failed ({detail}). The document is saved without a text layer.',
  },

  // The local store
  'store-newer': {
    category: 'store',
    vi: 'Dữ liệu tại “{path}” do phiên bản mới hơn tạo ra (lược đồ {found}, phiên bản này hỗ trợ đến {supported}). Hãy cập nhật Trạm Số hóa; dữ liệu không bị thay đổi.',
    en: 'The data at “{path}” was written by a newer version (schema {found}; this version supports up to {supported}). Update SoHoa Station; the data was not changed.',
  },
  'store-not-ours': {
    category: 'store',
    vi: 'Tệp “{path}” không phải cơ sở dữ liệu của Trạm Số hóa. Không mở và không ghi đè; chọn thư mục dữ liệu khác.',
    en: 'The file “{path}” is not a SoHoa Station database. It was neither opened nor overwritten; choose another data folder.',
  },
  'file-corrupt': {
    category: 'store',
    vi: 'Tệp lưu trữ “{path}” không còn khớp mã SHA-256 của nó ({detail}). Không gửi và không dùng tệp này; khôi phục từ bản sao lưu gần nhất.',
    en: 'The stored file “{path}” no longer matches its SHA-256 ({detail}). It was neither sent nor used; restore it from the latest backup.',
  },
  'store-corrupt': {
    category: 'store',
    vi: 'Cơ sở dữ liệu “{path}” bị hỏng ({detail}). Không ghi đè; khôi phục từ bản sao lưu gần nhất.',
    en: 'The database “{path}” is damaged ({detail}). It was not overwritten; restore the latest backup.',
  },
  'store-io': {
    category: 'store',
    vi: 'Không ghi được vào thư mục dữ liệu: {detail}. Kiểm tra dung lượng đĩa và quyền ghi.',
    en: 'Cannot write to the data folder: {detail}. Check free disk space and write permission.',
  },

  // Backup and restore (CLI exit 2: the backup or the target folder given is not usable)
  'backup-incomplete': {
    category: 'input',
    vi: 'Thư mục “{path}” không phải một bản sao lưu hoàn chỉnh (không có manifest.json): lần sao lưu đó có thể đã bị ngắt giữa chừng. Chọn thư mục sohoa-backup-… của một lần sao lưu đã xong; dữ liệu hiện tại không bị thay đổi.',
    en: 'The folder “{path}” is not a complete backup (it has no manifest.json): that backup may have been interrupted. Choose the sohoa-backup-… folder of a backup that finished; the current data was not changed.',
  },
  'backup-corrupt': {
    category: 'input',
    vi: 'Bản sao lưu “{path}” bị hỏng hoặc đã bị sửa: {detail}. Không khôi phục gì, dữ liệu hiện tại giữ nguyên; dùng một bản sao lưu khác.',
    en: 'The backup “{path}” is damaged or was altered: {detail}. Nothing was restored and the current data is unchanged; use another backup.',
  },
  'restore-target-exists': {
    category: 'input',
    vi: 'Thư mục dữ liệu “{path}” đã có dữ liệu. Để thay bằng bản sao lưu, chạy lại với --force: dữ liệu cũ sẽ được chuyển sang một thư mục bên cạnh, không bị xóa.',
    en: 'The data folder “{path}” already holds data. To replace it with the backup, run again with --force: the old data will be moved to a folder beside it, not deleted.',
  },
  'restore-target-in-use': {
    category: 'input',
    vi: 'Thư mục dữ liệu “{path}” đang được dùng (tiến trình {pids}). Đóng ứng dụng Trạm Số hóa và các lệnh sohoa đang chạy rồi khôi phục lại; chưa có gì thay đổi.',
    en: 'The data folder “{path}” is in use (process {pids}). Close SoHoa Station and any running sohoa command, then restore again; nothing was changed.',
  },

  'station-key-wrong': {
    category: 'input',
    vi: 'Cụm mật khẩu của trạm không đúng nên không mở được dữ liệu đã mã hóa. Kiểm tra SOHOA_STATION_PASSPHRASE.',
    en: 'The station passphrase is wrong, so the encrypted data cannot be opened. Check SOHOA_STATION_PASSPHRASE.',
  },
  'station-key-needed': {
    category: 'input',
    vi: 'Dữ liệu của trạm được mã hóa và chỉ mở được bằng: {ways}. Đặt cụm mật khẩu của trạm vào biến SOHOA_STATION_PASSPHRASE hoặc mở bằng ứng dụng.',
    en: 'The station’s data is encrypted and opens only with: {ways}. Put the station passphrase in SOHOA_STATION_PASSPHRASE, or open it in the app.',
  },

  // Browser-mode bridge
  unauthorized: {
    category: 'input',
    vi: 'Phiên làm việc không hợp lệ. Mở lại địa chỉ mà lệnh “sohoa serve” đã in ra.',
    en: 'This session is not valid. Open the address that “sohoa serve” printed.',
  },

  internal: {
    category: 'internal',
    vi: 'Lỗi ngoài dự kiến: {detail}. Chi tiết đã ghi vào nhật ký {log}; hãy gửi tệp này cho bộ phận hỗ trợ.',
    en: 'Unexpected error: {detail}. The details are in the log {log}; send that file to support.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export type ErrorDetails = Record<string, string | number>;

/** The shape in which an error crosses every transport (IPC, WebSocket, CLI --json). */
export const WireError = z.object({
  code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
  message: z.object({ vi: z.string(), en: z.string() }),
  details: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type WireError = z.infer<typeof WireError>;

/** Fills {key} from the details; the Vietnamese message prefers a `key_vi` detail when given. */
function fill(template: string, details: ErrorDetails, language: 'vi' | 'en'): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = (language === 'vi' ? details[`${key}_vi`] : undefined) ?? details[key];
    return value === undefined ? whole : String(value);
  });
}

export function formatError(code: ErrorCode, details: ErrorDetails = {}): WireError {
  const spec: ErrorSpec = ERRORS[code];
  return { code, message: { vi: fill(spec.vi, details, 'vi'), en: fill(spec.en, details, 'en') }, details };
}

export function errorCategory(code: ErrorCode): ErrorCategory {
  return ERRORS[code].category;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}
