// Pieces several commands share: checking an --out target up front, driver options, and how a
// document reads for a person.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { DocumentDetail, DocumentSummary } from '../../contract';
import { type Parsed, badOption } from '../args';
import type { Output } from '../output';

/** Refuses an --out whose folder is missing or not writable before any work is done. */
export async function checkOutputTarget(path: string): Promise<void> {
  const target = resolve(path);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) throw badOption('--out', `${target} is a folder; give a file name`, `${target} là thư mục; hãy cho tên tệp`);
  try {
    await access(dirname(target), constants.W_OK);
  } catch {
    throw badOption('--out', `the folder ${dirname(target)} does not exist or is not writable`, `thư mục ${dirname(target)} không tồn tại hoặc không ghi được`);
  }
}

/** --driver-option NAME=VALUE (repeatable): numbers and true/false keep their type. */
export function driverOptions(p: Parsed): Record<string, string | number | boolean> | undefined {
  const raw = p.values['driver-option'];
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const options: Record<string, string | number | boolean> = {};
  for (const item of raw) {
    const eq = item.indexOf('=');
    if (eq < 1) throw badOption('--driver-option', `“${item}” is not NAME=VALUE`, `“${item}” không có dạng TÊN=GIÁ_TRỊ`);
    const value = item.slice(eq + 1);
    options[item.slice(0, eq)] = value === 'true' ? true : value === 'false' ? false : value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return options;
}

export function shortId(id: string): string {
  return id.slice(0, 13);
}

export function statusText(out: Output, doc: DocumentSummary): string {
  return out.t(doc.status === 'ready' ? 'statusReady' : 'statusDraft');
}

export function titleOf(doc: DocumentSummary): string {
  return [doc.metadata.title, doc.metadata.dossierCode].filter(Boolean).join(' · ') || '—';
}

export function describeDocument(out: Output, doc: DocumentDetail): string[] {
  const m = doc.metadata;
  const field = (key: Parameters<Output['t']>[0], value: string | null) => (value ? [`  ${out.t(key)}: ${value}`] : []);
  return [
    `${out.t('document')} ${doc.id} (${statusText(out, doc)})`,
    ...field('fieldTitle', m.title),
    ...field('fieldDossier', m.dossierCode),
    ...field('fieldDocNumber', m.docNumber),
    ...field('fieldOwner', [m.ownerName, m.ownerIdNumber].filter(Boolean).join(' — ') || null),
    ...field('fieldOrigin', doc.origin),
    ...field('fieldCreated', doc.createdAt),
    ...field('fieldConverted', doc.digitizedAt ? `${doc.digitizedAt} — ${doc.digitizedBy ?? ''}` : null),
    ...field('fieldOcr', doc.status === 'ready' ? doc.ocr : null),
    `  PDF: ${doc.pdf ? `${doc.pdf.bytes} B, SHA-256 ${doc.pdf.sha256}` : out.t('pdfNone')}`,
    ...(doc.signatures.length
      ? [`  ${out.t('fieldSignatures')}:`, ...doc.signatures.map((g) => `    ${g.seq}. ${g.signer} — ${g.signedAt} — ${g.level} (${g.subFilter}) — ${g.issuer}, ${out.t('fieldSerial')} ${g.serial}`)]
      : []),
    `  ${out.t('fieldPages')}:`,
    ...doc.pages.map((p) => `    ${String(p.seq).padStart(3)}  ${p.widthPx}×${p.heightPx} px  ${p.dpi} dpi  ${p.mode.padEnd(5)}  ${p.bytes} B  ${p.sha256}`),
  ];
}
