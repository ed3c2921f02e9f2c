// What `sohoa <command> --help` (and `sohoa help <command>`) prints: each command's own usage, its
// options and an example, in Vietnamese and English. The global usage stays in messages.ts;
// backup and restore keep their longer texts there.
import type { Language } from './messages';

const COMMON_VI = 'Tùy chọn chung, đặt trước hoặc sau lệnh: --data-dir THƯ_MỤC  --json  --lang vi|en';
const COMMON_EN = 'Common options, before or after the command: --data-dir DIR  --json  --lang vi|en';

const METADATA_VI = `Thông tin giấy tờ: --dossier MÃ_HỒ_SƠ --kind component|result --title TÊN --doc-type MÃ --doc-number SỐ
  --issue-date NGÀY --issuer CƠ_QUAN --valid-until NGÀY --owner-id SỐ_ĐỊNH_DANH --owner-name HỌ_TÊN
  --digitized-by HỌ_TÊN (người chuyển đổi; mặc định SOHOA_OPERATOR)  --no-ocr (không nhận dạng chữ)`;
const METADATA_EN = `Metadata: --dossier CODE --kind component|result --title T --doc-type CODE --doc-number N
  --issue-date D --issuer T --valid-until D --owner-id N --owner-name T
  --digitized-by NAME (who converted it; default SOHOA_OPERATOR)  --no-ocr (no text recognition)`;

type Help = Readonly<Record<Language, string>>;

