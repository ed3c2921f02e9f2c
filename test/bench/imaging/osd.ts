// Tesseract's orientation and script detection (OSD, `--psm 0`, Debian's tesseract-ocr with
// osd.traineddata) on the same pages, to weigh it against the station's own text-line method:
// "Rotate: <degrees>" is the clockwise turn that makes the page upright. Time: user + system CPU
// of the tesseract process, one thread (OMP_THREAD_LIMIT=1). Answers are kept beside the page.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { GroundTruth } from '../../fixtures/imaging/cases';

export interface OsdAnswer {
  readonly quarterTurns: 0 | 1 | 2 | 3 | null;
  readonly cpuMs: number;
}

export function osdAnswer(truth: GroundTruth, fresh: boolean): OsdAnswer {
  const record = `${truth.file}.osd.json`;
  if (!fresh && existsSync(record)) return JSON.parse(readFileSync(record, 'utf8')) as OsdAnswer;
  const run = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', 'tesseract', truth.file, '-', '--psm', '0'], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
  const log = `${run.stdout}\n${run.stderr}`;
  const rotate = /Rotate: (\d+)/.exec(log);
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(log);
  // tesseract gives up on pages with too few characters ("Too few characters"): no answer, left as scanned
  const answer: OsdAnswer = {
    quarterTurns: rotate ? (((Number(rotate[1]) / 90) % 4) as 0 | 1 | 2 | 3) : null,
    cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN,
  };
  writeFileSync(record, JSON.stringify(answer));
  return answer;
}
