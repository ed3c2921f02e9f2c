// Vietnamese OCR with Debian's tesseract (tesseract-ocr + tesseract-ocr-vie), run as a child
// process on the stored page image: word boxes from its TSV output. Each run uses one thread at
// low priority, so that recognition never takes the counter's CPU from scanning and the UI.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { StationError } from '../errors';
import type { Word } from '../pdf/text-layer';

export interface OcrResult {
  readonly text: string;
  readonly words: Word[];
  /** Mean word confidence, 0–100. */
  readonly confidence: number;
}

export interface OcrOptions {
  readonly languages?: string;
  readonly dpi: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** Parses tesseract's TSV: level 5 rows are words, with block/paragraph/line numbers. */
export function parseTsv(tsv: string): OcrResult {
  const words: Word[] = [];
  const lines = new Map<number, string[]>();
  const lineBoxes = new Map<number, { y: number; h: number }>();
  let confSum = 0;
  const lineKey = (cols: string[]) => Number(cols[2]) * 1_000_000 + Number(cols[3]) * 1000 + Number(cols[4]);
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length >= 12 && cols[0] === '4') lineBoxes.set(lineKey(cols), { y: Number(cols[7]), h: Number(cols[9]) });
    if (cols.length < 12 || cols[0] !== '5') continue;
    const text = cols.slice(11).join('\t').trim();
    const conf = Number(cols[10]);
    if (!text || conf < 0) continue;
    const line = lineKey(cols);
    const box = lineBoxes.get(line);
    words.push({ text: text.normalize('NFC'), x: Number(cols[6]), y: Number(cols[7]), w: Number(cols[8]), h: Number(cols[9]), line, lineY: box?.y, lineH: box?.h, conf });
    confSum += conf;
    const l = lines.get(line) ?? [];
    l.push(text.normalize('NFC'));
    lines.set(line, l);
  }
  return { text: [...lines.values()].map((l) => l.join(' ')).join('\n'), words, confidence: words.length ? confSum / words.length : 0 };
}

export function recognise(imagePath: string, opts: OcrOptions): Promise<OcrResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('tesseract', [imagePath, 'stdout', '-l', opts.languages ?? 'vie', '--dpi', String(Math.round(opts.dpi)), '--psm', '3', 'tsv'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (child.pid) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // not permitted here: it runs at normal priority
      }
    }
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.name === 'AbortError') return reject(new StationError('cancelled'));
      reject(e.code === 'ENOENT' ? new StationError('ocr-unavailable', { detail: 'tesseract is not installed' }) : new StationError('ocr-failed', { detail: e.message }));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (opts.signal?.aborted) return reject(new StationError('cancelled'));
      if (code !== 0) {
        const missingLanguage = /Failed loading language|Error opening data file/.test(err);
        reject(new StationError(missingLanguage ? 'ocr-unavailable' : 'ocr-failed', { detail: missingLanguage ? 'the Vietnamese language data (tesseract-ocr-vie) is missing' : `tesseract ${signal ?? `exit ${code}`}: ${err.trim().split('\n').at(-1) ?? ''}` }));
        return;
      }
      resolve(parseTsv(Buffer.concat(out).toString('utf8')));
    });
  });
}
