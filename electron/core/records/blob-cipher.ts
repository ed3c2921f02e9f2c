// Encryption at rest of the blob files (page images, PDFs, text-layer words): AES-256-GCM.
//
// Keys: one random 256-bit data key per station, kept in the database only wrapped (AES-256-GCM)
// by the station key — which comes from the OS keychain (Electron safeStorage, in the app) or from
// a passphrase through scrypt (the CLI, tests, a server without a keychain). Each file gets its own
// key, derived with HKDF-SHA256 from the data key and a random salt in the file's header, and a
// random IV: nothing about a file's key needs a database row, so a blob is durable (and readable)
// before the row that names it commits — the crash ordering of the store is unchanged — and two
// files never share a key and IV.
//
// File layout: "SOHOAE1\n" | salt (16) | iv (12) | ciphertext | tag (16). A file without the magic
// is a blob written before encryption existed, and is read as it is.
import { type DecipherGCM, createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export const MAGIC = Buffer.from('SOHOAE1\n', 'latin1');
const SALT = 16;
const IV = 12;
const TAG = 16;
export const HEADER_BYTES = MAGIC.length + SALT + IV;

export class BlobCipher {
  constructor(private readonly dataKey: Buffer) {
    if (dataKey.length !== 32) throw new Error('the data key must be 256 bits');
  }

  private fileKey(salt: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', this.dataKey, salt, 'sohoa blob v1', 32));
  }

  /** Encrypts one file: its header first, then each chunk, then the tag. */
  sealer(): { header: Buffer; update(chunk: Uint8Array): Buffer; final(): Buffer } {
    const salt = randomBytes(SALT);
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', this.fileKey(salt), iv);
    return {
      header: Buffer.concat([MAGIC, salt, iv]),
      update: (chunk) => cipher.update(chunk),
      final: () => Buffer.concat([cipher.final(), cipher.getAuthTag()]),
    };
  }

  /** A transform from the encrypted file to plaintext; it fails at the end if any byte was
   * changed (the GCM tag). A file without the magic passes through unchanged. */
  decryptor(tampered: (detail: string) => Error = (d) => new Error(d)): Transform {
    let head: Buffer | null = Buffer.alloc(0);
    let decipher: DecipherGCM | null = null;
    let tail = Buffer.alloc(0); // the last 16 bytes seen: the tag, once the input ends
    const fileKey = (salt: Buffer) => this.fileKey(salt);
    return new Transform({
      transform(chunk: Buffer, _enc, done: TransformCallback) {
        if (head !== null) {
          head = Buffer.concat([head, chunk]);
          if (head.length < HEADER_BYTES && MAGIC.subarray(0, Math.min(head.length, MAGIC.length)).equals(head.subarray(0, MAGIC.length))) return done();
          if (!head.subarray(0, MAGIC.length).equals(MAGIC)) {
            // Written before encryption: as it is, from here on.
            const plain = head;
            head = null;
            decipher = null;
            return done(null, plain);
          }
          const salt = head.subarray(MAGIC.length, MAGIC.length + SALT);
          const iv = head.subarray(MAGIC.length + SALT, HEADER_BYTES);
          decipher = createDecipheriv('aes-256-gcm', fileKey(Buffer.from(salt)), Buffer.from(iv));
          chunk = head.subarray(HEADER_BYTES);
          head = null;
        }
        if (!decipher) return done(null, chunk);
        const data = Buffer.concat([tail, chunk]);
        tail = data.subarray(Math.max(0, data.length - TAG));
        done(null, decipher.update(data.subarray(0, data.length - tail.length)));
      },
      flush(done: TransformCallback) {
        if (head !== null) return done(null, head); // shorter than a header: not ours, as it is
        if (!decipher) return done();
        try {
          decipher.setAuthTag(tail);
          done(null, decipher.final());
        } catch {
          done(tampered('the encrypted file was changed or cut short (its authentication tag does not match)'));
        }
      },
    });
  }
}
