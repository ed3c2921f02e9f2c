// sohoa devices [--json]: scanners with their sources and largest area in mm.
import type { Command } from '../command';

export const devicesCommand: Command = {
  options: {},
  async run({ out, session }) {
    const devices = await (await session()).call('devices.list', {});
    out.result(devices, () =>
      devices.length === 0
        ? [out.t('noDevices')]
        : devices.flatMap((d) => [
            `${d.id}  ${d.vendor} ${d.model}  [${d.driver}${d.demo ? `, ${out.t('demo')}` : ''}]`,
            ...d.sources.map(
              (s) =>
                `    ${s.source.padEnd(14)} ${s.maxArea ? `${s.maxArea.width} × ${s.maxArea.height} mm` : '?'}  ${s.modes.join('/')}  ${s.resolutionRange ? `${s.resolutionRange.min}–${s.resolutionRange.max}` : s.resolutions.join(',')} dpi`,
            ),
          ]),
    );
    return 0;
  },
};
