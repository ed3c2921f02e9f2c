// Planning a large sheet in parts (issue 18): sizes no paper has, a glass the scanner does not
// report, a source parts cannot be laid on, a sheet far too large for the glass; and a folded
// sheet whose two scanned sides are not its halves.
import type { ErrorSpec } from './spec';

export const STITCH_PLAN_ERRORS = {
  'sheet-size-invalid': {
    category: 'input',
    vi: 'Khổ giấy {width} × {height} mm không có thật. Nhập chiều rộng và chiều cao của tờ giấy theo milimét, mỗi cạnh từ {min} đến {max} mm.',
    en: 'No paper is {width} × {height} mm. Enter the sheet’s width and height in millimetres, each side from {min} to {max} mm.',
  },
  'glass-size-unknown': {
    category: 'device',
    vi: 'Máy quét “{device}” không cho biết kích thước mặt kính, nên không chia được tờ giấy thành các phần. Chọn máy quét khác có mặt kính, hoặc quét từng phần ở nơi khác rồi nhập các tệp.',
    en: 'The scanner “{device}” does not report the size of its glass, so the sheet cannot be divided into parts. Choose another scanner with a glass, or scan the parts elsewhere and import the files.',
  },
  'tiling-needs-flatbed': {
    category: 'input',
    vi: 'Quét ghép tờ lớn cần mặt kính: từng phần của tờ giấy phải đặt được lên kính. Chọn nguồn Mặt kính; tờ A3 gấp đôi thì dùng bìa kẹp qua khay nạp hai mặt.',
    en: 'Scanning a large sheet in parts needs the glass: each part of the sheet must be laid on it. Choose the Glass source; for an A3 sheet folded in half, use a carrier sleeve through the duplex feeder.',
  },
  'tiling-too-many-parts': {
    category: 'input',
    vi: 'Tờ {width} × {height} mm cần {parts} lần quét trên mặt kính {glass} — quá nhiều để ghép chính xác (tối đa {max}). Dùng máy quét có mặt kính lớn hơn, hoặc nhờ đơn vị có máy quét khổ lớn.',
    en: 'A {width} × {height} mm sheet needs {parts} scans on a {glass} glass — too many to stitch accurately (at most {max}). Use a scanner with a larger glass, or ask a unit with a large-format scanner.',
  },
  'folded-pages': {
    category: 'input',
    vi: 'Tờ gấp đôi cần đúng hai trang, mặt trước và mặt sau, nhưng bản nháp có {count} trang. Xóa các trang thừa, hoặc quét lại tờ gấp qua khay nạp hai mặt.',
    en: 'A folded sheet needs exactly two pages, its front and its back, but the draft has {count}. Delete the extra pages, or scan the folded sheet again through the duplex feeder.',
  },
  'folded-halves-size': {
    category: 'input',
    vi: 'Hai mặt vừa quét ({front} và {back}) không phải hai nửa của một tờ {sheet} gấp đôi. Kiểm tra khổ giấy đã chọn, gấp tờ giấy đúng giữa, mặt cần quét ra ngoài, rồi quét lại cả hai mặt.',
    en: 'The two sides scanned ({front} and {back}) are not the halves of one {sheet} sheet folded in half. Check the sheet size chosen, fold the sheet exactly in half with the side to scan outward, then scan both sides again.',
  },
} as const satisfies Record<string, ErrorSpec>;
