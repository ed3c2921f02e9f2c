// How the CLI speaks: results on stdout (human text, or one JSON document with --json), progress
// and warnings on stderr only, errors in the chosen language with the exit status of cli.md.
import { type ErrorCode, type WireError, cliAdvice, errorCategory, formatError } from '../contract';
import { FIELD_FLAGS } from './args';
import { type Language, type MessageKey, message } from './messages';

export const EXIT = { ok: 0, unexpected: 1, input: 2, device: 3, signature: 4, sync: 5 } as const;

export function exitCodeFor(code: ErrorCode): number {
  const category = errorCategory(code);
  if (category === 'input') return EXIT.input;
  if (category === 'device') return EXIT.device;
  if (category === 'signature') return EXIT.signature;
  if (category === 'sync') return EXIT.sync;
  return EXIT.unexpected;
}

/** Names the command-line option instead of the contract field, where there is one. */
function withFlags(error: WireError): WireError {
  const field = error.details?.field;
  if (typeof field !== 'string' || field.startsWith('-')) return error;
  // The most specific field with a flag: metadata.issueDate → --issue-date, paper.width → --preset/--size.
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const flag = FIELD_FLAGS[parts.slice(0, n).join('.')];
    if (flag) return formatError(error.code, { ...error.details, field: flag });
  }
  return error;
}

/** The message, and what only the command line can do about it (an environment variable). */
function withCliAdvice(error: WireError, lang: Language): string {
  const extra = cliAdvice(error.code, lang);
  return extra ? `${error.message[lang]} ${extra}` : error.message[lang];
}

export class Output {
  constructor(
    readonly lang: Language,
    readonly json: boolean,
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly err: NodeJS.WritableStream = process.stderr,
  ) {}

  t(key: MessageKey, values?: Record<string, string | number>): string {
    return message(this.lang, key, values);
  }

  /** A note for a person (stderr, so it never mixes with results). */
  note(text: string): void {
    this.err.write(`${text}\n`);
  }

  /** The command's result: JSON with --json, else the human lines. */
  result(value: unknown, human: () => string[]): void {
    if (this.json) this.out.write(`${JSON.stringify(value, null, 2)}\n`);
    else for (const line of human()) this.out.write(`${line}\n`);
  }

  /** Reports an error and returns the exit status it calls for. */
  error(raw: WireError, extra: Record<string, unknown> = {}): number {
    const error = withFlags(raw);
    if (this.json) this.out.write(`${JSON.stringify({ error, ...extra }, null, 2)}\n`);
    this.err.write(`${this.lang === 'vi' ? 'Lỗi' : 'Error'} [${error.code}]: ${withCliAdvice(error, this.lang)}\n`);
    return exitCodeFor(error.code);
  }

  /** An error after the result was printed (a verification that failed): stderr only. */
  failure(raw: WireError): number {
    const error = withFlags(raw);
    this.err.write(`${this.lang === 'vi' ? 'Lỗi' : 'Error'} [${error.code}]: ${withCliAdvice(error, this.lang)}\n`);
    return exitCodeFor(error.code);
  }

  isTerminal(): boolean {
    return Boolean((this.err as NodeJS.WriteStream).isTTY);
  }

  write(text: string): void {
    this.err.write(text);
  }
}

/** Scan progress on stderr: a live bar on a terminal, plain lines otherwise. */
export class Progress {
  private lastDraw = 0;
  private page = 0;

  constructor(
    private readonly out: Output,
    private readonly totalPages: number | undefined,
  ) {}

  pageStart(page: number): void {
    this.page = page;
    if (!this.out.isTerminal()) this.out.note(`${this.out.t('scanning')}: ${this.out.t('page')} ${page}${this.totalPages ? `/${this.totalPages}` : ''}`);
    else this.draw(0, true);
  }

  bytes(read: number, expected: number): void {
    if (this.out.isTerminal() && expected > 0) this.draw(read / expected, false);
  }

  pageSaved(page: number): void {
    if (this.out.isTerminal()) this.out.write('\r\x1b[2K');
    this.out.note(this.out.t('pageSaved', { page }));
  }

  end(): void {
    if (this.out.isTerminal()) this.out.write('\r\x1b[2K');
  }

  private draw(fraction: number, force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 24;
    const filled = Math.round(Math.min(1, fraction) * width);
    const of = this.totalPages ? `/${this.totalPages}` : '';
    this.out.write(`\r\x1b[2K${this.out.t('scanning')} ${this.out.t('page')} ${this.page}${of} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}%`);
  }
}
