// Scanners and the files they make (CLI exit 3), and PDFs that cannot be read or signed.
import type { ErrorSpec } from './spec';

export const DEVICE_ERRORS = {
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
  // The same report from a scan on the glass: there is no feeder to open (capture/scan-job.ts).
  'jammed-flatbed': {
    category: 'device',
    vi: 'Máy quét báo kẹt giấy khi quét trên mặt kính. Mở nắp máy quét, lấy giấy ra, kiểm tra không còn gì kẹt bên trong, đóng nắp rồi quét lại. Các trang đã quét vẫn được giữ.',
    en: 'The scanner reported a jam while scanning on the glass. Open the scanner lid, take the paper out, check nothing is stuck inside, close the lid and scan again. Pages already scanned are kept.',
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
    vi: 'Đã hủy lượt quét. Các trang đã quét vẫn được giữ; bấm Quét thêm trang để quét tiếp, hoặc lưu tài liệu.',
    en: 'The scan was cancelled. Pages already scanned are kept; press Scan more pages to go on, or save the document.',
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

  // Network (eSCL) scanners: replies the station refuses, and certificates it does not trust.
  'scanner-reply-refused': {
    category: 'device',
    vi: 'Máy quét “{device}” gửi một phản hồi mà trạm không chấp nhận ({detail}). Tắt bật máy quét rồi thử lại; nếu vẫn lỗi, cập nhật phần mềm (firmware) của máy quét.',
    en: 'The scanner “{device}” sent a reply the station does not accept ({detail}). Power-cycle the scanner and try again; if it keeps happening, update the scanner’s firmware.',
  },
  'scanner-page-too-large': {
    category: 'device',
    vi: 'Máy quét “{device}” gửi trang {page} lớn hơn mức một trang như vậy có thể có ({detail}) nên trạm đã ngắt và xóa phần đã nhận. Tắt bật máy quét rồi quét lại trang này.',
    en: 'The scanner “{device}” sent more for page {page} than such a page can hold ({detail}), so the station cut it off and removed what had arrived. Power-cycle the scanner, then scan the page again.',
  },
  'scanner-certificate-unpinned': {
    category: 'device',
    vi: 'Máy quét tại {address} dùng chứng chỉ mà trạm không tin cậy (dấu vân tay SHA-256 {fingerprint}). Kiểm tra dấu vân tay này trên màn hình hoặc trang cấu hình của máy quét, rồi ghim nó cho địa chỉ này: SOHOA_ESCL_PINS={pin}',
    en: 'The scanner at {address} presents a certificate the station does not trust (SHA-256 fingerprint {fingerprint}). Check this fingerprint on the scanner’s own panel or set-up page, then pin it for this address: SOHOA_ESCL_PINS={pin}',
  },
  'scanner-certificate-mismatch': {
    category: 'device',
    vi: 'Máy quét tại {address} dùng chứng chỉ có dấu vân tay SHA-256 {fingerprint}, khác với dấu vân tay đã ghim cho địa chỉ này. Không quét qua nó khi chưa kiểm tra: có thể một thiết bị khác đang trả lời tại địa chỉ này. Kiểm tra dấu vân tay trên màn hình của máy quét; nếu máy quét đã đổi chứng chỉ, ghim dấu vân tay mới: SOHOA_ESCL_PINS={pin}',
    en: 'The scanner at {address} presents a certificate with SHA-256 fingerprint {fingerprint}, not the one pinned for this address. Do not scan through it until you have checked: another device may be answering at this address. Check the fingerprint on the scanner’s own panel; if the scanner’s certificate was renewed, pin the new one: SOHOA_ESCL_PINS={pin}',
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
} as const satisfies Record<string, ErrorSpec>;
