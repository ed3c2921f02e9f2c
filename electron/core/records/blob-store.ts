// The content-addressed file store: every page image, thumbnail and PDF is a file named by the
// SHA-256 of its content (blobs/ab/cd/abcd…), holding that content encrypted (blob-cipher.ts),
// readable by this OS account only (files 0600, folders 0700). A file is written to a temporary
// name, fsynced, then renamed into place, so a name always holds complete content. Each write is
// recorded first in this process's intent list, so that a blob whose database row never committed
// (a crash between the two) is found and removed by the next start-up sweep without walking the
// whole store.
import { createHash } from 'node:crypto';
import { appendFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { type FileHandle, appendFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type BlobCipher, BlobRefused, CHUNK, MAGIC, MAGIC_BYTES, readAt } from './blob-cipher';
import { LEGACY_MAGIC, openLegacy } from './legacy-blob';
import { StationError, errorMessage } from '../errors';
import { uuidv7 } from '../ids';

export interface StoredBlob {
  readonly sha256: string;
  readonly bytes: number;
}

export const INTENTS_FILE = 'blob-intents';
/** Drafts an import is making: discarded by the sweep if their process died (housekeeping.ts). */
export const DRAFT_INTENTS_FILE = 'draft-intents';

export class BlobStore {
  constructor(
    readonly root: string,
    /** This process's own temporary folder (tmp/<pid>). */
    private readonly tmpDir: string,
    /** Encryption at rest (blob-cipher.ts); null only for tools that copy files as they are. */
    private readonly cipher: BlobCipher | null = null,
  ) {}

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** The blob's content, decrypted: each chunk released only once its tag is checked
   * (blob-cipher.ts). A changed, cut, moved or substituted file fails the stream with
   * `file-corrupt`; a file in the clear with `blob-not-sealed` (sealing.ts encrypts those once). */
  read(sha256: string): Readable {
    return this.readPart(sha256, 0, Number.POSITIVE_INFINITY);
  }

  /** Bytes [start, end) of the content (a resumed upload): from the chunk that holds `start`. */
  readRange(sha256: string, start: number, end: number): Readable {
    return this.readPart(sha256, start, end);
  }

  private readPart(sha256: string, start: number, end: number): Readable {
    const path = this.pathOf(sha256);
    const cipher = this.cipher;
    if (!cipher) return createReadStream(path, { start, ...(Number.isFinite(end) ? { end: end - 1 } : {}), highWaterMark: 1 << 20 });
    async function* plaintext(): AsyncGenerator<Buffer> {
      const file = await open(path, 'r');
      try {
        const magic = await readAt(file, MAGIC_BYTES, 0);
        const body = magic.equals(MAGIC) ? cipher!.open(file, sha256, start, end) : magic.equals(LEGACY_MAGIC) ? openLegacy(cipher!, file, sha256, start, end) : null;
        if (!body) throw new StationError('blob-not-sealed', { path });
        try {
          yield* body;
        } catch (e) {
          if (e instanceof BlobRefused) throw new StationError('file-corrupt', { path, detail: e.message }, { cause: e });
          throw e;
        }
      } finally {
        await file.close();
      }
    }
    return Readable.from(plaintext(), { objectMode: false, highWaterMark: CHUNK });
  }

  async readBuffer(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.read(sha256)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** A plaintext file of the blob for tools that need a path (tesseract, the PDF assembler),
   * in this process's tmp folder (swept if the process dies); call done() when finished. */
  async materialise(sha256: string): Promise<{ path: string; done: () => Promise<void> }> {
    if (!this.cipher) return { path: this.pathOf(sha256), done: async () => {} };
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    const path = join(this.tmpDir, `${uuidv7()}.plain`);
    try {
      await pipeline(this.read(sha256), createWriteStream(path, { mode: 0o600 }));
    } catch (e) {
      await rm(path, { force: true });
      if (e instanceof StationError) throw e;
      throw new StationError('file-corrupt', { path: this.pathOf(sha256), detail: errorMessage(e) }, { cause: e });
    }
    return { path, done: () => rm(path, { force: true }) };
  }

  /** Writes everything the source yields; returns its hash and size once it is durable.
   * A failure of the source itself (an undecodable image) is rethrown as it is; a failure to
   * write becomes `store-io`. Either way no partial file remains. */
  async write(source: AsyncIterable<Uint8Array> | Uint8Array): Promise<StoredBlob> {
    const { tmp, sha256, bytes } = await this.writeTemporary(source);
    try {
      const final = this.pathOf(sha256);
      await appendFile(join(this.tmpDir, INTENTS_FILE), `${sha256}\n`);
      if (existsSync(final)) {
        await rm(tmp); // same content already stored
      } else {
        await mkdir(dirname(final), { recursive: true, mode: 0o700 });
        await rename(tmp, final);
        await syncDirectory(dirname(final));
      }
      return { sha256, bytes };
    } catch (e) {
      await rm(tmp, { force: true });
      throw new StationError('store-io', { detail: errorMessage(e) }, { cause: e });
    }
  }

  /** The one-time seal pass (sealing.ts), and the only reader of a blob in the clear: a file
   * written before encryption existed is encrypted in place — if it still hashes to its name, so
   * that the key never vouches for bytes that were changed while they lay in the clear. */
  async sealPlaintext(sha256: string): Promise<'sealed' | 'already' | 'missing' | 'damaged'> {
    if (!this.cipher) return 'already';
    const path = this.pathOf(sha256);
    let file: FileHandle;
    try {
      file = await open(path, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw new StationError('store-io', { detail: errorMessage(e) }, { cause: e });
    }
    let sealed: { tmp: string; sha256: string };
    try {
      const magic = await readAt(file, MAGIC_BYTES, 0);
      if (magic.equals(MAGIC) || magic.equals(LEGACY_MAGIC)) return 'already';
      // One descriptor throughout: another process sealing the same file meanwhile renames its
      // copy over the name, and this one still reads the plaintext it began with.
      sealed = await this.writeTemporary(
        (async function* () {
          for (let at = 0; ; ) {
            const piece = await readAt(file, 1 << 20, at);
            if (piece.length === 0) return;
            at += piece.length;
            yield piece;
          }
        })(),
      );
    } finally {
      await file.close();
    }
    try {
      if (sealed.sha256 !== sha256) {
        await rm(sealed.tmp);
        return 'damaged';
      }
      await rename(sealed.tmp, path);
      await syncDirectory(dirname(path));
      return 'sealed';
    } catch (e) {
      await rm(sealed.tmp, { force: true });
      throw new StationError('store-io', { detail: errorMessage(e) }, { cause: e });
    }
  }

  /** The source, encrypted, in a new fsynced file of this process's tmp folder. */
  private async writeTemporary(source: AsyncIterable<Uint8Array> | Uint8Array): Promise<{ tmp: string; sha256: string; bytes: number }> {
    const tmp = join(this.tmpDir, `${uuidv7()}.part`);
    const hash = createHash('sha256');
    let bytes = 0;
    let sourceFailed = false;
    try {
      await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
      const fh = await open(tmp, 'wx', 0o600);
      try {
        // Errors of the source surface through this generator; errors of the loop body do not.
        async function* guarded(): AsyncGenerator<Uint8Array> {
          try {
            yield* source instanceof Uint8Array ? [source] : source;
          } catch (e) {
            sourceFailed = true;
            throw e;
          }
        }
        // The name is the hash of the content; the file holds it encrypted, its header last.
        const seal = this.cipher?.sealer() ?? null;
        if (seal) await fh.write(Buffer.alloc(seal.headerBytes));
        for await (const chunk of guarded()) {
          hash.update(chunk);
          bytes += chunk.byteLength;
          if (!seal) await fh.write(chunk);
          else {
            const sealed = seal.update(chunk);
            if (sealed.length > 0) await fh.writev(sealed);
          }
        }
        const sha256 = hash.digest('hex');
        if (seal) {
          const { tail, header } = seal.final({ sha256, bytes });
          await fh.writev(tail);
          await fh.write(header, 0, header.length, 0);
        }
        await fh.sync();
        return { tmp, sha256, bytes };
      } finally {
        await fh.close();
      }
    } catch (e) {
      await rm(tmp, { force: true });
      if (sourceFailed || e instanceof StationError) throw e;
      throw new StationError('store-io', { detail: errorMessage(e) }, { cause: e });
    }
  }

  /** Notes a draft this process makes and must finish or discard itself. */
  noteDraft(documentId: string): void {
    mkdirSync(this.tmpDir, { recursive: true, mode: 0o700 });
    appendFileSync(join(this.tmpDir, DRAFT_INTENTS_FILE), `${documentId}\n`);
  }

  /** Before a transaction that may drop these blobs' rows: note them in this process's intent
   * list, so that if the process dies after the commit and before `removeUnlisted`, the next
   * start-up sweep removes the files (it removes listed blobs that have no row). */
  noteRemoval(sha256s: readonly string[]): void {
    if (sha256s.length === 0) return;
    mkdirSync(this.tmpDir, { recursive: true, mode: 0o700 });
    appendFileSync(join(this.tmpDir, INTENTS_FILE), sha256s.map((s) => `${s}\n`).join(''));
  }

  /** Removes one blob's file (its row says it was purged). */
  removeFile(sha256: string): void {
    rmSync(this.pathOf(sha256), { force: true });
  }

  /** Removes the files of blobs whose rows are gone (after the transaction that removed them). */
  removeUnlisted(sha256s: readonly string[], listed: (sha256: string) => boolean): number {
    let removed = 0;
    for (const sha of sha256s) {
      if (listed(sha)) continue;
      rmSync(this.pathOf(sha), { force: true });
      removed++;
    }
    return removed;
  }

  /** A blob's whole content, checked against its name (work that rewrites a file — signing —
   * must start from exactly the bytes the store vouches for). */
  async readVerified(sha256: string): Promise<Buffer> {
    const bytes = await this.readBuffer(sha256).catch((e: unknown) => {
      if (e instanceof StationError) throw e;
      throw new StationError('file-corrupt', { path: this.pathOf(sha256), detail: errorMessage(e) }, { cause: e });
    });
    if (createHash('sha256').update(bytes).digest('hex') !== sha256)
      throw new StationError('file-corrupt', { path: this.pathOf(sha256), detail: 'the content no longer matches its SHA-256' });
    return bytes;
  }

  /** Re-reads a blob and checks that its content still matches its name. */
  async verify(sha256: string): Promise<boolean> {
    const hash = createHash('sha256');
    for await (const chunk of this.read(sha256)) hash.update(chunk as Buffer);
    return hash.digest('hex') === sha256;
  }
}

/** Makes a rename durable: fsync the directory that holds the new name (POSIX only). */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
