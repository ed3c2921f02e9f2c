// Encryption at rest of the blob files (page images, PDFs, text-layer words): AES-256-GCM in
// chunks, so that no byte of plaintext leaves the process before the tags that vouch for it have
// been checked — however large the file (an A0 raw capture is 420 MB), in bounded memory.
//
// Keys: one random 256-bit data key per station, kept in the database only wrapped by the station
// key (station-key.ts). Each file gets its own key, derived with HKDF-SHA256 from the data key and
// a random salt in the file's header: nothing about a file's key needs a database row, so a blob
// is durable (and readable) before the row that names it commits, and two files never share a key.
//
// Why chunks (format 2, "SOHOAE2"): format 1 had one GCM tag at the end of the file, and its
// reader streamed decrypted bytes out before it reached the tag — GCM is a stream cipher, so a
// flipped ciphertext bit flipped the same plaintext bit, found only after the bytes were used. A
// tag per chunk (the STREAM construction) bounds what must be held to check a tag to one chunk:
//
//   header  "SOHOAE2\n" | salt (16) | plaintext bytes (u64 BE) | content SHA-256 (32) | tag (16)
//   chunks  ciphertext (64 KiB; the last one 0..64 KiB) | tag (16), for each chunk in order
//
// - Each chunk's nonce holds its index and whether it is the last: a chunk moved elsewhere in the
//   file (swapped, repeated, dropped) or a file cut at a chunk boundary does not open.
// - The key is the file's own (its salt): a chunk taken from another blob does not open.
// - The header's tag (GCM over no plaintext, the header as associated data, a nonce no chunk uses)
//   vouches for the size and for the SHA-256 the blob is named by: a truncated or extended file, or
//   another blob's file put under this name, is refused on the header alone. The header is written
//   last (its place kept at the start): the content's hash and size are known only at the end.
//
// Reading is two passes over one open descriptor: first every tag is checked (nothing released),
// then the chunks are decrypted again and each is released only once its tag has been checked
// again. So a file changed anywhere is refused before the consumer gets one byte; one changed
// while it is being read (between the passes) is refused at the changed chunk, after only genuine
// bytes. The price is reading the file twice (the second time mostly from the page cache); what
// it buys is that no consumer — an HTTP response, a tool reading a temporary copy — ever starts on
// a blob that is not whole, and an error can still be answered as an error.
//
// Format 1 files (written before this one) stay readable through legacy-blob.ts, also verify-first.
// A file with no magic is plaintext from before encryption existed: only the one-time seal pass
// (sealing.ts) reads it, to encrypt it; every other read refuses it.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

export const MAGIC = Buffer.from('SOHOAE2\n', 'latin1');
export const MAGIC_BYTES = 8;
const SALT = 16;
const TAG = 16;
const SHA = 32;
/** Plaintext bytes per chunk. */
export const CHUNK = 64 * 1024;
/** Chunks read from disk at once (1 MiB): fewer system calls, memory still bounded. */
const READ_CHUNKS = 16;
const SIZE_AT = MAGIC.length + SALT;
const SHA_AT = SIZE_AT + 8;
const TAG_AT = SHA_AT + SHA;
export const HEADER_BYTES = TAG_AT + TAG;

type NonceKind = 'chunk' | 'last chunk' | 'header';
const KIND_BYTE: Record<NonceKind, number> = { chunk: 0, 'last chunk': 1, header: 2 };

/** 12 bytes: what the nonce is for, then the chunk's index (the header's is 0). */
function nonce(kind: NonceKind, index: number): Buffer {
  const n = Buffer.alloc(12);
  n[0] = KIND_BYTE[kind];
  n.writeBigUInt64BE(BigInt(index), 4);
  return n;
}

/** Chunks a file of this many plaintext bytes has (an empty file: one empty last chunk). */
export const chunkCount = (bytes: number) => Math.max(1, Math.ceil(bytes / CHUNK));
/** The file's size on disk for this many plaintext bytes. */
export const sealedSize = (bytes: number) => HEADER_BYTES + bytes + chunkCount(bytes) * TAG;

export interface BlobSealer {
  /** Bytes to leave at the start of the file for the header, written last. */
  readonly headerBytes: number;
  /** Ciphertext ready to append (whole chunks; the last one is held back until final). The input
   * is not kept: a caller may reuse its buffer (raw-capture.ts does). */
  update(plain: Uint8Array): Buffer[];
  /** The last chunk to append, and the header to write at offset 0. */
  final(content: { sha256: string; bytes: number }): { tail: Buffer[]; header: Buffer };
}

/** Why a file was refused; blob-store.ts turns it into `file-corrupt`. */
export class BlobRefused extends Error {}

export class BlobCipher {
  constructor(private readonly dataKey: Buffer) {
    if (dataKey.length !== 32) throw new Error('the data key must be 256 bits');
  }

  /** The key of one file of the given format ('sohoa blob v1' for legacy-blob.ts). */
  fileKey(salt: Buffer, info: 'sohoa blob v1' | 'sohoa blob v2' = 'sohoa blob v2'): Buffer {
    return Buffer.from(hkdfSync('sha256', this.dataKey, salt, info, 32));
  }

