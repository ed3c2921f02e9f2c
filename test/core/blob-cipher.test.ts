// The blob files' format (records/blob-cipher.ts): chunks of AES-256-GCM, each with its own tag,
// under a header that names the blob and its size. Each attack on a file on disk — a flipped
// byte anywhere, a cut, bytes added, chunks swapped, a chunk or a whole file from another blob,
// a file in the clear — is refused, and the consumer (which records every byte it receives) gets
// nothing of the file first. A format 1 file (one tag at the end) is read only once checked whole.
// A 420 MB blob (an A0 raw capture) goes through in bounded memory.
import { createCipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationError } from '../../electron/core/errors';
import { BlobCipher, CHUNK, HEADER_BYTES, sealedSize } from '../../electron/core/records/blob-cipher';
import { BlobStore } from '../../electron/core/records/blob-store';
import { tempDir } from '../helpers/paths';

let tmp: ReturnType<typeof tempDir>;
let store: BlobStore;
let dataKey: Buffer;
const TAG = 16;

/** What a consumer received before the stream ended, and how it ended. */
async function consume(stream: Readable): Promise<{ received: Buffer; error: unknown }> {
  const got: Buffer[] = [];
  try {
    for await (const chunk of stream) got.push(chunk as Buffer);
    return { received: Buffer.concat(got), error: null };
  } catch (error) {
    return { received: Buffer.concat(got), error };
  }
}

/** Reads the blob with `bytes` in its file's place, and expects a refusal with nothing received. */
async function refusedWhole(sha256: string, bytes: Buffer): Promise<string> {
  const path = store.pathOf(sha256);
  const kept = readFileSync(path);
  writeFileSync(path, bytes);
  try {
    const { received, error } = await consume(store.read(sha256));
    expect(error, 'the read was refused').toBeInstanceOf(StationError);
    expect(received.length, 'bytes the consumer received before the refusal').toBe(0);
    return (error as StationError).code;
  } finally {
    writeFileSync(path, kept);
  }
}

const chunkAt = (i: number) => HEADER_BYTES + i * (CHUNK + TAG);
/** Compared by hash: vitest's deep equality takes seconds over megabytes of bytes. */
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Five full chunks and a short last one. */
let content: Buffer;
let name: string;
let file: Buffer;

beforeAll(async () => {
  tmp = tempDir('blob-cipher');
  dataKey = randomBytes(32);
  store = new BlobStore(join(tmp.path, 'blobs'), join(tmp.path, 'tmp'), new BlobCipher(dataKey));
  content = randomBytes(5 * CHUNK + 1000);
  name = (await store.write(content)).sha256;
  file = readFileSync(store.pathOf(name));
});

afterAll(() => tmp?.cleanup());

