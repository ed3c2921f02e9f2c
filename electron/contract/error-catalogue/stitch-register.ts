// Placing the parts of a large sheet (issue 18): what stops the registration, named by the part's
// number as the officer knows it (1 for the first part scanned), with what to rescan. A part that
// cannot be placed is never guessed at: the page would be silently wrong. The parts already scanned
// stay in the draft; only the named ones need doing again.
import type { ErrorSpec } from './spec';

export const STITCH_REGISTER_ERRORS = {
  'stitch-part-unplaced': {
    category: 'input',
    vi: 'Không ghép được phần {part}: phần này trùng quá ít với các phần khác (hoặc thuộc tờ khác). Quét lại phần {part} sao cho chồng lên các phần bên cạnh ít nhất một phần năm; các phần khác vẫn được giữ.',
    en: 'Part {part} could not be placed: it overlaps the other parts too little (or belongs to another sheet). Scan part {part} again overlapping its neighbours by at least a fifth; the other parts are kept.',
  },
  'stitch-part-blank': {
    category: 'input',
    vi: 'Phần {part} gần như trắng, không có chữ hay nét nào để ghép với các phần khác. Quét lại phần {part} dịch sang để chồng lên chữ hoặc hình của các phần bên cạnh; các phần khác vẫn được giữ.',
    en: 'Part {part} is almost blank: it has no text or lines to match with the other parts. Scan part {part} again, shifted to overlap the text or drawing of its neighbours; the other parts are kept.',
  },
  'stitch-parts-different-sheets': {
    category: 'input',
    vi: 'Các phần tạo thành những nhóm không khớp với nhau ({groups}): có thể chúng thuộc các tờ khác nhau, hoặc thiếu phần nối giữa các nhóm. Kiểm tra các phần có cùng một tờ không, xóa phần của tờ khác, hoặc quét thêm phần nối các nhóm.',
    en: 'The parts form groups that do not fit together ({groups}): they may come from different sheets, or a part joining the groups is missing. Check that all parts are of the same sheet, delete the parts of another sheet, or scan a part that joins the groups.',
  },
  'stitch-part-duplicate': {
    category: 'input',
    vi: 'Phần {part} và phần {other} chụp cùng một chỗ của tờ (quét hai lần). Xóa một trong hai phần, rồi quét phần còn thiếu nếu có.',
    en: 'Parts {part} and {other} show the same place of the sheet (scanned twice). Delete one of the two, then scan the part still missing, if any.',
  },
  'stitch-parts-disagree': {
    category: 'input',
    vi: 'Phần {part} và phần {other} chồng lên nhau nhưng chỗ chồng không giống nhau: có thể một phần thuộc tờ khác (cùng mẫu in), hoặc giấy bị xê dịch khi quét. Kiểm tra hai phần có cùng một tờ không, rồi quét lại phần {other}.',
    en: 'Parts {part} and {other} overlap, but do not show the same thing where they overlap: one may be of another sheet (with the same printed form), or the paper moved while scanning. Check that both are of this sheet, then scan part {other} again.',
  },
  'stitch-parts-mixed-dpi': {
    category: 'input',
    vi: 'Phần {part} được quét ở {dpi} dpi, các phần khác ở {expected} dpi; ghép như vậy sẽ sai kích thước. Quét lại phần {part} ở {expected} dpi.',
    en: 'Part {part} was scanned at {dpi} dpi, the other parts at {expected} dpi; joined, the sheet would have the wrong size. Scan part {part} again at {expected} dpi.',
  },
  'stitch-parts-mixed-modes': {
    category: 'input',
    vi: 'Phần {part} được quét {mode}, các phần khác {expected}. Quét lại phần {part} {expected} như các phần khác.',
    en: 'Part {part} was scanned in {mode}, the other parts in {expected}. Scan part {part} again in {expected}, like the others.',
  },
  'stitch-parts-inconsistent': {
    category: 'input',
    vi: 'Phần {part} không khớp với các phần bên cạnh (lệch {offsetMm} mm so với phần {other}): có thể giấy bị xê dịch hoặc không phẳng khi quét; ghép sẽ lộ đường nối. Quét lại phần {part}, giữ giấy phẳng và không xê dịch cho đến khi quét xong.',
    en: 'Part {part} does not fit its neighbours ({offsetMm} mm off against part {other}): the paper may have moved or not lain flat while scanning, and the seam would show. Scan part {part} again, keeping the paper flat and still until the scan ends.',
  },
} as const satisfies Record<string, ErrorSpec>;
