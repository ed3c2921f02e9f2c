// eSCL documents as a tree of elements by *local* name: scanners disagree on namespace prefixes
// (pwg:, scan:, ns2:…), never on local names. Parsing is saxes' (a streaming, well-formedness
// checking parser that never expands DTD entities); this file only builds the small tree and
// keeps a scanner — or anything answering at its address — from making the station spend
// memory or time on a reply no scanner writes. eSCL replies are small, machine-written XML
// (ScannerCapabilities is the largest, tens of kB), so the caps below are far above any real one.
// Attributes are ignored: eSCL carries no data in them.
import { SaxesParser } from 'saxes';
import { StationError } from '../../errors';

export interface XmlElement {
  /** Local name, without its namespace prefix. */
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

/** What an eSCL reply may be: bytes of the document, nesting, elements. */
export const XML_LIMITS = {
  bytes: 1024 * 1024,
  depth: 32,
  elements: 20_000,
} as const;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** A reply the station refuses: malformed, or beyond XML_LIMITS. */
function refused(device: string, detail: string, detail_vi: string): StationError {
  return new StationError('scanner-reply-refused', { device, detail, detail_vi });
}

/** Parses a document into its root element, in time linear in its size. Throws
 * `scanner-reply-refused` (naming `device`) on markup that is not well-formed, a DOCTYPE, or a
 * document beyond XML_LIMITS; each cap is checked as the parser reaches it, so a hostile reply
 * costs no more than the bytes read so far. */
export function parseXml(xml: string, device = 'eSCL'): XmlElement {
  // Bytes, not UTF-16 units: the cap is the one the HTTP layer applies to the reply's body.
  const bytes = Buffer.byteLength(xml);
  if (bytes > XML_LIMITS.bytes) throw refused(device, `${bytes} bytes of XML, more than the ${XML_LIMITS.bytes} accepted`, `${bytes} byte XML, quá mức ${XML_LIMITS.bytes} byte`);
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  let elements = 0;
  // Plain names (no namespace processing): the reader keys on local names, and a scanner that
  // forgets to declare a prefix is still understood, as it was before.
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('doctype', () => {
    // eSCL has no DTD; refusing it outright keeps entity declarations out of the question.
    throw refused(device, 'a DOCTYPE in an eSCL reply', 'phản hồi eSCL có DOCTYPE');
  });
  parser.on('opentag', (tag) => {
    if (++elements > XML_LIMITS.elements) throw refused(device, `more than ${XML_LIMITS.elements} elements`, `hơn ${XML_LIMITS.elements} phần tử XML`);
    if (stack.length > XML_LIMITS.depth) throw refused(device, `elements nested deeper than ${XML_LIMITS.depth}`, `phần tử XML lồng sâu hơn ${XML_LIMITS.depth} cấp`);
    const el: XmlElement = { name: localName(tag.name), children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (t: string) => {
    stack[stack.length - 1]!.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof StationError) throw e;
    throw refused(device, `not well-formed XML (${(e as Error).message})`, `XML sai cấu trúc (${(e as Error).message})`);
  }
  if (root.children.length !== 1) throw refused(device, 'not one root element', 'XML không có đúng một phần tử gốc');
  return root.children[0]!;
}

/** The first direct child with this local name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Every direct child with this local name. */
export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el?.children.filter((c) => c.name === name) ?? [];
}

/** Every descendant with this local name, in document order. */
export function descendants(el: XmlElement | undefined, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  if (el) walk(el);
  return out;
}

/** Trimmed text of the element at a path of local names, or undefined. */
export function textAt(el: XmlElement | undefined, ...path: string[]): string | undefined {
  let cur = el;
  for (const p of path) cur = child(cur, p);
  const t = cur?.text.trim();
  return t === undefined || t === '' ? undefined : t;
}

export function numberAt(el: XmlElement | undefined, ...path: string[]): number | undefined {
  const t = textAt(el, ...path);
  const n = t === undefined ? NaN : Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Escapes text for an element's content. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${Object.entries(ENTITIES).find(([, v]) => v === c)![0]};`);
}