describe('the chunked format', () => {
  it('seals in chunks under a header written last, and reads back whole and by range', async () => {
    expect(name).toBe(sha(content));
    expect(file.subarray(0, 8).toString('latin1')).toBe('SOHOAE2\n');
    expect(file.length).toBe(sealedSize(content.length));
    expect(file.length).toBe(HEADER_BYTES + content.length + 6 * TAG);
    expect(file.includes(content.subarray(0, 64))).toBe(false);
    expect(sha(await store.readBuffer(name))).toBe(sha(content));
    for (const [start, end] of [
      [0, 10],
      [CHUNK - 5, CHUNK + 5],
      [2 * CHUNK, 4 * CHUNK + 17],
      [5 * CHUNK + 999, 5 * CHUNK + 1000],
    ] as const) {
      expect(sha((await consume(store.readRange(name, start, end))).received), `${start}..${end}`).toBe(sha(content.subarray(start, end)));
    }
    // A source that reuses one buffer (as raw-capture.ts does): nothing of it may be kept.
    const whole = randomBytes(7 * 100_003);
    const reused = Buffer.alloc(100_003);
    const stored = await store.write(
      (async function* () {
        for (let at = 0; at < whole.length; at += reused.length) {
          whole.copy(reused, 0, at, at + reused.length);
          yield reused;
        }
      })(),
    );
    expect(stored.sha256).toBe(sha(whole));
    expect(sha(await store.readBuffer(stored.sha256))).toBe(sha(whole));
    // Sizes at the edges: nothing, exactly one chunk, exactly two.
    for (const size of [0, 1, CHUNK, 2 * CHUNK]) {
      const bytes = randomBytes(size);
      const stored = await store.write(bytes);
      expect(statSync(store.pathOf(stored.sha256)).size).toBe(sealedSize(size));
      expect(sha(await store.readBuffer(stored.sha256)), `${size} bytes`).toBe(sha(bytes));
    }
  });

  it('refuses a byte flipped anywhere in the file before the consumer receives a byte', async () => {
    const header = [0, 7, 8, 23, 24, 31, 32, 63, 64, HEADER_BYTES - 1];
    const chunks = [0, 2, 5].flatMap((i) => [chunkAt(i), chunkAt(i) + 1234, chunkAt(i + 1) - TAG - 1, chunkAt(i + 1) - TAG, chunkAt(i + 1) - 1]).filter((p) => p < file.length);
    const spread = Array.from({ length: 24 }, (_, k) => Math.floor(((k + 0.5) * file.length) / 24));
    const positions = [...new Set([...header, ...chunks, ...spread, file.length - 1])];
    const codes = new Set<string>();
    for (const at of positions) {
      const changed = Buffer.from(file);
      changed[at]! ^= 0x20;
      codes.add(await refusedWhole(name, changed));
    }
    // The magic changed: no longer a sealed file at all; anywhere else: file-corrupt.
    expect([...codes].sort()).toEqual(['blob-not-sealed', 'file-corrupt']);
  });

  it('refuses a file cut short (at a chunk boundary, inside a chunk, inside the header) or with bytes added', async () => {
    for (const cut of [chunkAt(5), chunkAt(3), chunkAt(3) + 100, file.length - 1, HEADER_BYTES, 40, 0]) {
      expect(await refusedWhole(name, file.subarray(0, cut)), `cut at ${cut}`).toMatch(/^(file-corrupt|blob-not-sealed)$/);
    }
    expect(await refusedWhole(name, Buffer.concat([file, file.subarray(chunkAt(4), chunkAt(5))]))).toBe('file-corrupt');
    expect(await refusedWhole(name, Buffer.concat([file, Buffer.alloc(1)]))).toBe('file-corrupt');
  });

  it('refuses chunks swapped or repeated, a chunk from another blob, and another blob’s whole file', async () => {
    const chunk = (f: Buffer, i: number) => f.subarray(chunkAt(i), chunkAt(i + 1));
    const swapped = Buffer.concat([file.subarray(0, chunkAt(1)), chunk(file, 2), chunk(file, 1), file.subarray(chunkAt(3))]);
    expect(await refusedWhole(name, swapped)).toBe('file-corrupt');
    const repeated = Buffer.concat([file.subarray(0, chunkAt(2)), chunk(file, 1), file.subarray(chunkAt(3))]);
    expect(await refusedWhole(name, repeated)).toBe('file-corrupt');
    // Another blob of the same size: its chunks are under its own key.
    const other = randomBytes(content.length);
    const otherName = (await store.write(other)).sha256;
    const otherFile = readFileSync(store.pathOf(otherName));
    const borrowed = Buffer.concat([file.subarray(0, chunkAt(2)), chunk(otherFile, 2), file.subarray(chunkAt(3))]);
    expect(await refusedWhole(name, borrowed)).toBe('file-corrupt');
    // Its whole file, valid in itself, under this blob's name: the header names the other blob.
    expect(await refusedWhole(name, otherFile)).toBe('file-corrupt');
    const e = await consume(store.read(name)); // and this one is untouched
    expect(e.error).toBeNull();
    expect(sha(e.received)).toBe(sha(content));
  });

  it('refuses a chunk changed while the file is being read, after only genuine bytes', async () => {
    // Larger than what is read from disk at once (16 chunks), so that chunk 30 is read after the change.
    const big = randomBytes(40 * CHUNK);
    const bigName = (await store.write(big)).sha256;
    const path = store.pathOf(bigName);
    const at = chunkAt(30) + 10;
    const stream = store.read(bigName);
    const got: Buffer[] = [];
    let error: unknown = null;
    try {
      for await (const piece of stream) {
        got.push(piece as Buffer);
        if (got.length === 1) {
          // The whole file has been checked once; now chunk 30 changes under the reader.
          const fd = openSync(path, 'r+');
          const b = Buffer.alloc(1);
          readSync(fd, b, 0, 1, at);
          writeSync(fd, Buffer.from([b[0]! ^ 0xff]), 0, 1, at);
          closeSync(fd);
        }
      }
    } catch (e) {
      error = e;
    }
    expect((error as StationError).code).toBe('file-corrupt');
    const received = Buffer.concat(got);
    expect(received.length).toBeGreaterThanOrEqual(CHUNK); // the first chunk, before the change
    expect(received.length).toBeLessThanOrEqual(30 * CHUNK);
    expect(sha(received)).toBe(sha(big.subarray(0, received.length)));
  });
});

