// What the UI loads besides the contract: the renderer's own files, and page images and PDFs by
// id. Shared by the Electron shell (app://sohoa/…) and browser mode (http://127.0.0.1:port/…), so
// the renderer uses the same relative URLs under both: /pages/<id>/thumb, /pages/<id>/image,
// /documents/<id>/pdf, and /pages/<id>/original (the review's "before").
//
// A page or a PDF is a record: it is served only to a session that may act now (signed in,
// unlocked), named by the session's file key in the URL (`?k=`, auth/session.ts), and only if the
// row rules let that person read it (contract/policy.ts FILE_ROUTES) — anything else answers
// exactly as an id that does not exist. Never cached: a decrypted record must not land in the
// browser's disk cache.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import sharp from 'sharp';
import { FILE_ROUTES, type FileRoute, inAudience } from '../contract';
import { checkRows } from '../core/auth/admission';
import { withCaller } from '../core/auth/caller';
import { isStationError } from '../core/errors';
import type { Station } from '../core/station';
import { pageOriginal, screenPreview } from './page-original';

export interface Resource {
  /** The content: blobs are decrypted as they stream out. */
  open(): Readable;
  readonly contentType: string;
  /** A citizen's record (page, PDF): `Cache-Control: no-store`. The renderer's own files may be
   * kept, revalidated each time. */
  readonly personal: boolean;
}

export type Resolution = { readonly status: 200; readonly resource: Resource } | { readonly status: 400 | 404 };

/** A CCITT G4 page is a few hundred KB; a raw capture starts in the megabytes. */
const G4_AS_PNG_UP_TO_BYTES = 8 * 1024 * 1024;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

/** The Content-Security-Policy of every UI page, under both shells. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers of an answer, under both shells. */
export function resourceHeaders(resource: Resource): Record<string, string> {
  return {
    'content-type': resource.contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': resource.personal ? 'no-store' : 'no-cache',
  };
}

const ROUTES: readonly { pattern: RegExp; route: FileRoute }[] = [
  { pattern: /^\/pages\/([0-9a-f-]{36})\/thumb$/, route: '/pages/:id/thumb' },
  { pattern: /^\/pages\/([0-9a-f-]{36})\/image$/, route: '/pages/:id/image' },
  { pattern: /^\/pages\/([0-9a-f-]{36})\/original$/, route: '/pages/:id/original' },
  { pattern: /^\/documents\/([0-9a-f-]{36})\/pdf$/, route: '/documents/:id/pdf' },
];

/** `pathname` as the request gave it (still percent-encoded); `fileKey` from its `k` parameter. */
export function resolveResource(station: Station, rendererDir: string, pathname: string, fileKey: string | null): Resolution {
  for (const { pattern, route } of ROUTES) {
    const match = pattern.exec(pathname);
    if (match) return personal(station, route, match[1]!, fileKey);
  }
  return rendererFile(rendererDir, pathname);
}

function personal(station: Station, route: FileRoute, id: string, fileKey: string | null): Resolution {
  const caller = fileKey ? station.auth.fileCaller(fileKey) : null;
  const policy = FILE_ROUTES[route];
  if (!caller || !inAudience(caller.role, policy.audience)) return { status: 404 };
  try {
    const resource = withCaller(caller, () => {
      checkRows(policy, { id }, caller, station);
      return open(station, route, id);
    });
    return resource ? { status: 200, resource } : { status: 404 };
  } catch (e) {
    if (isStationError(e)) return { status: 404 };
    throw e;
  }
}

/** The resource itself, read in the caller's scope (the repositories apply their row rules too). */
function open(station: Station, route: FileRoute, id: string): Resource | null {
  if (route === '/documents/:id/pdf') {
    const doc = station.documents.summary(id);
    if (!doc?.pdf) return null;
    station.audit.append('view', doc.id, { via: 'pdf' }); // a person opened the record: the caller
    const sha = doc.pdf.sha256;
    return { open: () => station.blobs.read(sha), contentType: 'application/pdf', personal: true };
  }
  if (route === '/pages/:id/original') {
    // The "before" of the page review (page-original.ts).
    const original = pageOriginal(station, id);
    return original && { ...original, personal: true };
  }
  const blob = station.documents.pageBlob(id, route === '/pages/:id/thumb' ? 'thumb' : 'image');
  if (!blob) return null;
  // TIFF, which no browser shows, is either a bilevel page stored as CCITT G4 (what the PDF
  // embeds; small, converted to PNG as it streams) or a raw capture not yet processed (tens to
  // hundreds of MB: sent as a screen-sized JPEG, never decoded whole in memory).
  if (blob.mediaType === 'image/tiff') {
    if (blob.bytes > G4_AS_PNG_UP_TO_BYTES) return { ...screenPreview(station, blob.sha256), personal: true };
    return { open: () => station.blobs.read(blob.sha256).pipe(sharp().png({ compressionLevel: 1 })), contentType: 'image/png', personal: true };
  }
  return { open: () => station.blobs.read(blob.sha256), contentType: blob.mediaType, personal: true };
}

/** The renderer's files; anything else is the single-page app's index. A path that does not
 * decode is a bad request, never a thrown error. */
function rendererFile(rendererDir: string, pathname: string): Resolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0')) return { status: 400 };
  const file = normalize(join(rendererDir, decoded === '/' ? 'index.html' : decoded));
  if (!file.startsWith(rendererDir + sep) && file !== join(rendererDir, 'index.html')) return { status: 404 };
  const target = existsSync(file) && statSync(file).isFile() ? file : join(rendererDir, 'index.html');
  if (!existsSync(target)) return { status: 404 };
  return { status: 200, resource: { open: () => createReadStream(target), contentType: TYPES[extname(target)] ?? 'application/octet-stream', personal: false } };
}
