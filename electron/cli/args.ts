// Command-line parsing with the CLI's conventions: unknown options and malformed values are
// `invalid-input` errors naming the option (exit 2), in both languages.
import { parseArgs } from 'node:util';
import type { MetadataInput } from '../contract';
import { StationError } from '../core/errors';

export interface OptionSpec {
  readonly [name: string]: { readonly type: 'string' | 'boolean'; readonly short?: string; readonly multiple?: boolean };
}

export const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies OptionSpec;

/** Metadata options of scan and import (cli.md), and the contract field each one fills. */
export const METADATA_OPTIONS = {
  dossier: 'dossierCode',
  kind: 'kind',
  title: 'title',
  'doc-type': 'docTypeCode',
  'doc-number': 'docNumber',
  'issue-date': 'issueDate',
  issuer: 'issuer',
  'valid-until': 'validUntil',
  'owner-id': 'ownerIdNumber',
  'owner-name': 'ownerName',
} as const satisfies Record<string, keyof MetadataInput>;

export const METADATA_OPTION_SPEC: OptionSpec = Object.fromEntries(Object.keys(METADATA_OPTIONS).map((k) => [k, { type: 'string' }]));

/** How a new document is saved: who converted it (--digitized-by, else SOHOA_OPERATOR) and whether
 * its text is recognised before the command returns (the default) or not at all (--no-ocr). */
export const SAVE_OPTION_SPEC: OptionSpec = { 'digitized-by': { type: 'string' }, 'no-ocr': { type: 'boolean' } };

export function saveOptions(p: Parsed): { ocr: 'wait' | 'skip'; digitizedBy?: string } {
  const by = stringOption(p, 'digitized-by') ?? process.env.SOHOA_OPERATOR;
  return { ocr: p.values['no-ocr'] ? 'skip' : 'wait', ...(by ? { digitizedBy: by } : {}) };
}

/** Which option a contract field came from, to name it in an error. */
export const FIELD_FLAGS: Readonly<Record<string, string>> = {
  device: '--device',
  source: '--source',
  paper: '--preset/--size',
  dpi: '--dpi',
  mode: '--mode',
  pages: '--pages',
  path: '--out',
  paths: 'PATH',
  digitizedBy: '--digitized-by',
  id: 'DOC',
  ownerIdNumber: '--owner-id',
  dossierCode: '--dossier',
  status: '--status',
  level: '--level',
  format: '--format',
  tsaUrl: '--tsa',
  position: '--position',
  reason: '--reason',
  trust: '--trust',
  'key.path': '--p12',
  'key.module': '--pkcs11',
  'key.token': '--token',
  'key.certificateId': '--cert',
  module: '--pkcs11',
  from: '--from',
  to: '--to',
  ...Object.fromEntries(Object.entries(METADATA_OPTIONS).map(([flag, field]) => [`metadata.${field}`, `--${flag}`])),
};

export function badOption(flag: string, en: string, vi: string): StationError {
  return new StationError('invalid-input', { field: flag, detail: en, detail_vi: vi });
}

/** An option that takes a value, written without one (`sohoa scan --data-dir`). */
export function missingValue(flag: string): StationError {
  return badOption(flag, `${flag} needs a value`, `${flag} cần một giá trị đi kèm`);
}

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

export function parseCommandLine(argv: readonly string[], options: OptionSpec): Parsed {
  const all: OptionSpec = { ...GLOBAL_OPTIONS, ...options };
  // `--pages -1` means the value -1, not an option named -1: join it as --pages=-1 so that
  // the value is checked (and refused) with a message about --pages.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    const next = argv[i + 1];
    if (name && all[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      args.push(`${a}=${next}`);
      i++;
    } else args.push(a);
  }
  try {
    const { values, positionals } = parseArgs({ args, options: all, strict: true, allowPositionals: true });
    return { values: values as Parsed['values'], positionals };
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const flag = /'(-{1,2}[\w-]+)/.exec(text)?.[1] ?? 'arguments';
    // Node's words name its own syntax ("<value>", "ambiguous"): say plainly what is wrong.
    if (/argument missing|argument is ambiguous/.test(text)) throw missingValue(flag);
    if (/does not take an argument/.test(text)) throw badOption(flag, `${flag} takes no value`, `${flag} không đi kèm giá trị`);
    if (/Unknown option/.test(text)) throw badOption(flag, `${flag} is not an option of this command (see --help)`, `lệnh này không có tùy chọn ${flag} (xem --help)`);
    throw badOption(flag, text.split('\n')[0]!, `giá trị của ${flag} không hợp lệ`);
  }
}

export function stringOption(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A numeric option: absent stays undefined; anything that is not a number is refused. */
export function numberOption(p: Parsed, name: string): number | undefined {
  const v = stringOption(p, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw badOption(`--${name}`, `“${v}” is not a number`, `“${v}” không phải là số`);
  return n;
}

export function requireOption(p: Parsed, name: string): string {
  const v = stringOption(p, name);
  if (v === undefined || v === '') throw badOption(`--${name}`, `--${name} is required`, `cần có --${name}`);
  return v;
}

export function metadataOptions(p: Parsed): Record<string, string> {
  const m: Record<string, string> = {};
  for (const [flag, field] of Object.entries(METADATA_OPTIONS)) {
    const v = stringOption(p, flag);
    if (v !== undefined) m[field] = v;
  }
  return m;
}
