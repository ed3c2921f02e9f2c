// The content-addressed file store: every page image, thumbnail and PDF is a file named by its
// SHA-256 (blobs/ab/cd/abcd…). A file is written to a temporary name, fsynced, then renamed into
// place, so a name always holds complete content. Each write is recorded first in this process's
// intent list, so that a blob whose database row never committed (a crash between the two) is
// found and removed by the next start-up sweep without walking the whole store.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { appendFile, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { StationError, errorMessage } from '../errors';
import { uuidv7 } from '../ids';

export interface StoredBlob {
  readonly sha256: string;
  readonly bytes: number;
}

export const INTENTS_FILE = 'blob-intents';

export class BlobStore {
  constructor(
    readonly root: string,
    /** This process's own temporary folder (tmp/<pid>). */
    private readonly tmpDir: string,
  ) {}

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  /** Writes everything the source yields; returns its hash and size once it is durable.
   * A failure of the source itself (an undecodable image) is rethrown as it is; a failure to
   * write becomes `store-io`. Either way no partial file remains. */
  async write(source: AsyncIterable<Uint8Array> | Uint8Array): Promise<StoredBlob> {
    const tmp = join(this.tmpDir, `${uuidv7()}.part`);
    const hash = createHash('sha256');
    let bytes = 0;
    let sourceFailed = false;
    try {
      await mkdir(this.tmpDir, { recursive: true });
      const fh = await open(tmp, 'wx');
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
        for await (const chunk of guarded()) {
          hash.update(chunk);
          bytes += chunk.byteLength;
          await fh.write(chunk);
        }
        await fh.sync();
      } finally {
        await fh.close();
      }
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      await appendFile(join(this.tmpDir, INTENTS_FILE), `${sha256}\n`);
      if (existsSync(final)) {
        await rm(tmp); // same content already stored
      } else {
        await mkdir(dirname(final), { recursive: true });
        await rename(tmp, final);
        await syncDirectory(dirname(final));
      }
      return { sha256, bytes };
    } catch (e) {
      await rm(tmp, { force: true });
      if (sourceFailed || e instanceof StationError) throw e;
      throw new StationError('store-io', { detail: errorMessage(e) }, { cause: e });
    }
  }

  /** A blob's whole content, checked against its name (work that rewrites a file — signing —
   * must start from exactly the bytes the store vouches for). */
  async readVerified(sha256: string): Promise<Buffer> {
    const bytes = await readFile(this.pathOf(sha256)).catch((e: unknown) => {
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

  async size(sha256: string): Promise<number> {
    return (await stat(this.pathOf(sha256))).size;
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
