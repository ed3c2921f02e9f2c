// Importing files from the station's disk (CLI exit 2): what is not an ordinary file, what is
// damaged or beyond the rules, and what would take more than its share of the station. Each kind
// has its own code, so a folder's import can name what it skipped and why (capture/import-walk.ts).
import type { ErrorSpec } from './spec';

export const IMPORT_ERRORS = {
  'import-fifo': {
    category: 'input',
    vi: '“{file}” là một đường ống dữ liệu (FIFO), không phải tệp; trạm không đọc nó để khỏi bị treo. Chọn tệp ảnh hoặc PDF thật.',
    en: '“{file}” is a pipe (FIFO), not a file; the station does not read it, so as not to hang. Choose an actual image or PDF file.',
  },
  'import-device': {
    category: 'input',
    vi: '“{file}” là một thiết bị của máy tính, không phải tệp. Chọn tệp ảnh hoặc PDF thật.',
    en: '“{file}” is a device of the computer, not a file. Choose an actual image or PDF file.',
  },
  'import-socket': {
    category: 'input',
    vi: '“{file}” là một cổng kết nối (socket), không phải tệp. Chọn tệp ảnh hoặc PDF thật.',
    en: '“{file}” is a socket, not a file. Choose an actual image or PDF file.',
  },
  'import-dangling-link': {
    category: 'input',
    vi: '“{file}” là lối tắt trỏ tới “{target}”, nơi không còn tệp nào. Chọn chính tệp gốc, hoặc sửa lối tắt.',
    en: '“{file}” is a link to “{target}”, where there is no file any more. Choose the file itself, or fix the link.',
  },
  'import-link-loop': {
    category: 'input',
    vi: '“{file}” là lối tắt trỏ vòng về chính nó, không dẫn tới tệp nào. Chọn chính tệp gốc, hoặc sửa lối tắt.',
    en: '“{file}” is a link that loops back on itself and leads to no file. Choose the file itself, or fix the link.',
  },
  'import-folder-named-like-file': {
    category: 'input',
    vi: '“{file}” là một thư mục dù tên giống tệp; trạm không nhập thư mục con. Nhập riêng thư mục đó nếu cần các tệp bên trong.',
    en: '“{file}” is a folder, although named like a file; the station does not import subfolders. Import that folder by itself if its files are needed.',
  },
  'import-name-undecodable': {
    category: 'input',
    vi: 'Tên tệp “{file}” có ký tự không đọc được (không phải UTF-8). Hãy đổi tên tệp (ví dụ bằng trình quản lý tệp) rồi nhập lại.',
    en: 'The name “{file}” has characters that cannot be read (not UTF-8). Import it again once renamed (in a file manager, say).',
  },
  'import-no-permission': {
    category: 'input',
    vi: 'Trạm không có quyền đọc “{file}”. Nhờ quản trị cấp quyền đọc, hoặc chép tệp sang thư mục của bạn rồi nhập lại.',
    en: 'The station may not read “{file}”. Ask the administrator for read permission, or copy the file into your own folder and import it again.',
  },
  'import-empty-file': {
    category: 'input',
    vi: 'Tệp “{file}” rỗng (0 byte). Xin người gửi bản đầy đủ, hoặc quét bản giấy.',
    en: 'The file “{file}” is empty (0 bytes). Ask the sender for the complete file, or scan the paper.',
  },
  'import-nothing-importable': {
    category: 'input',
    vi: 'Không có ảnh hoặc PDF nào nhập được; đã bỏ qua {count} mục: {files}. Xem lý do của từng mục rồi chọn tệp khác.',
    en: 'No image or PDF could be imported; {count} entries were skipped: {files}. See why for each, then choose other files.',
  },
  'import-page-too-small': {
    category: 'input',
    vi: 'Trang {page} của “{file}” chỉ {width} × {height} mm ({widthPt} × {heightPt} đơn vị), nhỏ hơn mức tối thiểu 3 đơn vị của PDF/A. Kiểm tra tệp (có thể hỏng hoặc sai độ phân giải), hoặc quét bản giấy.',
    en: 'Page {page} of “{file}” is only {width} × {height} mm ({widthPt} × {heightPt} units), below PDF/A’s minimum of 3 units. Check the file (it may be damaged, or state a wrong resolution), or scan the paper.',
  },
  'import-damaged-image': {
    category: 'input',
    vi: 'Ảnh “{file}” bị hỏng ({detail}); nếu nhập sẽ chỉ còn một phần ảnh nên trạm không nhập. Xin người gửi bản khác, hoặc quét bản giấy.',
    en: 'The image “{file}” is damaged ({detail}); importing it would keep only part of the picture, so it was not imported. Ask the sender for another copy, or scan the paper.',
  },
  'import-inflates-too-much': {
    category: 'input',
    vi: 'Tệp PDF “{file}” ({pages} trang) giải nén ra hơn {limitMb} MB, quá mức cho số trang đó (có thể là “bom nén”); đã dừng, không có gì được lưu. Xin người gửi bản khác, hoặc quét bản giấy.',
    en: 'The PDF “{file}” ({pages} page(s)) inflates to more than {limitMb} MB, too much for that many pages (it may be a compression bomb); it was stopped and nothing was kept. Ask the sender for another copy, or scan the paper.',
  },
  'tool-memory-limit': {
    category: 'input',
    vi: 'Công cụ “{tool}” cần hơn {limitMb} MB bộ nhớ cho tệp “{file}” nên đã bị dừng; không có gì từ tệp được lưu. Tệp có thể bị hỏng hoặc độc hại; xin người gửi bản khác, hoặc quét bản giấy.',
    en: 'The tool “{tool}” needed more than {limitMb} MB of memory for “{file}” and was stopped; nothing from the file was kept. The file may be damaged or hostile; ask the sender for another copy, or scan the paper.',
  },
} as const satisfies Record<string, ErrorSpec>;
