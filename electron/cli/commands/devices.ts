// sohoa devices [--refresh] [--json]: scanners with their sources and largest area in mm. The
// station answers from the list it read last (in a second, where probing every SANE backend takes
// many); --refresh probes every driver again and waits for it.
import type { Command } from '../command';

export const devicesCommand: Command = {
  options: { refresh: { type: 'boolean' } },
  async run({ out, parsed, session }) {
    const refresh = parsed.values.refresh === true;
    const devices = await (await session()).call('devices.list', refresh ? { refresh } : {});
    if (!refresh) out.note(out.t('devicesFromCache'));
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
