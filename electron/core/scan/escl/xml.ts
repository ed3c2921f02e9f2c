// A minimal XML reader for eSCL documents. eSCL replies are small, flat, machine-written XML
// (ScannerCapabilities is the largest, a few kB), so a tree of elements by *local* name is all
// the client needs: scanners disagree on namespace prefixes (pwg:, scan:, ns2:…), never on local
// names. Not a general parser: no DTDs, and attributes are ignored (eSCL carries no data in them).

export interface XmlElement {
  /** Local name, without its namespace prefix. */
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** Parses a document into its root element; throws on markup that does not nest. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([^\s/>]+)[^>]*?(\/?)>|([^<]+)/g;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[5] !== undefined) top.text += decode(m[5]);
    else if (m[3] !== undefined) {
      const name = localName(m[3]);
      if (m[2] === '/') {
        if (top.name !== name || stack.length === 1) throw new Error(`XML: unexpected </${m[3]}>`);
        stack.pop();
      } else {
        const el: XmlElement = { name, children: [], text: '' };
        top.children.push(el);
        if (m[4] !== '/') stack.push(el);
      }
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('XML: not one well-formed root element');
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
