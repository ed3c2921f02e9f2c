// Personal data in the database's columns (the owner's name and id, the pages' recognised text,
// the summary): sealed with AES-256-GCM under a key derived from the station's data key, so that
// a copied database file shows none of it. What the counter must find in milliseconds is found
// through keyed hashes (HMAC-SHA256) instead of the values: an owner by a blind index of the id,
// names and text by hashed word tokens in the full-text index (and hashed prefixes of the name's
// words, for search as you type). Without the station key neither the values nor the words can be
// read back; with it, equality of an id or a word is all a hash reveals.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { StationError } from '../errors';

const PREFIX = 'enc1:';
const CACHE_LIMIT = 200_000;

const derive = (dataKey: Buffer, info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));

export class ColumnCipher {
  private readonly sealKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly wordKey: Buffer;
  // Words repeat (a page of prose, a province of names): hashed once each.
  private readonly words = new Map<string, string>();

  constructor(dataKey: Buffer) {
    this.sealKey = derive(dataKey, 'sohoa columns v1');
    this.indexKey = derive(dataKey, 'sohoa owner index v1');
    this.wordKey = derive(dataKey, 'sohoa words v1');
  }

  static isSealed(value: string | null): boolean {
    return value !== null && value.startsWith(PREFIX);
  }

  seal(value: string): string;
  seal(value: string | null): string | null;
  seal(value: string | null): string | null {
    if (value === null || ColumnCipher.isSealed(value)) return value;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const body = Buffer.concat([c.update(value, 'utf8'), c.final()]);
    return PREFIX + Buffer.concat([iv, body, c.getAuthTag()]).toString('base64');
  }

  /** The value; one written before sealing existed comes back as it is. */
  unseal(value: string): string;
  unseal(value: string | null): string | null;
  unseal(value: string | null): string | null {
    if (value === null || !ColumnCipher.isSealed(value)) return value;
    const raw = Buffer.from(value.slice(PREFIX.length), 'base64');
    try {
      const d = createDecipheriv('aes-256-gcm', this.sealKey, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString('utf8');
    } catch {
      throw new StationError('store-corrupt', { path: 'station.sqlite', detail: 'a sealed value does not open with this station’s key' });
    }
  }

  /** The owner's blind index: the same id always gives the same key. */
  ownerKey(idNumber: string): string {
    return createHmac('sha256', this.indexKey).update(idNumber).digest('hex').slice(0, 32);
  }

  /** A folded word as the full-text index holds it. */
  word(word: string): string {
    return this.cached(`w${word}`, () => `w${createHmac('sha256', this.wordKey).update(word).digest('hex').slice(0, 20)}`);
  }

  /** A prefix of a folded name word (search as you type). */
  prefix(prefix: string): string {
    return this.cached(`p${prefix}`, () => `p${createHmac('sha256', this.wordKey).update(`prefix:${prefix}`).digest('hex').slice(0, 20)}`);
  }

  private cached(key: string, make: () => string): string {
    let v = this.words.get(key);
    if (v === undefined) {
      if (this.words.size >= CACHE_LIMIT) this.words.clear();
      v = make();
      this.words.set(key, v);
    }
    return v;
  }
}
