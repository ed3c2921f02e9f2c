// Stored PDFs, named by their SHA-256: DIR/documents/<sha256>.pdf. A file is copied from its
// upload into a private temporary file (hashed on the way, fsynced), judged there — so that
// nothing the client does to the upload meanwhile can change what is judged — and then renamed
// into place. The same content stored twice is one file; a crash leaves at worst a temporary
// file, which the next start removes.
import { randomBytes, createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Staged {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

async function fsyncPath(path: string, flags = 'r'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class BlobStore {
  readonly dir: string;
  private readonly tmpDir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'documents');
    this.tmpDir = join(this.dir, 'tmp');
    mkdirSync(this.tmpDir, { recursive: true });
    // Only this process writes here: whatever is left came from one that died mid-commit.
    for (const name of readdirSync(this.tmpDir)) rmSync(join(this.tmpDir, name), { force: true });
  }

  path(sha256: string): string {
    return join(this.dir, `${sha256}.pdf`);
  }

  /** Copies a file into a temporary file, with its hash and length. */
  async stage(source: string): Promise<Staged> {
    const path = join(this.tmpDir, `${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(createReadStream(source), tap, createWriteStream(path, { flags: 'wx' }));
      await fsyncPath(path);
    } catch (e) {
      await this.discard(path);
      throw e;
    }
    return { path, sha256: hash.digest('hex'), bytes };
  }

  /** Moves a staged file to its content address; durable once this returns. */
  async publish(staged: Staged): Promise<string> {
    const target = this.path(staged.sha256);
    // Renaming over an existing file of the same content changes nothing a reader can see.
    await rename(staged.path, target);
    await fsyncPath(this.dir); // the rename itself must survive a power cut
    return target;
  }

  async discard(path: string): Promise<void> {
    await rm(path, { force: true });
  }
}