  sealer(): BlobSealer {
    const salt = randomBytes(SALT);
    const key = this.fileKey(salt);
    // One chunk's worth, reused: a chunk is sealed only once more input follows it (the last one
    // must be sealed as the last), and nothing the caller passed is kept.
    const pending = Buffer.allocUnsafe(CHUNK);
    let filled = 0;
    let index = 0;
    const seal = (kind: NonceKind, plain: Buffer): Buffer[] => {
      const c = createCipheriv('aes-256-gcm', key, nonce(kind, index++)).setAAD(MAGIC);
      const body = c.update(plain);
      const rest = c.final(); // empty for GCM
      return rest.length > 0 ? [body, rest, c.getAuthTag()] : [body, c.getAuthTag()];
    };
    return {
      headerBytes: HEADER_BYTES,
      update(plain) {
        const out: Buffer[] = [];
        for (let at = 0; at < plain.byteLength; ) {
          if (filled === CHUNK) {
            out.push(...seal('chunk', pending));
            filled = 0;
          }
          const n = Math.min(CHUNK - filled, plain.byteLength - at);
          pending.set(plain.subarray(at, at + n), filled);
          filled += n;
          at += n;
        }
        return out;
      },
      final({ sha256, bytes }) {
        const tail = seal('last chunk', pending.subarray(0, filled));
        const header = Buffer.alloc(HEADER_BYTES);
        MAGIC.copy(header, 0);
        salt.copy(header, MAGIC.length);
        header.writeBigUInt64BE(BigInt(bytes), SIZE_AT);
        Buffer.from(sha256, 'hex').copy(header, SHA_AT);
        const c = createCipheriv('aes-256-gcm', key, nonce('header', 0)).setAAD(header.subarray(0, TAG_AT));
        c.final();
        c.getAuthTag().copy(header, TAG_AT);
        return { tail, header };
      },
    };
  }

  /** The plaintext of a format 2 file, bytes [start, end), in chunks: released only after every
   * tag of the file has been checked, each chunk checked again as it goes (see above). */
  async *open(file: FileHandle, sha256: string, start = 0, end = Number.POSITIVE_INFINITY): AsyncGenerator<Buffer> {
    const layout = await this.header(file, sha256);
    for await (const _ of this.chunks(file, layout, 0, layout.chunks));
    const first = Math.floor(Math.max(0, start) / CHUNK);
    const last = Math.min(layout.chunks, Math.ceil(end / CHUNK));
    let i = first;
    for await (const plain of this.chunks(file, layout, first, last)) {
      const from = Math.max(0, start - i * CHUNK);
      const to = Math.min(plain.length, end - i * CHUNK);
      i++;
      if (to > from) yield from === 0 && to === plain.length ? plain : plain.subarray(from, to);
    }
  }

  /** The header, checked: its tag, the blob's name, and the file's size against the size it
   * vouches for. */
  private async header(file: FileHandle, sha256: string): Promise<Layout> {
    const size = (await file.stat()).size;
    const header = await readAt(file, HEADER_BYTES, 0);
    if (header.length < HEADER_BYTES) throw new BlobRefused('the file is shorter than its header');
    const key = this.fileKey(header.subarray(MAGIC.length, SIZE_AT));
    try {
      const d = createDecipheriv('aes-256-gcm', key, nonce('header', 0)).setAAD(header.subarray(0, TAG_AT));
      d.setAuthTag(header.subarray(TAG_AT));
      d.final();
    } catch {
      throw new BlobRefused('its header was changed, or it was not written by this station');
    }
    if (header.subarray(SHA_AT, TAG_AT).toString('hex') !== sha256) throw new BlobRefused('the file holds another blob than the one named');
    const bytes = Number(header.readBigUInt64BE(SIZE_AT));
    if (size !== sealedSize(bytes)) throw new BlobRefused(size < sealedSize(bytes) ? 'the file was cut short' : 'bytes were added to the file');
    return { key, bytes, chunks: chunkCount(bytes) };
  }

  /** Chunks [from, to) as plaintext, each once its tag is checked; read from disk a few at a time. */
  private async *chunks(file: FileHandle, { key, bytes, chunks }: Layout, from: number, to: number): AsyncGenerator<Buffer> {
    const sealedChunk = CHUNK + TAG;
    for (let i = from; i < to; ) {
      const n = Math.min(READ_CHUNKS, to - i);
      const want = Math.min(n * sealedChunk, sealedSize(bytes) - HEADER_BYTES - i * sealedChunk);
      const window = await readAt(file, want, HEADER_BYTES + i * sealedChunk);
      if (window.length !== want) throw new BlobRefused('the file was cut short while it was read');
      for (let at = 0; at < window.length; at += sealedChunk, i++) {
        const sealed = window.subarray(at, Math.min(window.length, at + sealedChunk));
        const plainBytes = sealed.length - TAG;
        let plain: Buffer;
        try {
          const d = createDecipheriv('aes-256-gcm', key, nonce(i === chunks - 1 ? 'last chunk' : 'chunk', i)).setAAD(MAGIC);
          d.setAuthTag(sealed.subarray(plainBytes));
          const body = d.update(sealed.subarray(0, plainBytes));
          const rest = d.final(); // checks the tag; empty for GCM
          plain = rest.length > 0 ? Buffer.concat([body, rest]) : body;
        } catch {
          throw new BlobRefused(`chunk ${i + 1} of ${chunks} was changed, moved or taken from another file (its tag does not match)`);
        }
        yield plain;
      }
    }
  }
}

interface Layout {
  readonly key: Buffer;
  readonly bytes: number;
  readonly chunks: number;
}

/** Up to `length` bytes at `position` (fewer only at the end of the file). */
export async function readAt(file: FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await file.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}
