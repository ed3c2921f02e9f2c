// Personal data in the database's columns (the owner's name and id, the pages' recognised text,
// the summary): sealed with AES-256-GCM under a key derived from the station's data key, so that
// a copied database file shows none of it. What the counter must find in milliseconds is found
// through keyed hashes (HMAC-SHA256) instead of the values: an owner by a blind index of the id,
// names and text by hashed word tokens in the full-text index (and hashed prefixes of the name's
// words, for search as you type). Without the station key neither the values nor the words can be
// read back; with it, equality of an id or a word is all a hash reveals.
//
// Each sealed value is bound to its place: the table, the column and the row's id are the
// associated data of its GCM seal ("enc2:"), so a value copied into another row or column by
// whoever can write the database file does not open there — it is refused, never shown as
// someone else's. Values an earlier version stored (in the clear, or "enc1:" sealed without their
// place) open only through openLegacy, which only the seal pass uses (sealing.ts, once after
// migration 11); everywhere else they are refused like a moved value.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { StationError } from '../errors';

const PREFIX = 'enc2:';
const LEGACY_PREFIX = 'enc1:';
const CACHE_LIMIT = 200_000;

const derive = (dataKey: Buffer, info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));

/** Where a sealed value lives: its associated data. */
export interface SealedAt {
  readonly table: string;
  readonly column: string;
  /** The row's id (its primary key). */
  readonly row: string;
}

const placeOf = (at: SealedAt) => Buffer.from(JSON.stringify(['sohoa column v2', at.table, at.column, at.row]), 'utf8');

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

  /** Sealed as this version seals: bound to its place. */
  static isSealed(value: string | null): boolean {
    return value !== null && value.startsWith(PREFIX);
  }

  seal(value: string, at: SealedAt): string;
  seal(value: string | null, at: SealedAt): string | null;
  seal(value: string | null, at: SealedAt): string | null {
    if (value === null) return null;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.sealKey, iv).setAAD(placeOf(at));
    const body = Buffer.concat([c.update(value, 'utf8'), c.final()]);
    return PREFIX + Buffer.concat([iv, body, c.getAuthTag()]).toString('base64');
  }

  /** The value sealed at this place; anything else (moved, damaged, in the clear) is refused. */
  unseal(value: string, at: SealedAt): string;
  unseal(value: string | null, at: SealedAt): string | null;
  unseal(value: string | null, at: SealedAt): string | null {
    if (value === null) return null;
    const refused = () => new StationError('sealed-value-refused', { table: at.table, column: at.column, row: at.row });
    if (!ColumnCipher.isSealed(value)) throw refused();
    try {
      return this.open(value.slice(PREFIX.length), placeOf(at));
    } catch {
      throw refused();
    }
  }

  /** The seal pass only (sealing.ts): a value as an earlier version stored it — in the clear, or
   * sealed without its place — or null when it is already sealed as this version seals. */
  openLegacy(value: string): string | null {
    if (ColumnCipher.isSealed(value)) return null;
    if (!value.startsWith(LEGACY_PREFIX)) return value;
    try {
      return this.open(value.slice(LEGACY_PREFIX.length), null);
    } catch {
      throw new StationError('store-corrupt', { path: 'station.sqlite', detail: 'a sealed value does not open with this station’s key' });
    }
  }

  private open(base64: string, aad: Buffer | null): string {
    const raw = Buffer.from(base64, 'base64');
    const d = createDecipheriv('aes-256-gcm', this.sealKey, raw.subarray(0, 12));
    if (aad) d.setAAD(aad);
    d.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString('utf8');
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
