// Assembling a draft's parts into one page (issue 18, `stitch.assemble`, `sohoa import --stitch`):
// what stops it besides the registration's and the composition's own refusals. The draft is left
// as it was in every case: the parts stay, only what is named needs doing.
import type { ErrorSpec } from './spec';

export const STITCH_ASSEMBLE_ERRORS = {
  'stitch-too-few-parts': {
    category: 'input',
    vi: 'Cần ít nhất hai phần để ghép một tờ lớn, nhưng mới có {count}. Quét thêm các phần còn lại của tờ, chồng lên nhau ít nhất 15%, rồi ghép lại.',
    en: 'At least two parts are needed to assemble a large sheet, but there are {count}. Scan the sheet’s other parts, overlapping by at least 15%, then assemble again.',
  },
  'stitch-sheet-larger': {
    category: 'input',
    vi: 'Các phần cho thấy một tờ khoảng {found} mm, lớn hơn khổ đã chọn ({sheet} mm). Chọn đúng khổ của tờ giấy rồi ghép lại; các phần vẫn được giữ.',
    en: 'The parts show a sheet of about {found} mm, larger than the size chosen ({sheet} mm). Choose the sheet’s real size, then assemble again; the parts are kept.',
  },
  'stitch-sheet-smaller': {
    category: 'input',
    vi: 'Các phần cho thấy một tờ khoảng {found} mm, nhỏ hơn khổ đã chọn ({sheet} mm). Chọn đúng khổ của tờ giấy rồi ghép lại; nếu tờ thật sự lớn hơn, quét thêm các phần còn thiếu.',
    en: 'The parts show a sheet of about {found} mm, smaller than the size chosen ({sheet} mm). Choose the sheet’s real size, then assemble again; if the sheet is really larger, scan the parts still missing.',
  },
  'stitch-running': {
    category: 'input',
    vi: 'Bản nháp “{id}” đang được ghép thành một tờ. Chờ ghép xong, hoặc dừng lần ghép đó trước.',
    en: 'Draft “{id}” is being assembled into one sheet. Wait for it to finish, or stop that assembly first.',
  },
  'stitch-cancelled': {
    category: 'input',
    vi: 'Đã dừng ghép tờ giấy; các phần vẫn được giữ trong bản nháp. Thử ghép lại khi sẵn sàng.',
    en: 'Assembling the sheet was stopped; the parts are kept in the draft. Try assembling again when ready.',
  },
  'stitch-failed': {
    category: 'internal',
    vi: 'Ghép tờ giấy bị lỗi ngoài dự kiến ({detail}); các phần vẫn được giữ. Thử ghép lại; nếu vẫn lỗi, gửi nhật ký cho bộ phận hỗ trợ.',
    en: 'Assembling the sheet failed unexpectedly ({detail}); the parts are kept. Try again; if it fails again, send the log to support.',
  },
} as const satisfies Record<string, ErrorSpec>;
