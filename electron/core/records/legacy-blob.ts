// Reading a blob file of format 1 ("SOHOAE1\n" | salt (16) | iv (12) | ciphertext | tag (16)), as
// stations wrote them before blob-cipher.ts's chunked format: one GCM tag for the whole file, at
// its end. Such a file is read twice, on one descriptor, in bounded memory:
//   1. decrypted to nowhere, to check the tag (and that the content still hashes to the blob's
//      name), noting the SHA-256 of each 1 MiB segment of ciphertext as it passes;
//   2. decrypted again, each segment released only if its ciphertext is the one the first pass
//      checked — so a file changed between the passes is refused, not half-delivered.
// Nothing leaves before the whole file has been vouched for. New files are never written so.
import { createDecipheriv, createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { type BlobCipher, BlobRefused, readAt } from './blob-cipher';

export const LEGACY_MAGIC = Buffer.from('SOHOAE1\n', 'latin1');
const SALT = 16;
const IV = 12;
const TAG = 16;
const HEADER = LEGACY_MAGIC.length + SALT + IV;
const SEGMENT = 1 << 20;

export async function* openLegacy(cipher: BlobCipher, file: FileHandle, sha256: string, start = 0, end = Number.POSITIVE_INFINITY): AsyncGenerator<Buffer> {
  const size = (await file.stat()).size;
  if (size < HEADER + TAG) throw new BlobRefused('the file is shorter than its header and tag');
  const header = await readAt(file, HEADER, 0);
  const key = cipher.fileKey(header.subarray(LEGACY_MAGIC.length, LEGACY_MAGIC.length + SALT), 'sohoa blob v1');
  const iv = header.subarray(LEGACY_MAGIC.length + SALT);
  const tag = await readAt(file, TAG, size - TAG);
  const bodyEnd = size - TAG;
  const segments = async function* () {
    for (let at = HEADER; at < bodyEnd; at += SEGMENT) {
      const seg = await readAt(file, Math.min(SEGMENT, bodyEnd - at), at);
      if (seg.length !== Math.min(SEGMENT, bodyEnd - at)) throw new BlobRefused('the file was cut short while it was read');
      yield seg;
    }
  };
  const digest = (b: Buffer) => createHash('sha256').update(b).digest();

  // 1. The whole file's tag, and its content's name, before anything is released.
  const checked: Buffer[] = [];
  const content = createHash('sha256');
  const first = createDecipheriv('aes-256-gcm', key, iv);
  first.setAuthTag(tag);
  for await (const seg of segments()) {
    checked.push(digest(seg));
    content.update(first.update(seg));
  }
  try {
    content.update(first.final());
  } catch {
    throw new BlobRefused('the encrypted file was changed or cut short (its authentication tag does not match)');
  }
  if (content.digest('hex') !== sha256) throw new BlobRefused('the file holds another blob than the one named');

  // 2. The same bytes again, each segment only if it is the one checked.
  const second = createDecipheriv('aes-256-gcm', key, iv);
  let i = 0;
  let at = 0;
  for await (const seg of segments()) {
    if (!checked[i]?.equals(digest(seg))) throw new BlobRefused('the file changed while it was read');
    i++;
    const plain = second.update(seg);
    const from = Math.max(0, start - at);
    const to = Math.min(plain.length, end - at);
    at += plain.length;
    if (to > from) yield plain.subarray(from, to);
    if (at >= end) return;
  }
}
