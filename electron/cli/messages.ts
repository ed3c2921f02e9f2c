// What the CLI itself says, in Vietnamese (the default) and English. Errors come from the
// contract with both languages already.
const vi = {
  usage: `Cách dùng: sohoa <lệnh> [tùy chọn]

Lệnh:
  devices [--refresh]          liệt kê máy quét (--refresh: dò lại mọi máy)
  scan --device ID [...]       quét thành tài liệu mới (--out FILE.pdf để ghi PDF)
  import ĐƯỜNG_DẪN... [...]    tạo tài liệu từ ảnh, PDF hoặc thư mục (--each: mỗi tệp một tài liệu)
  list [--owner-id N] [--dossier MÃ] [--status draft|ready]
  show TÀI_LIỆU                xem một tài liệu
  export TÀI_LIỆU --out FILE.pdf
  sign TÀI_LIỆU|FILE.pdf (--p12 TỆP --password-env BIẾN | --pkcs11 THƯ_VIỆN [--token NHÃN] [--cert ID] --pin-env BIẾN)
       [--level B-B|B-T|B-LT] [--tsa URL] [--format pades|pkcs7] [--invisible] [--position top-right|…] [--out FILE]
  verify FILE.pdf|TÀI_LIỆU [--trust CA.pem]... [--offline] [--allow-untrusted]
  tokens [--pkcs11 THƯ_VIỆN]   liệt kê thiết bị ký số và chứng thư
  search NỘI_DUNG               tìm theo mã hồ sơ, số định danh, tên (có hoặc không dấu), số hiệu, nội dung
  audit verify | audit list [--document TÀI_LIỆU]   kiểm tra / xem nhật ký kiểm toán
  users list | users add TÊN --name "Họ tên" --role VAI_TRÒ [--password-env BIẾN] | users set TÊN …   tài khoản của trạm
  sync [--once] | sync status | sync retry [SỐ]   gửi tài liệu đã ký lên kho dữ liệu tỉnh
  report [--from NGÀY] [--to NGÀY] [--csv | --xlsx FILE | --pdf FILE]   tỷ lệ số hóa, kết quả điện tử, tái sử dụng (--pdf: báo cáo in)
  backup THƯ_MỤC [--full]      sao lưu vào một thư mục mới THƯ_MỤC/sohoa-backup-… và in ra đường dẫn đó
  restore THƯ_MỤC_SAO_LƯU [--force]   khôi phục thư mục sohoa-backup-… đó vào --data-dir (kiểm tra SHA-256)
  serve [--port N] [--no-wizard]  chế độ trình duyệt (giao diện qua mạng nội bộ máy; --no-wizard: trạm chưa có tài khoản chạy không qua bước thiết lập, cho kịch bản và kiểm thử)

Tùy chọn chung, đặt trước hoặc sau lệnh: --data-dir THƯ_MỤC  --json  --lang vi|en  --help  --version
  ví dụ: sohoa --data-dir /srv/tram scan --device sane:test:0  (như sohoa scan --device sane:test:0 --data-dir /srv/tram)
sohoa <lệnh> --help (hoặc sohoa help <lệnh>): cách dùng một lệnh, các tùy chọn và ví dụ`,
  scanning: 'Đang quét',
  page: 'Trang',
  pageSaved: 'Đã lưu trang {page}',
  importing: 'Đang nhập {count} tệp…',
  importReading: 'Đang đọc trang {done}/{total} ({file})',
  importProcessing: 'Đang xử lý ảnh trang {done}/{total} ({file})',
  importSkipped: 'Bỏ qua: {reason}',
  importPageSize: '{width} × {height} mm, {dpi} dpi',
  importRasterised: 'Trang {page} của “{file}” được chuyển thành ảnh ở {dpi} dpi vì {reason}; chữ của trang vẫn được giữ làm lớp văn bản.',
  importCarried: '{count} trang của “{file}” được giữ nguyên dạng vẽ (vector, phông chữ và chữ).',
  importLinksDropped: '{count} liên kết trên các trang đó không được giữ (bản lưu PDF/A không mang liên kết).',
  'rasterised.font-not-embedded': 'trang dùng phông chữ không được nhúng trong tệp (PDF/A yêu cầu nhúng mọi phông chữ)',
  'rasterised.cmyk-colour': 'trang dùng màu CMYK, hồ sơ màu sRGB của bản lưu không mang được',
  'rasterised.optional-content': 'trang có nội dung tùy chọn (các lớp có thể ẩn hiện)',
  'rasterised.annotations': 'trang có trường biểu mẫu, dấu, ghi chú hoặc tệp đính kèm vẽ trên trang',
  'rasterised.postscript': 'trang chứa mã PostScript',
  'rasterised.transfer-function': 'trang dùng tinh chỉnh in mà PDF/A không cho phép (hàm truyền, bán sắc hoặc chế độ hòa trộn)',
  'rasterised.forbidden-filter': 'dữ liệu của trang được nén theo cách PDF/A không cho phép (LZW)',
  'rasterised.external-reference': 'trang tham chiếu tới nội dung ở tệp khác',
  'rasterised.too-complex': 'nội dung vẽ của trang quá lớn để kiểm tra',
  'rasterised.unreadable-structure': 'không đọc được cấu trúc của trang để sao chép nguyên dạng',
  importEachSummary: 'Đã lưu {saved} tài liệu; {failed} tệp không nhập được.',
  stitchAssembling: 'Đang ghép {count} phần thành một tờ…',
  stitchAssemblingFolder: 'Đang ghép các phần trong {dir} thành một tờ…',
  tiledPlan: 'Tờ giấy cần {count} lần quét trên mặt kính của {device} ({rows} hàng × {cols} cột), các phần chồng lên nhau ít nhất 15%.',
  tiledPlace: 'Phần {number}/{count} (hàng {row}, cột {col}): đặt tờ giấy sao cho mặt kính phủ từ {left} đến {right} mm tính từ mép trái, từ {top} đến {bottom} mm tính từ mép trên.',
  tiledPlaceTurned: 'Phần {number}/{count} (hàng {row}, cột {col}): xoay tờ giấy một góc vuông (mép trái của tờ về phía đầu mặt kính), đặt sao cho mặt kính phủ từ {left} đến {right} mm tính từ mép trái, từ {top} đến {bottom} mm tính từ mép trên.',
  tiledPrompt: 'Enter: quét phần này · r: quét lại phần vừa rồi · u: bỏ phần vừa rồi · q: dừng, giữ các phần trong bản nháp > ',
  tiledUndone: 'Đã bỏ phần {number}.',
  tiledRescan: 'Quét lại phần {number}.',
  tiledKeys: 'Chỉ dùng Enter, r, u hoặc q.',
  stitchAssembled: 'Đã ghép {count} phần thành tờ {width} × {height} mm ở {dpi} dpi trong {seconds} giây (chỗ nối lệch nhiều nhất {worst} điểm ảnh).',
  stitchTurned: 'Phần {parts} được đặt xoay (hoặc ngược) trên mặt kính; đã xoay lại, không cần quét lại.',
  stitchPaperNotSeen: 'Không thấy mép giấy trong các phần: tờ được đặt giữa các phần. Kiểm tra trang đã ghép trước khi ký.',
  savedDocument: 'Đã lưu tài liệu {id}: {pages} trang, PDF {bytes} byte, SHA-256 {sha256}',
  wroteFile: 'Đã ghi {path}',
  draftKept: 'Các trang đã quét ({pages}) được giữ trong bản nháp {id}.',
  noDevices: 'Không có máy quét nào.',
  devicesFromCache: 'Danh sách có thể là danh sách đọc lần trước. Máy vừa cắm hoặc vừa tắt? Chạy “sohoa devices --refresh” để dò lại.',
  noDocuments: 'Không có tài liệu nào.',
  noUsers: 'Trạm chưa có tài khoản nào (đang tự làm quản trị).',
  userSaved: 'Đã lưu tài khoản {username} ({role}).',
  demo: 'thử nghiệm',
  serving: 'Chế độ trình duyệt: mở {url}',
  addressOnce: 'Mỗi địa chỉ chỉ mở được một lần; nhấn Enter để có địa chỉ mới.',
  stopHint: 'Nhấn Ctrl+C để dừng.',
  cancelling: 'Đang hủy lượt quét… (nhấn Ctrl+C lần nữa để thoát ngay)',
  statusDraft: 'nháp',
  statusReady: 'đã lưu',
  colId: 'Mã',
  colStatus: 'Trạng thái',
  colPages: 'Trang',
  colCreated: 'Tạo lúc',
  colTitle: 'Tên / Hồ sơ',
  pdfNone: 'chưa có PDF',
  logAt: 'Nhật ký: {path}',
  document: 'Tài liệu',
  fieldTitle: 'Tên giấy tờ',
  fieldDossier: 'Mã hồ sơ',
  fieldOwner: 'Chủ giấy tờ',
  fieldDocNumber: 'Số, ký hiệu',
  fieldOrigin: 'Nguồn',
  fieldCreated: 'Tạo lúc',
  fieldPages: 'Các trang',
  sources: 'nguồn',
  recognising: 'Đang nhận dạng chữ (OCR)…',
  ocrFailed: 'Cảnh báo: chưa nhận dạng được chữ; tài liệu vẫn được lưu, chưa có lớp chữ.',
  fieldOcr: 'Lớp chữ (OCR)',
  fieldConverted: 'Chuyển đổi',
  promptPin: 'Mã PIN của thiết bị ký số: ',
  promptPassword: 'Mật khẩu của tệp chứng thư: ',
  signedFile: 'Đã ký: {signer}, lúc {signedAt}, mức {level}',
  signedDocument: 'Đã ký tài liệu {id}: {signer}, lúc {signedAt}, mức {level} (chữ ký thứ {count})',
  signatureN: 'Chữ ký {n} ({field})',
  valid: 'hợp lệ',
  invalid: 'không hợp lệ',
  yes: 'có',
  no: 'không',
  none: 'không có',
  fieldSigner: 'Người ký',
  fieldSerial: 'số hiệu',
  fieldIssuer: 'Tổ chức cấp',
  fieldSignedAt: 'Thời gian ký',
  fieldLevel: 'Mức',
  fieldTimestamp: 'Dấu thời gian',
  fieldIntegrity: 'Toàn vẹn',
  fieldTrusted: 'Tin cậy',
  fieldRevocation: 'Thu hồi',
  coverWhole: 'bao trùm toàn bộ tệp',
  coverAllowed: 'sau đó chỉ có thay đổi được phép (chữ ký khác, dữ liệu kiểm tra)',
  coverChanged: 'tệp đã bị thay đổi sau khi ký',
  coverTail: 'bao trùm mọi phần có cấu trúc của tệp; phía sau chỉ có phần nối thêm không được ký',
  verdict_confirmed: 'XÁC NHẬN (nguyên vẹn, người ký được tin cậy)',
  verdict_unconfirmed: 'CHƯA XÁC NHẬN (nguyên vẹn, nhưng người ký chưa được xác thực)',
  verdict_invalid: 'KHÔNG HỢP LỆ',
  acceptedUnvouched: 'chấp nhận theo --allow-untrusted',
  fileTail: 'Chú ý: sau phần cuối của tệp có {bytes} byte nối thêm mà không chữ ký nào bảo vệ (trình đọc PDF bỏ qua chúng); các chữ ký được kiểm tra trên phần đã ký.',
  noTokens: 'Không có thiết bị ký số nào.',
  pinLocked: 'đã khóa PIN',
  validUntil: 'hiệu lực đến',
  fieldSignatures: 'Chữ ký số',
  syncStore: 'Kho dữ liệu tỉnh',
  syncConfigured: 'đã cấu hình',
  syncNotConfigured: 'chưa cấu hình',
  syncBlocked: 'Đang tạm dừng',
  syncCounts: 'Chờ gửi: {pending} · Đang tải lên: {uploading} · Đang xác nhận: {committing} · Đã gửi: {synced} · Lỗi: {failed}',
  syncOldest: 'Chờ lâu nhất từ',
  syncLast: 'Lần gửi thành công gần nhất',
  syncThroughput: 'Tốc độ: {rate} ({count} tài liệu trong 1 giờ qua)',
  syncClockSkew: 'Cảnh báo: đồng hồ máy lệch {seconds} giây so với kho dữ liệu tỉnh; chỉnh lại giờ máy tính.',
  syncFailures: 'Lỗi',
  syncNextAttempt: 'thử lại lúc',
  syncNeedsPerson: 'cần người kiểm tra rồi thử lại: sohoa sync retry',
  syncByOfficer: 'Theo cán bộ',
  syncOfficerCounts: 'chờ {pending}, đã gửi {synced}, lỗi {failed}',
  syncRun: 'Đã gửi {synced}, lỗi {failed}, còn lại {remaining}.',
  syncLeftOver: 'còn {count} tài liệu chưa gửi được',
  syncStopped: 'Đã dừng. Đã gửi {synced}, lỗi {failed}.',
  syncRetried: 'Sẽ thử lại {count} tài liệu.',
  reportPeriod: 'Kỳ báo cáo: {from} đến {to} (theo ngày tiếp nhận hồ sơ)',
  reportUnit: 'Đơn vị (cấp)',
  reportDossiers: 'Hồ sơ',
  reportDigitization: 'Số hóa / chỉ tiêu',
  reportElectronic: 'KQ điện tử',
  reportReuse: 'Tái sử dụng',
  reportTotal: 'Tổng',
  levelTinh: 'tỉnh',
  levelHuyen: 'huyện',
  levelXa: 'xã',
  auditOk: 'Nhật ký kiểm toán nguyên vẹn: {rows} dòng, chuỗi băm khớp.',
  auditBroken: 'Nhật ký kiểm toán đã bị can thiệp ({rows} dòng). Các dòng có vấn đề:',
  auditRemote_matched: 'Khớp với dấu vết kho dữ liệu tỉnh giữ (dòng {seq}).',
  auditRemote_mismatch: 'KHÔNG khớp với dấu vết kho dữ liệu tỉnh giữ (dòng {seq}): nhật ký đã bị viết lại.',
  auditRemote_none: 'Kho dữ liệu tỉnh chưa giữ dấu vết nào của trạm (chưa đồng bộ lần nào).',
  'auditRemote_not-configured': 'Chưa cấu hình kho dữ liệu tỉnh: chỉ kiểm tra được tại trạm.',
  auditRemote_offline: 'Không liên lạc được kho dữ liệu tỉnh: chỉ kiểm tra được tại trạm.',
  backupDone: 'Đã sao lưu vào {path}: {files} tệp, {mb} MB ({linked} tệp dùng lại từ bản sao lưu trước), trong {seconds} giây.',
  backupMissing: 'Cảnh báo: {count} tệp mà cơ sở dữ liệu nhắc tới đã không còn trên trạm từ trước khi sao lưu (ghi trong manifest.json).',
  helpBackup: `Cách dùng: sohoa backup THƯ_MỤC [--full] [--json]

Sao lưu cơ sở dữ liệu và các tệp của trạm; trạm vẫn dùng được trong lúc sao lưu.
Mỗi lần sao lưu ghi vào một thư mục MỚI bên trong THƯ_MỤC đã cho:
  THƯ_MỤC/sohoa-backup-<8 ký tự đầu mã trạm>-<năm tháng ngày-giờ phút giây>
và in ra đường dẫn của thư mục đó (trường "path" khi có --json). Để khôi phục, đưa chính thư mục
sohoa-backup-… ấy cho sohoa restore, không phải THƯ_MỤC. Bản sao lưu không mang theo khóa của trạm.

  --full   chép lại mọi tệp (mặc định: tệp không đổi từ lần sao lưu trước trong THƯ_MỤC được dùng lại)

Tùy chọn chung, đặt trước hoặc sau lệnh: --data-dir THƯ_MỤC  --json  --lang vi|en
Ví dụ: sohoa backup /media/usb
       → Đã sao lưu vào /media/usb/sohoa-backup-1a2b3c4d-20261207-084700 …`,
  helpRestore: `Cách dùng: sohoa restore THƯ_MỤC_SAO_LƯU [--force] [--data-dir THƯ_MỤC] [--json]

Khôi phục một bản sao lưu vào thư mục dữ liệu (--data-dir, hoặc SOHOA_DATA_DIR, hoặc thư mục mặc định),
kiểm tra SHA-256 của từng tệp trước khi thay vào. THƯ_MỤC_SAO_LƯU là thư mục sohoa-backup-… mà
sohoa backup đã tạo và in ra, bên trong thư mục đã sao lưu vào:
  sohoa restore /media/usb/sohoa-backup-1a2b3c4d-20261207-084700
Đưa thư mục bên ngoài (/media/usb) thì lệnh từ chối và chỉ ra thư mục sohoa-backup-… cần dùng.

  --force  thay trạm đang có trong thư mục dữ liệu (dữ liệu cũ được chuyển sang một thư mục bên cạnh, không bị xóa)

Tùy chọn chung, đặt trước hoặc sau lệnh: --data-dir THƯ_MỤC  --json  --lang vi|en
Mở trạm đã khôi phục bằng khóa của trạm (mật khẩu trạm hoặc tệp khóa mang riêng).`,
  backupRestoreWith: 'Để khôi phục: sohoa restore {path}',
  restoring: 'Đang khôi phục từ {from} vào {path}…',
  restoreDone: 'Đã khôi phục trạm {stationId} (bản sao lưu lúc {createdAt}) vào {path}: {files} tệp, {mb} MB, SHA-256 khớp.',
  restoreMovedAside: 'Dữ liệu cũ được giữ nguyên tại {path}.',
  restoreKey: 'Bản sao lưu không mang theo khóa của trạm: mở trạm đã khôi phục bằng {ways}.',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  usage: `Usage: sohoa <command> [options]

Commands:
  devices [--refresh]          list scanners (--refresh: probe them all again)
  scan --device ID [...]       scan into a new document (--out FILE.pdf also writes its PDF)
  import PATH... [...]         make a document from images, PDFs or a folder (--each: one per file)
  list [--owner-id N] [--dossier CODE] [--status draft|ready]
  show DOC                     see one document
  export DOC --out FILE.pdf
  sign DOC|FILE.pdf (--p12 FILE --password-env VAR | --pkcs11 MODULE [--token LABEL] [--cert ID] --pin-env VAR)
       [--level B-B|B-T|B-LT] [--tsa URL] [--format pades|pkcs7] [--invisible] [--position top-right|…] [--out FILE]
  verify FILE.pdf|DOC [--trust CA.pem]... [--offline] [--allow-untrusted]
  tokens [--pkcs11 MODULE]     list signing tokens and their certificates
  search TEXT                  find by dossier code, owner id, name (with or without diacritics), number, text
  audit verify | audit list [--document DOC]   check / read the audit log
  users list | users add NAME --name "Full Name" --role ROLE [--password-env VAR] | users set NAME …   the station's accounts
  sync [--once] | sync status | sync retry [N]   send signed documents to the provincial store
  report [--from DATE] [--to DATE] [--csv | --xlsx FILE | --pdf FILE]   digitization, electronic-result and reuse rates (--pdf: the printed report)
  backup DIR [--full]          back up into a new folder DIR/sohoa-backup-… and print its path
  restore BACKUP_DIR [--force]   restore that sohoa-backup-… folder into --data-dir (SHA-256 checked)
  serve [--port N] [--no-wizard]  browser mode (the UI over loopback; --no-wizard: a station without accounts runs without the first-start wizard, for scripts and tests)

Common options, before or after the command: --data-dir DIR  --json  --lang vi|en  --help  --version
  e.g. sohoa --data-dir /srv/station scan --device sane:test:0  (same as sohoa scan --device sane:test:0 --data-dir /srv/station)
sohoa <command> --help (or sohoa help <command>): one command's usage, options and an example`,
  scanning: 'Scanning',
  page: 'Page',
  pageSaved: 'Saved page {page}',
  importing: 'Importing {count} file(s)…',
  importReading: 'Reading page {done}/{total} ({file})',
  importProcessing: 'Processing page {done}/{total} ({file})',
  importSkipped: 'Skipped: {reason}',
  importPageSize: '{width} × {height} mm, {dpi} dpi',
  importRasterised: 'Page {page} of “{file}” was rasterised at {dpi} dpi because {reason}; its words are kept as the text layer.',
  importCarried: '{count} page(s) of “{file}” kept as drawn (vectors, fonts and text).',
  importLinksDropped: '{count} link(s) on those pages were left out (PDF/A records carry no links).',
  'rasterised.font-not-embedded': 'it uses a font that is not embedded in the file (PDF/A needs every font embedded)',
  'rasterised.cmyk-colour': 'it uses CMYK colour, which the record’s sRGB colour profile cannot carry',
  'rasterised.optional-content': 'it has optional content (layers that can be shown or hidden)',
  'rasterised.annotations': 'it carries form fields, stamps, notes or attachments drawn over the page',
  'rasterised.postscript': 'it contains PostScript code',
  'rasterised.transfer-function': 'it uses printing adjustments PDF/A does not allow (transfer functions, halftones or blend modes)',
  'rasterised.forbidden-filter': 'its data is compressed in a way PDF/A does not allow (LZW)',
  'rasterised.external-reference': 'it refers to content in another file',
  'rasterised.too-complex': 'its drawing is too large to check',
  'rasterised.unreadable-structure': 'its structure could not be read to copy it as drawn',
  importEachSummary: 'Saved {saved} document(s); {failed} file(s) could not be imported.',
  stitchAssembling: 'Assembling {count} parts into one sheet…',
  stitchAssemblingFolder: 'Assembling the parts in {dir} into one sheet…',
  tiledPlan: 'The sheet takes {count} scans on the glass of {device} ({rows} rows × {cols} columns), the parts overlapping by at least 15%.',
  tiledPlace: 'Part {number}/{count} (row {row}, column {col}): lay the sheet so that the glass covers {left} to {right} mm from its left edge, {top} to {bottom} mm from its top edge.',
  tiledPlaceTurned: 'Part {number}/{count} (row {row}, column {col}): turn the sheet a quarter (its left edge toward the top of the glass) and lay it so that the glass covers {left} to {right} mm from its left edge, {top} to {bottom} mm from its top edge.',
  tiledPrompt: 'Enter: scan this part · r: scan the last part again · u: take the last part back · q: stop, keep the parts in the draft > ',
  tiledUndone: 'Part {number} taken back.',
  tiledRescan: 'Scanning part {number} again.',
  tiledKeys: 'Use Enter, r, u or q only.',
  stitchAssembled: 'Assembled {count} parts into a {width} × {height} mm sheet at {dpi} dpi in {seconds} s (the largest offset at a seam {worst} px).',
  stitchTurned: 'Part {parts} lay turned (or upside down) on the glass; it was turned back, no need to scan it again.',
  stitchPaperNotSeen: 'The paper’s edges were not seen in the parts: the sheet was centred on them. Check the assembled page before signing.',
  savedDocument: 'Saved document {id}: {pages} page(s), PDF {bytes} bytes, SHA-256 {sha256}',
  wroteFile: 'Wrote {path}',
  draftKept: 'The pages scanned ({pages}) are kept in draft {id}.',
  noDevices: 'No scanners.',
  devicesFromCache: 'This may be the list as last read. Just plugged in or switched off a scanner? Run “sohoa devices --refresh” to probe again.',
  noDocuments: 'No documents.',
  noUsers: 'The station has no accounts yet (it acts as its own administrator).',
  userSaved: 'Saved the account {username} ({role}).',
  demo: 'demo',
  serving: 'Browser mode: open {url}',
  addressOnce: 'Each address opens the station once; press Enter for a new one.',
  stopHint: 'Press Ctrl+C to stop.',
  cancelling: 'Cancelling the scan… (press Ctrl+C again to quit at once)',
  statusDraft: 'draft',
  statusReady: 'saved',
  colId: 'Id',
  colStatus: 'Status',
  colPages: 'Pages',
  colCreated: 'Created',
  colTitle: 'Title / Dossier',
  pdfNone: 'no PDF yet',
  logAt: 'Log: {path}',
  document: 'Document',
  fieldTitle: 'Title',
  fieldDossier: 'Dossier code',
  fieldOwner: 'Owner',
  fieldDocNumber: 'Number',
  fieldOrigin: 'Origin',
  fieldCreated: 'Created',
  fieldPages: 'Pages',
  sources: 'sources',
  recognising: 'Recognising text (OCR)…',
  ocrFailed: 'Warning: text recognition failed; the document is saved without a text layer.',
  fieldOcr: 'Text layer (OCR)',
  fieldConverted: 'Converted',
  promptPin: 'The token’s PIN: ',
  promptPassword: 'The certificate file’s password: ',
  signedFile: 'Signed: {signer}, at {signedAt}, level {level}',
  signedDocument: 'Signed document {id}: {signer}, at {signedAt}, level {level} (signature {count})',
  signatureN: 'Signature {n} ({field})',
  valid: 'valid',
  invalid: 'not valid',
  yes: 'yes',
  no: 'no',
  none: 'none',
  fieldSigner: 'Signer',
  fieldSerial: 'serial',
  fieldIssuer: 'Issuer',
  fieldSignedAt: 'Signed at',
  fieldLevel: 'Level',
  fieldTimestamp: 'Timestamp',
  fieldIntegrity: 'Intact',
  fieldTrusted: 'Trusted',
  fieldRevocation: 'Revocation',
  coverWhole: 'covers the whole file',
  coverAllowed: 'only allowed changes since (other signatures, validation data)',
  coverChanged: 'the file was changed after signing',
  coverTail: 'covers every structured part of the file; after it there is only an unsigned appended part',
  verdict_confirmed: 'CONFIRMED (intact, signer trusted)',
  verdict_unconfirmed: 'UNCONFIRMED (intact, but the signer is not vouched for)',
  verdict_invalid: 'INVALID',
  acceptedUnvouched: 'accepted by --allow-untrusted',
  fileTail: 'Note: {bytes} bytes were appended after the end of the file that no signature protects (PDF readers ignore them); the signatures were checked on the signed part.',
  noTokens: 'No signing tokens.',
  pinLocked: 'PIN locked',
  validUntil: 'valid until',
  fieldSignatures: 'Signatures',
  syncStore: 'Provincial store',
  syncConfigured: 'configured',
  syncNotConfigured: 'not configured',
  syncBlocked: 'Paused',
  syncCounts: 'Waiting: {pending} · Uploading: {uploading} · Committing: {committing} · Synced: {synced} · Failed: {failed}',
  syncOldest: 'Oldest waiting since',
  syncLast: 'Last successful sync',
  syncThroughput: 'Throughput: {rate} ({count} documents in the last hour)',
  syncClockSkew: 'Warning: this computer’s clock is {seconds} s off the provincial store’s; set the time right.',
  syncFailures: 'Failures',
  syncNextAttempt: 'next attempt at',
  syncNeedsPerson: 'needs a person, then: sohoa sync retry',
  syncByOfficer: 'By officer',
  syncOfficerCounts: 'waiting {pending}, synced {synced}, failed {failed}',
  syncRun: 'Synced {synced}, failed {failed}, {remaining} left.',
  syncLeftOver: '{count} document(s) could not be sent yet',
  syncStopped: 'Stopped. Synced {synced}, failed {failed}.',
  syncRetried: '{count} document(s) will be tried again.',
  reportPeriod: 'Period: {from} to {to} (by dossier reception date)',
  reportUnit: 'Unit (level)',
  reportDossiers: 'Dossiers',
  reportDigitization: 'Digitized / target',
  reportElectronic: 'E-results',
  reportReuse: 'Reuse',
  reportTotal: 'Total',
  levelTinh: 'province',
  levelHuyen: 'district',
  levelXa: 'commune',
  auditOk: 'The audit log is intact: {rows} rows, the hash chain holds.',
  auditBroken: 'The audit log was tampered with ({rows} rows). The rows concerned:',
  auditRemote_matched: 'It matches the trace the provincial store keeps (row {seq}).',
  auditRemote_mismatch: 'It does NOT match the trace the provincial store keeps (row {seq}): the log was rewritten.',
  auditRemote_none: 'The provincial store keeps no trace of this station yet (it has never synced).',
  'auditRemote_not-configured': 'No provincial store is configured: checked at the station only.',
  auditRemote_offline: 'The provincial store does not answer: checked at the station only.',
  backupDone: 'Backed up to {path}: {files} files, {mb} MB ({linked} files reused from the previous backup), in {seconds} s.',
  backupMissing: 'Warning: {count} file(s) the database names were already missing from the station before the backup (listed in manifest.json).',
  helpBackup: `Usage: sohoa backup DIR [--full] [--json]

Backs up the station's database and files; the station stays usable meanwhile.
Every backup is written into a NEW folder inside the DIR given:
  DIR/sohoa-backup-<first 8 characters of the station id>-<YYYYMMDD-HHmmss>
and the path of that folder is printed ("path" with --json). To restore, give restore that
sohoa-backup-… folder itself, not DIR. A backup does not carry the station key.

  --full   copy every file again (default: reuse the unchanged files of the previous backup in DIR)

Common options, before or after the command: --data-dir DIR  --json  --lang vi|en
Example: sohoa backup /media/usb
         → Backed up to /media/usb/sohoa-backup-1a2b3c4d-20261207-084700 …`,
  helpRestore: `Usage: sohoa restore BACKUP_DIR [--force] [--data-dir DIR] [--json]

Restores a backup into the data folder (--data-dir, else SOHOA_DATA_DIR, else the default folder),
every file's SHA-256 checked before anything is replaced. BACKUP_DIR is the sohoa-backup-… folder
that sohoa backup made and printed, inside the folder backed up into:
  sohoa restore /media/usb/sohoa-backup-1a2b3c4d-20261207-084700
Given the outer folder (/media/usb), restore refuses and names the sohoa-backup-… folder to give.

  --force  replace the station in the data folder (the old data is moved beside it, not deleted)

Common options, before or after the command: --data-dir DIR  --json  --lang vi|en
Open the restored station with the station's key (its passphrase, or the key file carried separately).`,
  backupRestoreWith: 'To restore it: sohoa restore {path}',
  restoring: 'Restoring from {from} into {path}…',
  restoreDone: 'Restored station {stationId} (backup of {createdAt}) into {path}: {files} files, {mb} MB, SHA-256 checked.',
  restoreMovedAside: 'The old data is kept as it was at {path}.',
  restoreKey: 'A backup does not carry the station key: open the restored station with {ways}.',
};

export type Language = 'vi' | 'en';

export function message(lang: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  const template = (lang === 'vi' ? vi : en)[key];
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (values[k] === undefined ? whole : String(values[k])));
}