describe('files from before', () => {
  it('refuses a file in the clear; only the seal pass encrypts it, and only if it still matches its name', async () => {
    const plain = randomBytes(3 * CHUNK);
    const plainName = sha(plain);
    const path = store.pathOf(plainName);
    const clear = new BlobStore(join(tmp.path, 'blobs'), join(tmp.path, 'tmp-clear')); // as stations wrote before encryption
    await clear.write(plain);
    expect(sha(readFileSync(path))).toBe(sha(plain));
    const { received, error } = await consume(store.read(plainName));
    expect((error as StationError).code).toBe('blob-not-sealed');
    expect(received.length).toBe(0);
    expect((await consume(store.readRange(plainName, 0, 10))).received.length).toBe(0);

    expect(await store.sealPlaintext(plainName)).toBe('sealed');
    expect(readFileSync(path).subarray(0, 8).toString('latin1')).toBe('SOHOAE2\n');
    expect(sha(await store.readBuffer(plainName))).toBe(sha(plain));
    expect(await store.sealPlaintext(plainName)).toBe('already');

    // A file in the clear that no longer matches its name is not vouched for: left, and refused.
    const altered = randomBytes(100);
    const alteredName = sha(altered);
    await clear.write(altered);
    writeFileSync(store.pathOf(alteredName), Buffer.concat([altered.subarray(0, 99), Buffer.from('x')]));
    expect(await store.sealPlaintext(alteredName)).toBe('damaged');
    expect((await consume(store.read(alteredName))).error).toMatchObject({ code: 'blob-not-sealed' });
    expect(await store.sealPlaintext('0'.repeat(64))).toBe('missing');
  });

  it('reads a format 1 file (one tag at the end) only after checking it whole', async () => {
    // Format 1 as stations wrote it: magic, salt, IV, ciphertext, tag; key by HKDF "sohoa blob v1".
    const old = randomBytes(3 * CHUNK + 77);
    const oldName = sha(old);
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', Buffer.from(hkdfSync('sha256', dataKey, salt, 'sohoa blob v1', 32)), iv);
    const v1 = Buffer.concat([Buffer.from('SOHOAE1\n', 'latin1'), salt, iv, c.update(old), c.final(), c.getAuthTag()]);
    const clear = new BlobStore(join(tmp.path, 'blobs'), join(tmp.path, 'tmp-v1'));
    await clear.write(old); // makes the folders; then the file as format 1
    writeFileSync(store.pathOf(oldName), v1);
    expect(sha(await store.readBuffer(oldName))).toBe(sha(old));
    expect(sha((await consume(store.readRange(oldName, CHUNK, CHUNK + 100))).received)).toBe(sha(old.subarray(CHUNK, CHUNK + 100)));
    for (const at of [8, 30, 40, 2 * CHUNK, v1.length - 20, v1.length - 1]) {
      const changed = Buffer.from(v1);
      changed[at]! ^= 0x01;
      expect(await refusedWhole(oldName, changed), `byte ${at}`).toBe('file-corrupt');
    }
    expect(await refusedWhole(oldName, v1.subarray(0, v1.length - 1000))).toBe('file-corrupt');
  });
});

describe('a 420 MB blob', () => {
  it('is written and read back whole in bounded memory', async () => {
    const SIZE = 420 * 2 ** 20;
    const block = randomBytes(1 << 20);
    async function* source() {
      for (let i = 0; i < SIZE / block.length; i++) {
        block.writeUInt32BE(i, 0); // each MiB different
        yield block;
      }
    }
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const stored = await store.write(
      (async function* () {
        for await (const b of source()) {
          sample();
          yield b;
        }
      })(),
    );
    expect(stored.bytes).toBe(SIZE);
    expect(statSync(store.pathOf(stored.sha256)).size).toBe(sealedSize(SIZE));
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const piece of store.read(stored.sha256)) {
      hash.update(piece as Buffer);
      bytes += (piece as Buffer).length;
      if (bytes % (8 << 20) < CHUNK) sample();
    }
    expect(bytes).toBe(SIZE);
    expect(hash.digest('hex')).toBe(stored.sha256);
    // Resident memory grew by far less than the blob (a fraction of it: buffers awaiting the GC).
    expect(peak - baseline).toBeLessThan(SIZE / 4);
  });
});