const HELP: Readonly<Record<string, Help>> = {
  devices: {
    vi: `Cách dùng: sohoa devices [--json]

Liệt kê máy quét: mã, hãng, kiểu, trình điều khiển, các nguồn giấy và khổ lớn nhất (mm).
Mã máy quét (ví dụ sane:test:0) là thứ sohoa scan --device cần.`,
    en: `Usage: sohoa devices [--json]

Lists the scanners: id, vendor, model, driver, paper sources and their largest area (mm).
The id (e.g. sane:test:0) is what sohoa scan --device takes.`,
  },
  scan: {
    vi: `Cách dùng: sohoa scan --device MÃ [--source flatbed|feeder|duplex] [--preset KHỔ | --size RỘNGxCAO]
       [--dpi N] [--mode color|gray|bw] [--pages N] [--profile TÊN] [--driver-option KHÓA=GIÁ_TRỊ]...
       [thông tin giấy tờ] [--out FILE.pdf] [--json]

Quét thành một tài liệu mới trong kho của trạm; --out ghi thêm tệp PDF.
  --preset   a7 a6 a5 a4 a3 a2 a1 a0 id-card letter legal auto (auto: nhận khổ giấy trên mặt kính)
  --size     khổ tính bằng mm, ví dụ 210x297
  --sheet a3|a2|a1|a0|RỘNGxCAO --tiled
             tờ lớn hơn mặt kính, quét từng phần (trạm chỉ chỗ đặt giấy; Enter quét, r quét lại, u bỏ, q dừng), rồi ghép
  --sheet a3|a2|a1|a0|RỘNGxCAO --parts-from THƯ_MỤC
             tờ lớn đã quét thành nhiều phần ở nơi khác: ghép các ảnh trong THƯ_MỤC (theo thứ tự tên) thành một trang
${METADATA_VI}
Ví dụ: sohoa scan --device sane:test:0 --preset a4 --dpi 300 --title "Giấy khai sinh" --out gks.pdf`,
    en: `Usage: sohoa scan --device ID [--source flatbed|feeder|duplex] [--preset NAME | --size WxH]
       [--dpi N] [--mode color|gray|bw] [--pages N] [--profile NAME] [--driver-option KEY=VALUE]...
       [metadata] [--out FILE.pdf] [--json]

Scans into a new document in the station's store; --out also writes its PDF.
  --preset   a7 a6 a5 a4 a3 a2 a1 a0 id-card letter legal auto (auto: detect the paper on the glass)
  --size     the area in mm, e.g. 210x297
  --sheet a3|a2|a1|a0|WxH --tiled
             a sheet larger than the glass, part by part (the station says where to lay it; Enter scans,
             r rescans, u takes back, q stops), then assembled
  --sheet a3|a2|a1|a0|WxH --parts-from DIR
             a large sheet scanned in parts elsewhere: the images in DIR (in name order) assembled into one page
${METADATA_EN}
Example: sohoa scan --device sane:test:0 --preset a4 --dpi 300 --title "Birth certificate" --out bc.pdf`,
  },
  import: {
    vi: `Cách dùng: sohoa import ĐƯỜNG_DẪN... [--dpi N] [--profile TÊN] [--stitch --sheet KHỔ | --camera [--paper KHỔ] [--spread auto|yes|no]] [thông tin giấy tờ] [--out FILE.pdf] [--json]

Tạo một tài liệu từ tệp ảnh, tệp PDF hoặc thư mục chứa chúng (theo thứ tự tên).
  --dpi N    độ phân giải dùng khi ảnh không ghi độ phân giải (với --camera: độ phân giải của trang đã nắn)
  --stitch --sheet a3|a2|a1|a0|RỘNGxCAO [--landscape|--portrait]
             các tệp là các phần của một tờ lớn (theo thứ tự): ghép thành một trang đúng khổ rồi nhập
  --camera   các ảnh là ảnh chụp trang giấy bằng máy ảnh: tìm mép trang, nắn thẳng đúng kích thước thật,
             tách trang sách mở đôi tại gáy, cân bằng ánh sáng
  --paper KHỔ  khổ giấy của các trang chụp (a4, a5, letter…); mặc định: theo tỉ lệ đo được (khổ A → A4)
  --spread   auto (mặc định): tách khi thấy gáy sách; yes: luôn tách đôi; no: không tách
${METADATA_VI}
Ví dụ: sohoa import trang1.jpg trang2.jpg --title "Sổ hộ khẩu" --out shk.pdf
       sohoa import --stitch --sheet a1 phan-*.png --title "Bản đồ địa chính" --out bd.pdf
       sohoa import --camera --paper a4 anh-*.jpg --title "Sổ đăng ký" --out so.pdf`,
    en: `Usage: sohoa import PATH... [--dpi N] [--profile NAME] [--stitch --sheet SIZE | --camera [--paper SIZE] [--spread auto|yes|no]] [metadata] [--out FILE.pdf] [--json]

Makes one document from image files, PDFs, or a folder of them (in name order).
  --dpi N    the resolution to assume when an image states none (with --camera: the corrected pages')
  --stitch --sheet a3|a2|a1|a0|WxH [--landscape|--portrait]
             the files are the parts of one large sheet (in order): assembled into one page at the
             sheet's true size, then imported
  --camera   the images are camera photos of pages: find the page's edges, set it straight at its true
             size, split a book spread at its gutter, even the light
  --paper SIZE  the paper the photographed pages are on (a4, a5, letter…); default: from the measured
             aspect (A-series taken as A4)
  --spread   auto (default): split where a gutter is seen; yes: always split in two; no: never
${METADATA_EN}
Example: sohoa import page1.jpg page2.jpg --title "Household book" --out hb.pdf
         sohoa import --stitch --sheet a1 part-*.png --title "Cadastral map" --out map.pdf
         sohoa import --camera --paper a4 photo-*.jpg --title "Register" --out reg.pdf`,
  },
  list: {
    vi: `Cách dùng: sohoa list [--owner-id SỐ] [--dossier MÃ] [--status draft|ready] [--limit N] [--json]

Liệt kê tài liệu trong kho của trạm, mới nhất trước.`,
    en: `Usage: sohoa list [--owner-id N] [--dossier CODE] [--status draft|ready] [--limit N] [--json]

Lists the documents in the station's store, newest first.`,
  },
  show: {
    vi: `Cách dùng: sohoa show TÀI_LIỆU [--json]

Xem trọn một tài liệu: thông tin, các trang, mã băm, chữ ký số, trạng thái đồng bộ.
TÀI_LIỆU là mã tài liệu hoặc vài ký tự đầu của mã.`,
    en: `Usage: sohoa show DOC [--json]

Shows one document whole: metadata, pages, hashes, signatures, sync state.
DOC is the document id or its first few characters.`,
  },
  export: {
    vi: `Cách dùng: sohoa export TÀI_LIỆU --out FILE.pdf [--json]

Ghi tệp PDF hiện tại của tài liệu (kể cả các chữ ký) ra FILE.pdf.`,
    en: `Usage: sohoa export DOC --out FILE.pdf [--json]

Writes the document's current PDF (with its signatures) to FILE.pdf.`,
  },
  sign: {
    vi: `Cách dùng: sohoa sign TÀI_LIỆU|FILE.pdf [--out FILE]
       (--p12 TỆP --password-env BIẾN | --pkcs11 THƯ_VIỆN [--token NHÃN] [--cert ID] --pin-env BIẾN)
       [--level B-B|B-T|B-LT] [--tsa URL] [--format pades|pkcs7] [--invisible]
       [--position top-right|top-left|bottom-right|bottom-left] [--reason LÝ_DO] [--json]

Ký số tài liệu trong kho, hoặc một tệp PDF (--out: tệp kết quả; mặc định ghi đè tệp đã cho).
Khóa RSA hoặc ECDSA (P-256, P-384) từ tệp .p12/.pfx hoặc thiết bị ký số (USB token).
Mật khẩu và mã PIN không bao giờ ghi trên dòng lệnh: lấy từ biến môi trường có tên cho sau
--password-env / --pin-env, hoặc được hỏi khi chạy trên màn hình dòng lệnh.
  --level    B-B; B-T thêm dấu thời gian (--tsa); B-LT thêm dữ liệu kiểm tra (chứng thư, OCSP, CRL)
  --format   pades (ETSI.CAdES.detached, mặc định) hoặc pkcs7 (adbe.pkcs7.detached)
  --cert     mã chứng thư trên thiết bị (xem sohoa tokens)
Ô chữ ký đặt vào chỗ trống ở góc đã chọn của trang 1, không che nội dung và không đè chữ ký trước.
Ví dụ: SOHOA_PIN=… sohoa sign 01a2 --pkcs11 /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so --pin-env SOHOA_PIN --level B-T`,
    en: `Usage: sohoa sign DOC|FILE.pdf [--out FILE]
       (--p12 FILE --password-env VAR | --pkcs11 MODULE [--token LABEL] [--cert ID] --pin-env VAR)
       [--level B-B|B-T|B-LT] [--tsa URL] [--format pades|pkcs7] [--invisible]
       [--position top-right|top-left|bottom-right|bottom-left] [--reason TEXT] [--json]

Signs a document in the store, or a PDF file (--out: the result; default: the file given).
RSA or ECDSA (P-256, P-384) keys from a .p12/.pfx file or a signing token (USB token).
Passwords and PINs never travel on the command line: they come from the environment variable
named by --password-env / --pin-env, or from a prompt on a terminal.
  --level    B-B; B-T adds a timestamp (--tsa); B-LT adds validation data (certificates, OCSP, CRLs)
  --format   pades (ETSI.CAdES.detached, the default) or pkcs7 (adbe.pkcs7.detached)
  --cert     the certificate's id on the token (see sohoa tokens)
The visible box goes into free space in the chosen corner of page 1, over no content and no earlier signature.
Example: SOHOA_PIN=… sohoa sign 01a2 --pkcs11 /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so --pin-env SOHOA_PIN --level B-T`,
  },
  verify: {
    vi: `Cách dùng: sohoa verify FILE.pdf|TÀI_LIỆU [--trust CA.pem]... [--offline] [--allow-untrusted] [--json]

Kiểm tra từng chữ ký: toàn vẹn, phần được ký, người ký, thời gian, dấu thời gian, tin cậy, thu hồi.
Mỗi chữ ký có một kết luận: XÁC NHẬN, CHƯA XÁC NHẬN (nguyên vẹn nhưng người ký chưa được xác thực)
hoặc KHÔNG HỢP LỆ. Byte nối thêm sau cuối tệp được báo là phần mở rộng không được ký.
  --trust            thêm tổ chức chứng thực tin cậy (tệp PEM/DER), ngoài danh sách của trạm
  --offline          không hỏi máy chủ OCSP/CRL (chỉ dùng dữ liệu kiểm tra có trong tệp)
  --allow-untrusted  chấp nhận chữ ký nguyên vẹn mà người ký chưa được xác thực
Mã thoát: 0 mọi chữ ký được xác nhận (hoặc chấp nhận); 4 tệp không có chữ ký, có chữ ký không
hợp lệ hoặc chưa xác nhận; 2 tệp không đọc được.`,
    en: `Usage: sohoa verify FILE.pdf|DOC [--trust CA.pem]... [--offline] [--allow-untrusted] [--json]

Checks every signature: integrity, what it covers, signer, time, timestamp, trust, revocation.
Each signature gets one verdict: CONFIRMED, UNCONFIRMED (intact, but the signer is not vouched for)
or INVALID. Bytes appended after the end of the file are reported as an unsigned extension.
  --trust            trust this authority too (PEM/DER file), besides the station's list
  --offline          ask no OCSP/CRL server (only the validation data in the file)
  --allow-untrusted  accept an intact signature whose signer is not vouched for
Exit status: 0 every signature confirmed (or accepted); 4 no signature, or one invalid or
unconfirmed; 2 the file cannot be read.`,
  },
  tokens: {
    vi: `Cách dùng: sohoa tokens [--pkcs11 THƯ_VIỆN] [--json]

Liệt kê thiết bị ký số đang cắm và chứng thư trên đó (không cần PIN); mã chứng thư dùng cho sohoa sign --cert.`,
    en: `Usage: sohoa tokens [--pkcs11 MODULE] [--json]

Lists the signing tokens plugged in and their certificates (no PIN needed); the ids are what sohoa sign --cert takes.`,
  },
  search: {
    vi: `Cách dùng: sohoa search NỘI_DUNG [--limit N] [--json]

Tìm tài liệu theo mã hồ sơ, số định danh, họ tên chủ giấy tờ (có hoặc không dấu), số hiệu, hoặc chữ trong giấy tờ.`,
    en: `Usage: sohoa search TEXT [--limit N] [--json]

Finds documents by dossier code, owner id, owner name (with or without diacritics), document number, or their text.`,
  },
  audit: {
    vi: `Cách dùng: sohoa audit verify [--json] | sohoa audit list [--document TÀI_LIỆU] [--limit N] [--json]

verify: kiểm tra chuỗi băm của nhật ký kiểm toán; mã thoát 4 và chỉ ra các dòng bị sửa, chèn hoặc xóa.
list: xem nhật ký (của một tài liệu).`,
    en: `Usage: sohoa audit verify [--json] | sohoa audit list [--document DOC] [--limit N] [--json]

verify: checks the audit log's hash chain; exit 4 naming the rows edited, inserted or deleted.
list: reads the log (of one document).`,
  },
  users: {
    vi: `Cách dùng: sohoa users list
       sohoa users add TÊN --name "Họ tên" --role officer|archivist|supervisor|admin [--password-env BIẾN]
       sohoa users set TÊN [--name "Họ tên"] [--role VAI_TRÒ] [--disable | --enable] [--password-env BIẾN]

Tài khoản của trạm. Tài khoản đầu tiên phải là quản trị; sau đó lệnh cần SOHOA_USER và SOHOA_PASSWORD của một quản trị.`,
    en: `Usage: sohoa users list
       sohoa users add NAME --name "Full Name" --role officer|archivist|supervisor|admin [--password-env VAR]
       sohoa users set NAME [--name "Full Name"] [--role ROLE] [--disable | --enable] [--password-env VAR]

The station's accounts. The first one must be an administrator; after that the command needs an administrator's SOHOA_USER and SOHOA_PASSWORD.`,
  },
  sync: {
    vi: `Cách dùng: sohoa sync [--once] [--json] | sohoa sync status [--json] | sohoa sync retry [SỐ]

Gửi tài liệu đã ký lên kho dữ liệu tỉnh (không có --once: gửi liên tục đến khi nhấn Ctrl+C).
Địa chỉ và thông tin đăng nhập: cài đặt của trạm, hoặc SOHOA_SYNC_URL, SOHOA_SYNC_CLIENT_ID, SOHOA_SYNC_CLIENT_SECRET.`,
    en: `Usage: sohoa sync [--once] [--json] | sohoa sync status [--json] | sohoa sync retry [N]

Sends signed documents to the provincial store (without --once: keeps sending until Ctrl+C).
Address and credentials: the station's settings, or SOHOA_SYNC_URL, SOHOA_SYNC_CLIENT_ID, SOHOA_SYNC_CLIENT_SECRET.`,
  },
  report: {
    vi: `Cách dùng: sohoa report [--from NGÀY] [--to NGÀY] [--json | --csv | --xlsx FILE | --pdf FILE]

Tỷ lệ số hóa, tái sử dụng và kết quả điện tử theo đơn vị và cấp, trên hồ sơ tiếp nhận trong kỳ
(mặc định: tháng này đến nay). Ngày dạng dd/mm/yyyy. --pdf: báo cáo in gửi tỉnh.`,
    en: `Usage: sohoa report [--from DATE] [--to DATE] [--json | --csv | --xlsx FILE | --pdf FILE]

Digitization, reuse and electronic-result rates per unit and level over the dossiers received in the
period (default: this month so far). Dates as dd/mm/yyyy. --pdf: the printed report for the province.`,
  },
  serve: {
    vi: `Cách dùng: sohoa serve [--port N] [--no-wizard]

Chế độ trình duyệt: giao diện của trạm qua địa chỉ nội bộ của máy (127.0.0.1), đến khi nhấn Ctrl+C.
  --no-wizard  trạm chưa có tài khoản chạy không qua bước thiết lập (cho kịch bản và kiểm thử)`,
    en: `Usage: sohoa serve [--port N] [--no-wizard]

Browser mode: the station's interface on this machine's loopback address (127.0.0.1), until Ctrl+C.
  --no-wizard  a station without accounts runs without the first-start wizard (scripts and tests)`,
  },
};

/** The command's own help, or null when it has none here (backup, restore: messages.ts). */
export function commandHelp(name: string, lang: Language): string | null {
  const help = Object.hasOwn(HELP, name) ? HELP[name] : undefined;
  if (!help) return null;
  return `${help[lang]}\n\n${lang === 'vi' ? COMMON_VI : COMMON_EN}`;
}
