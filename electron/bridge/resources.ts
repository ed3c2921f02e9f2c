// What the UI loads besides the contract: the renderer's own files and page images by id.
// Shared by the Electron shell (app://sohoa/…) and browser mode (http://127.0.0.1:port/…), so
// the renderer uses the same relative URLs under both: /pages/<id>/thumb, /pages/<id>/image,
// /documents/<id>/pdf, and /pages/<id>/original (the review's "before").
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import sharp from 'sharp';
import type { Station } from '../core/station';
import { pageOriginal, screenPreview } from './page-original';

export interface Resource {
  /** The content: blobs are decrypted as they stream out. */
  open(): Readable;
  readonly contentType: string;
  /** Cached for good. A page's image can be replaced in place (background processing, hand
   * edits), so the renderer asks for page files with ?v=<image sha>: each URL names one image. */
  readonly immutable: boolean;
}

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

export function resolveResource(station: Station, rendererDir: string, pathname: string): Resource | null {
  const page = /^\/pages\/([0-9a-f-]{36})\/(thumb|image)$/.exec(pathname);
  if (page) {
    const blob = station.documents.pageBlob(page[1]!, page[2] as 'thumb' | 'image');
    if (!blob) return null;
    // TIFF, which no browser shows, is either a bilevel page stored as CCITT G4 (what the PDF
    // embeds; small, converted to PNG as it streams) or a raw capture not yet processed (tens to
    // hundreds of MB: sent as a screen-sized JPEG, never decoded whole in memory).
    if (blob.mediaType === 'image/tiff') {
      if (blob.bytes > G4_AS_PNG_UP_TO_BYTES) return { ...screenPreview(station, blob.sha256), immutable: true };
      return { open: () => station.blobs.read(blob.sha256).pipe(sharp().png({ compressionLevel: 1 })), contentType: 'image/png', immutable: true };
    }
    return { open: () => station.blobs.read(blob.sha256), contentType: blob.mediaType, immutable: true };
  }
  // The "before" of the page review (page-original.ts). Not immutable: a page's first hand edit
  // keeps its image as the original, and the renderer asks with ?v=<image sha> anyway.
  const before = /^\/pages\/([0-9a-f-]{36})\/original$/.exec(pathname);
  if (before) {
    const original = pageOriginal(station, before[1]!);
    return original && { ...original, immutable: false };
  }
  const pdf = /^\/documents\/([0-9a-f-]{36})\/pdf$/.exec(pathname);
  if (pdf) {
    const doc = station.documents.summary(pdf[1]!);
    if (!doc?.pdf) return null;
    station.audit.append('view', doc.id, { via: 'pdf' }); // a person opened the record
    const sha = doc.pdf.sha256;
    return { open: () => station.blobs.read(sha), contentType: 'application/pdf', immutable: true };
  }
  // The renderer's files; anything else is the single-page app's index.
  const decoded = decodeURIComponent(pathname);
  const file = normalize(join(rendererDir, decoded === '/' ? 'index.html' : decoded));
  if (!file.startsWith(rendererDir + sep) && file !== join(rendererDir, 'index.html')) return null;
  const target = existsSync(file) && statSync(file).isFile() ? file : join(rendererDir, 'index.html');
  if (!existsSync(target)) return null;
  return { open: () => createReadStream(target), contentType: TYPES[extname(target)] ?? 'application/octet-stream', immutable: false };
}
