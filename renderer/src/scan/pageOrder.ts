// The list of pages the scan screen shows, kept as the station has it: a page arriving at its seq
// (a rescan inserted before page k arrives with seq k, the pages from k on move one down), and a
// page replaced by what its background processing made of it (none, one, or a spread's two).
import type { PageInfo } from '../../../electron/contract';

export function withPageAt(pages: readonly PageInfo[], page: PageInfo): PageInfo[] {
  const rest = pages.filter((p) => p.id !== page.id);
  const at = Math.min(Math.max(0, page.seq - 1), rest.length);
  if (at === rest.length) return [...rest, page]; // the usual case: after the last page
  return [...rest.slice(0, at), page, ...rest.slice(at).map((p) => ({ ...p, seq: p.seq + 1 }))];
}

export function replacedBy(pages: readonly PageInfo[], pageId: string, replacement: readonly PageInfo[]): PageInfo[] {
  const at = pages.findIndex((p) => p.id === pageId);
  if (at < 0) return [...pages];
  return [...pages.slice(0, at), ...replacement, ...pages.slice(at + 1)].map((p, i) => (p.seq === i + 1 ? p : { ...p, seq: i + 1 }));
}
