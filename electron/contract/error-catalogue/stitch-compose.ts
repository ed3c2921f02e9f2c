// Assembling a large sheet from its scanned parts (issue 18): what the composition refuses, and
// what the officer does about it. Parts are numbered from 1, in the order they were scanned.
import type { ErrorSpec } from './spec';

export const STITCH_COMPOSE_ERRORS = {
  'stitch-part-dpi-differs': {
    category: 'input',
    vi: 'Phần {part} được quét ở {partDpi} dpi, khác với {dpi} dpi của tờ giấy đang ghép. Quét lại phần {part} ở {dpi} dpi rồi ghép lại.',
    en: 'Part {part} was scanned at {partDpi} dpi, not at the {dpi} dpi of the sheet being assembled. Scan part {part} again at {dpi} dpi, then assemble the sheet again.',
  },
  'stitch-part-mode-differs': {
    category: 'input',
    vi: 'Phần {part} được quét ở chế độ {mode}, còn các phần khác ở chế độ {first}. Quét lại phần {part} ở chế độ {first} rồi ghép lại.',
    en: 'Part {part} was scanned in {mode}, the other parts in {first}. Scan part {part} again in {first}, then assemble the sheet again.',
  },
  'stitch-part-unreadable': {
    category: 'input',
    vi: 'Không đọc được ảnh của phần {part} (“{file}”): {detail}. Quét lại phần {part} rồi ghép lại; các phần khác vẫn được giữ.',
    en: 'The image of part {part} (“{file}”) cannot be read: {detail}. Scan part {part} again, then assemble the sheet again; the other parts are kept.',
  },
  'stitch-sheet-not-covered': {
    category: 'input',
    vi: 'Các phần đã quét chưa phủ kín tờ giấy: còn {count} vùng chưa có, vùng lớn nhất {widthMm} × {heightMm} mm ở {where} (cách mép trái {leftMm} mm, cách mép trên {topMm} mm). Quét thêm một phần phủ vùng đó, chồng lên các phần bên cạnh ít nhất 15%, rồi ghép lại.',
    en: 'The scanned parts do not cover the whole sheet: {count} area(s) are missing, the largest {widthMm} × {heightMm} mm at {where} ({leftMm} mm from the left edge, {topMm} mm from the top). Scan one more part over that area, overlapping its neighbours by at least 15%, then assemble the sheet again.',
  },
} as const satisfies Record<string, ErrorSpec>;
