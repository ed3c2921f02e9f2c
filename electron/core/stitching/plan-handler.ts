// `stitch.plan`: the officer's sheet on the chosen scanner's glass, read from its capabilities
// (the source's largest area), with the same sheet on an A4 and an A3 glass beside it so that the
// work ahead can be weighed against another scanner.
import { COMPARISON_GLASSES, type Device, type MethodOutput, type MethodParsedInput, type TilePlan } from '../../contract';
import { StationError, isStationError } from '../errors';
import { type Glass, planTiles } from './plan';
import { sheetSize, typedOrientation } from './sheets';

type Input = MethodParsedInput<'stitch.plan'>;

const SOURCE_VI = { flatbed: 'mặt kính', feeder: 'khay nạp giấy', 'feeder-duplex': 'khay nạp hai mặt' } as const;
const SOURCE_EN = { flatbed: 'glass', feeder: 'document feeder', 'feeder-duplex': 'duplex feeder' } as const;

export function stitchPlan(devices: readonly Device[], input: Input): MethodOutput<'stitch.plan'> {
  const sheet = sheetSize(input.sheet); // nonsense sizes first: they are wrong on any scanner
  const orientation = typedOrientation(input.sheet) ?? input.orientation;
  const device = devices.find((d) => d.id === input.device);
  if (!device) throw new StationError('unknown-device', { device: input.device });
  const deviceName = `${device.vendor} ${device.model}`.trim() || device.id;
  // Parts are laid on the glass one by one; a feeder takes a whole sheet through or nothing.
  if (input.source !== 'flatbed') throw new StationError('tiling-needs-flatbed', { source: SOURCE_EN[input.source], source_vi: SOURCE_VI[input.source] });
  const flatbed = device.sources.find((s) => s.source === 'flatbed');
  if (!flatbed) throw new StationError('tiling-needs-flatbed', { source: SOURCE_EN.feeder, source_vi: SOURCE_VI.feeder });
  const area = flatbed.maxArea;
  if (!area || !(area.width > 0 && area.height > 0)) throw new StationError('glass-size-unknown', { device: deviceName });
  const plan = planTiles(sheet, orientation, { widthMm: area.width, heightMm: area.height });
  const compare = (glass: Glass): TilePlan | null => {
    try {
      return planTiles(sheet, orientation, glass);
    } catch (e) {
      if (isStationError(e) && e.code === 'tiling-too-many-parts') return null;
      throw e;
    }
  };
  return { plan, deviceName, compare: { a4: compare(COMPARISON_GLASSES.a4), a3: compare(COMPARISON_GLASSES.a3) } };
}
