// An archive stack against the scan screen, the same stack (issue 17): A4 colour sheets from the
// SANE test backend's feeder, in one station, alternating rounds. Figure: pages per second end to
// end, until the stack is ready for indexing — for the archive, archive.scan answered (every sheet
// stored, classified, measured, encoded and placed in its document, in feeder order); for the scan
// screen, scan.done and then every page processed by the imaging pipeline (default profile).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './run';
import { scaled } from './quick';
import { median } from './measure';
import { tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';
import { openTestStation } from '../helpers/station';

const PAGES = scaled(10, 2);
const ROUNDS = scaled(3, 1);
const DPI = scaled(300, 100);
/** The fastest production feeder an archive team buys for a back-file: 280 A4 images a minute. */
const FEEDER_PAGES_PER_SECOND = 4.67;

export async function archiveStack(): Promise<BenchResult> {
  const tmp = tempDir('bench-archive');
  const saneDir = writeSaneConfig(join(tmp.path, 'sane.d'));
  const t = await openTestStation({ dataDir: join(tmp.path, 'data'), env: saneEnv(saneDir) });
  const archive: number[] = [];
  const screen: number[] = [];
  // CPU of this process (the station and its imaging threads; the scanner's worker process aside)
  // per page: on a shared machine a steadier figure than the seconds.
  const cpu = { archive: [] as number[], screen: [] as number[] };
  // How busy the station's main thread was (where the separator test's analysis runs): near 100 %
  // it, not the cores, would be what holds the stack back.
  const busy = { archive: [] as number[], screen: [] as number[] };
  try {
    // Patch T separators, the archive's usual rule: every sheet is looked at for the patch and
    // measured for the blank test (the test backend's colour pattern is neither).
    const batch = await t.call('archive.create', { name: 'Đo tốc độ', separator: 'patch-t' });
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so that neither always meets a warm or a cold machine.
      const order = round % 2 === 0 ? (['archive', 'screen'] as const) : (['screen', 'archive'] as const);
      for (const side of order) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        const loopStarted = performance.eventLoopUtilization();
        if (side === 'archive') {
          const r = await t.call('archive.scan', { batchId: batch.id, device: 'sane:test:0', source: 'feeder', paper: { preset: 'a4' }, dpi: DPI, mode: 'color', pages: PAGES });
          if (r.pages !== PAGES) throw new Error(`the archive stack placed ${r.pages} pages of ${PAGES}`);
          archive.push(PAGES / ((performance.now() - started) / 1000));
        } else {
          const run = await t.scan({ device: 'sane:test:0', paper: { preset: 'a4' }, dpi: DPI, mode: 'color', pages: PAGES, profile: 'default' });
          if (run.outcome.name !== 'scan.done') throw new Error(`scan failed: ${JSON.stringify(run.outcome.payload)}`);
          await t.station.background.settled(run.documentId);
          screen.push(PAGES / ((performance.now() - started) / 1000));
        }
        const used = process.cpuUsage(cpuStarted);
        cpu[side].push((used.user + used.system) / 1000 / PAGES);
        busy[side].push(performance.eventLoopUtilization(loopStarted).utilization);
      }
    }
  } catch (e) {
    // The station's log goes with the temporary folder: what it warned of (a worker killed as hung,
    // with where its threads waited; the station itself not running) is printed before it goes.
    const log = join(tmp.path, 'data', 'logs', 'station.log');
    if (existsSync(log)) console.error(`The station's warnings before the failure:\n${readFileSync(log, 'utf8').split('\n').filter((l) => /"level":"(warn|error)"/.test(l)).slice(-30).join('\n')}`);
    throw e;
  } finally {
    await t.close();
    tmp.cleanup();
  }
  const a = median(archive);
  const s = median(screen);
  return {
    name: `Archive stack vs scan screen, same stack: ${PAGES} A4 sheets, ${DPI} dpi colour, SANE test backend feeder, end to end to ready-for-indexing (median of ${ROUNDS} alternating rounds)`,
    ours: { label: 'archive.scan (stored first; patch T test and blank measure on the examining thread, encoding in the pool; placed in feeder order)', value: a, unit: 'pages/s' },
    peer: { label: 'scan screen (scan.start → scan.done → every page processed, default profile)', value: s, unit: 'pages/s' },
    ratio: a / s,
    target: '≥ 0.9 (issue 17)',
    notes: `Archive absolute target: ${FEEDER_PAGES_PER_SECOND} pages/s (the fastest production feeder, 280 images/min) on 2 idle cores; measured ${a.toFixed(2)} pages/s (${((a / FEEDER_PAGES_PER_SECOND) * 100).toFixed(0)} %). Rounds: archive ${archive.map((x) => x.toFixed(2)).join(', ')}; scan screen ${screen.map((x) => x.toFixed(2)).join(', ')}. ` +
      `CPU of the station's process per page (median): archive ${median(cpu.archive).toFixed(0)} ms, scan screen ${median(cpu.screen).toFixed(0)} ms; ` +
      `main thread busy: archive ${(median(busy.archive) * 100).toFixed(0)} %, scan screen ${(median(busy.screen) * 100).toFixed(0)} %.`,
  };
}
