// Checks a scan request against what the chosen source can do, before anything is created or
// scanned. A request the device cannot honour is refused (`invalid-setting`, naming the field),
// never silently clipped or rounded: a clipped page is an incomplete copy of the paper.
import type { MethodParsedInput, SourceCaps } from '../../contract';
import { paperSize } from '../../contract';
import { StationError } from '../errors';
import type { DriverScanSettings } from '../scan/driver';

type ScanRequest = MethodParsedInput<'scan.start'>;

const SOURCE_VI = { flatbed: 'mặt kính', feeder: 'khay nạp giấy', 'feeder-duplex': 'khay nạp hai mặt' } as const;
const MODE_VI = { color: 'màu', gray: 'xám', bw: 'đen trắng' } as const;
/** Tolerance for device areas stated with rounding (a 215.9 mm letter glass reported as 215.87). */
const AREA_TOLERANCE_MM = 0.5;

function refuse(field: string, en: string, vi: string): never {
  throw new StationError('invalid-setting', { field, detail: en, detail_vi: vi });
}

const mm = (n: number) => Number(n.toFixed(1));

export function resolveScanSettings(req: ScanRequest, sources: readonly SourceCaps[]): DriverScanSettings {
  const caps = sources.find((s) => s.source === req.source);
  if (!caps) {
    const have = sources.map((s) => s.source).join(', ') || 'none';
    refuse('source', `this scanner has no ${req.source} (it has: ${have})`, `máy quét này không có ${SOURCE_VI[req.source]} (máy có: ${have})`);
  }
  if (!caps.modes.includes(req.mode))
    refuse('mode', `the ${req.source} cannot scan in ${req.mode} (it offers: ${caps.modes.join(', ')})`, `${SOURCE_VI[req.source]} không quét được chế độ ${MODE_VI[req.mode]} (máy có: ${caps.modes.join(', ')})`);

  const range = caps.resolutionRange;
  const dpiOk = range ? req.dpi >= range.min && req.dpi <= range.max : caps.resolutions.includes(req.dpi);
  if (!dpiOk) {
    const offered = range ? `${range.min}–${range.max}` : caps.resolutions.join(', ');
    refuse('dpi', `${req.dpi} dpi is not offered (the scanner offers ${offered} dpi)`, `máy quét không có độ phân giải ${req.dpi} dpi (máy có ${offered} dpi)`);
  }

  const max = caps.maxArea;
  const auto = 'preset' in req.paper && req.paper.preset === 'auto';
  // A device with no scan area to choose (SANE's pnm, some cameras) gives its whole image: only
  // the `auto` paper can honestly ask for that; a named size would be a promise we cannot keep.
  if (!max && !auto)
    refuse(
      'paper',
      'this scanner cannot set a scan area: choose the Auto paper (the whole image it gives, cropped to the paper by the imaging)',
      'máy quét này không chọn được vùng quét: hãy chọn khổ Tự động (lấy cả ảnh máy trả về, phần xử lý ảnh sẽ cắt theo tờ giấy)',
    );
  const size = paperSize(req.paper, max);
  if (max && size && (size.width > max.width + AREA_TOLERANCE_MM || size.height > max.height + AREA_TOLERANCE_MM)) {
    const name = 'preset' in req.paper ? req.paper.preset.toUpperCase() : 'the paper';
    refuse(
      'paper',
      `${name} (${mm(size.width)} × ${mm(size.height)} mm) is larger than the ${req.source} (${mm(max.width)} × ${mm(max.height)} mm)`,
      `${name} (${mm(size.width)} × ${mm(size.height)} mm) lớn hơn vùng quét của ${SOURCE_VI[req.source]} (${mm(max.width)} × ${mm(max.height)} mm)`,
    );
  }
  return {
    source: req.source,
    mode: req.mode,
    dpi: req.dpi,
    area: size ? { x: 0, y: 0, width: size.width, height: size.height } : undefined,
    pages: req.pages,
    options: req.driverOptions,
  };
}
