// Values the indexing form can offer from a document's recognised text: its issue date, the
// owner's personal id number, a dossier code, the document's number. Each one only if the
// records layer's own rules accept it (contract/metadata.ts): a hint is never a value the form
// would refuse. The archivist confirms or overwrites every one.
import { DossierCode, type IndexEntries, IsoDate, OwnerIdNumber } from '../../contract';

const pad = (n: string) => n.padStart(2, '0');

/** "ngày 15 tháng 3 năm 2019", "15/03/2019", "15-3-2019" — the first that is a real date. */
function findDate(text: string): string | undefined {
  const candidates: string[] = [];
  for (const m of text.matchAll(/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/giu)) candidates.push(`${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}`);
  for (const m of text.matchAll(/\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/gu)) candidates.push(`${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}`);
  return candidates.find((c) => IsoDate.safeParse(c).success && c >= '1945-09-02');
}

function findIdNumber(text: string): string | undefined {
  for (const m of text.matchAll(/(?<!\d)(\d{12})(?!\d)/gu)) if (OwnerIdNumber.safeParse(m[1]).success) return m[1];
  return undefined;
}

function findDossierCode(text: string): string | undefined {
  for (const m of text.matchAll(/\b([A-Za-z0-9][A-Za-z0-9.]*-\d{6}-\d{1,6})\b/gu)) if (DossierCode.safeParse(m[1]).success) return m[1];
  return undefined;
}

/** "Số: 123/QĐ-UBND" — the number and sign of an administrative document. */
function findDocNumber(text: string): string | undefined {
  const m = /\bSố\s*[:.]?\s*(\d{1,6}\/[\p{L}\d.\-/]{1,40})/iu.exec(text);
  return m?.[1];
}

export function hintsFromText(text: string): IndexEntries {
  const normalised = text.normalize('NFC');
  const hints: IndexEntries = {};
  const issueDate = findDate(normalised);
  if (issueDate) hints.issueDate = issueDate;
  const ownerIdNumber = findIdNumber(normalised);
  if (ownerIdNumber) hints.ownerIdNumber = ownerIdNumber;
  const dossierCode = findDossierCode(normalised);
  if (dossierCode) hints.dossierCode = dossierCode;
  const docNumber = findDocNumber(normalised);
  if (docNumber) hints.docNumber = docNumber;
  return hints;
}
