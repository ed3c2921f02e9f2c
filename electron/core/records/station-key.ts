// The station key and the data key it protects. The data key (random, 256-bit) encrypts every blob
// (blob-cipher.ts); the database keeps it only wrapped, once per way of opening the station (a
// "slot", as disk encryption does): by the OS keychain in the app, by a passphrase (scrypt) in the
// CLI and tests. A station opened with a new way while an old one works gets a slot for it too.
// A key file in the data folder (readable only by its owner) is for development only, and only
// when asked for (SOHOA_DEV_KEY_FILE=1: `npm start` sets it): a key beside the data it protects
// protects nothing from whoever copies the folder. With no keychain, no passphrase and no such
// request, a new station is refused (`station-key-no-source`) rather than quietly left open.
// Backups never carry the key file (backup.ts). Linux's basic_text "keychain" counts as none
// (it only hides): a slot an earlier version made with it opens once, beside a passphrase, and
// is then removed.
import type { Database } from 'better-sqlite3';
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { StationError } from '../errors';

/** How this process can open the station key. */
export type StationKeySource =
  | {
      readonly kind: 'keychain';
      /** Encrypts without protecting (Linux's basic_text): opens an old slot once, makes none. */
      readonly weak?: boolean;
      protect(secret: Buffer): Buffer;
      unprotect(sealed: Buffer): Buffer;
    }
  | { readonly kind: 'passphrase'; readonly passphrase: string }
  | { readonly kind: 'key-file'; readonly path: string };

/** OWASP's current guidance for scrypt (128 MiB per guess); a slot made with weaker parameters is
 * made again the next time the passphrase opens it. */
const SCRYPT = { N: 1 << 17, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 256 << 20;

/** Parameters read from the database, bounded before use: an edited slot must not make an open
 * allocate the machine's memory. */
function slotParams(stored: string): { salt: string; N: number; r: number; p: number; sealed: string } | null {
  try {
    const p = JSON.parse(stored) as { salt: string; N: number; r: number; p: number; sealed: string };
    const ok = [p.N, p.r, p.p].every((x) => Number.isInteger(x) && x > 0) && p.N <= 1 << 18 && p.r <= 16 && p.p <= 4 && typeof p.salt === 'string' && typeof p.sealed === 'string';
    return ok ? p : null;
  } catch {
    return null;
  }
}

/** Whether a passphrase slot was made with weaker parameters than today's. */
const weakerThanToday = (stored: string) => {
  const p = slotParams(stored);
  return p !== null && (p.N < SCRYPT.N || p.r < SCRYPT.r || p.p < SCRYPT.p);
};

function seal(key: Buffer, secret: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(secret), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]).toString('base64');
}

function unseal(key: Buffer, sealed: string): Buffer | null {
  const raw = Buffer.from(sealed, 'base64');
  try {
    const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]);
  } catch {
    return null; // a wrong key: GCM refuses
  }
}

interface Slot {
  wrap(dataKey: Buffer): string;
  unwrap(stored: string): Buffer | null;
}

function slotOf(source: StationKeySource): Slot {
  switch (source.kind) {
    case 'keychain':
      return {
        wrap: (k) => source.protect(k).toString('base64'),
        unwrap: (s) => {
          try {
            return source.unprotect(Buffer.from(s, 'base64'));
          } catch {
            return null;
          }
        },
      };
    case 'passphrase':
      return {
        wrap: (k) => {
          const salt = randomBytes(16);
          const key = scryptSync(source.passphrase.normalize('NFC'), salt, 32, { ...SCRYPT, maxmem: SCRYPT_MAXMEM });
          return JSON.stringify({ salt: salt.toString('base64'), ...SCRYPT, sealed: seal(key, k) });
        },
        unwrap: (s) => {
          const p = slotParams(s);
          if (!p) return null;
          const key = scryptSync(source.passphrase.normalize('NFC'), Buffer.from(p.salt, 'base64'), 32, { N: p.N, r: p.r, p: p.p, maxmem: SCRYPT_MAXMEM });
          return unseal(key, p.sealed);
        },
      };
    case 'key-file': {
      const fileKey = () => {
        if (!existsSync(source.path)) writeKeyFile(source.path);
        const key = readFileSync(source.path);
        if (key.length !== 32) throw new StationError('store-corrupt', { path: source.path, detail: `the key file holds ${key.length} bytes, not 32` });
        return key;
      };
      return { wrap: (k) => seal(fileKey(), k), unwrap: (s) => (existsSync(source.path) ? unseal(fileKey(), s) : null) };
    }
  }
}

/** The key file appears whole or not at all, and survives a power cut before the slot that needs
 * it commits: temporary file, fsync, rename, fsync of the folder. */
function writeKeyFile(path: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, randomBytes(32));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  if (process.platform !== 'win32') {
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}

const slotName = (source: StationKeySource) => `crypto.slot.${source.kind}`;

/** A keychain that only hides (Linux's basic_text, keychain-backend.ts): it may open a slot an
 * earlier version made with it, once, to move the key to a passphrase; it never makes one. */
const isWeak = (s: StationKeySource) => s.kind === 'keychain' && s.weak === true;

export interface OpenedKey {
  readonly dataKey: Buffer;
  readonly openedBy: StationKeySource['kind'];
  /** A slot of a weak keychain was found and removed: the key now rests on the other ways only. */
  readonly droppedWeakSlot: boolean;
}

/** Opens (or, for a new station, makes) the data key with the first source that has a slot. */
export function openDataKey(db: Database, sources: readonly StationKeySource[]): OpenedKey {
  const get = (name: string) => db.prepare('SELECT value FROM station WHERE key = ?').pluck().get(name) as string | undefined;
  const put = db.prepare('INSERT OR IGNORE INTO station (key, value) VALUES (?, ?)');
  const strong = sources.filter((s) => !isWeak(s));
  const weak = sources.filter(isWeak);
  return db.transaction((): OpenedKey => {
    const existing = db.prepare("SELECT key FROM station WHERE key LIKE 'crypto.slot.%'").pluck().all() as string[];
    // Nothing that really protects the key: set nothing up, open nothing.
    if (strong.length === 0 && (existing.length === 0 || weak.length > 0)) throw new StationError('station-key-no-source', {});
    if (existing.length === 0) {
      // No slot yet: a key file a crash left unfinished holds nothing anyone relies on.
      for (const s of strong) if (s.kind === 'key-file' && existsSync(s.path) && readFileSync(s.path).length !== 32) renameSync(s.path, `${s.path}.broken-${Date.now()}`);
      const dataKey = randomBytes(32);
      for (const s of strong) put.run(slotName(s), slotOf(s).wrap(dataKey));
      return { dataKey, openedBy: strong[0]!.kind, droppedWeakSlot: false };
    }
    let wrong = false;
    for (const s of [...strong, ...weak]) {
      const stored = get(slotName(s));
      if (!stored) continue;
      const dataKey = slotOf(s).unwrap(stored);
      if (!dataKey) {
        wrong = true;
        continue;
      }
      // A weak keychain's slot that opens is one it made: worth no more than the key in the
      // clear, so it goes, once the strong ways have their slots.
      let droppedWeakSlot = false;
      for (const w of weak) {
        const slot = get(slotName(w));
        if (slot && slotOf(w).unwrap(slot)?.equals(dataKey)) {
          db.prepare('DELETE FROM station WHERE key = ?').run(slotName(w));
          droppedWeakSlot = true;
        }
      }
      // Another way of opening it given this time: remember it too.
      for (const other of strong) if (!get(slotName(other))) put.run(slotName(other), slotOf(other).wrap(dataKey));
      // A passphrase slot from before today's parameters: made again, stronger.
      if (s.kind === 'passphrase' && weakerThanToday(stored)) db.prepare('UPDATE station SET value = ? WHERE key = ?').run(slotOf(s).wrap(dataKey), slotName(s));
      return { dataKey, openedBy: isWeak(s) ? strong[0]!.kind : s.kind, droppedWeakSlot };
    }
    if (wrong) throw new StationError('station-key-wrong', {});
    throw new StationError('station-key-needed', { ways: keyWays(db).join(', ') });
  }).immediate();
}

/** What each kind of slot asks of the person. */
const WAYS: Record<string, string> = {
  keychain: 'keychain (the app, on the computer that made it)',
  passphrase: 'passphrase (SOHOA_STATION_PASSPHRASE)',
  'key-file': 'key file (station.key beside the data, SOHOA_DEV_KEY_FILE=1)',
};

/** The ways a station's key can be opened, as a person supplies them (`station-key-needed`, and
 * what a restore asks for: a backup holds no key). */
export function keyWays(db: Database): string[] {
  const slots = db.prepare("SELECT key FROM station WHERE key LIKE 'crypto.slot.%' ORDER BY key").pluck().all() as string[];
  return slots.map((k) => WAYS[k.slice('crypto.slot.'.length)] ?? k);
}

/** The ways this process has: the app's keychain, a passphrase from SOHOA_STATION_PASSPHRASE,
 * else — only when asked for with SOHOA_DEV_KEY_FILE=1 — the key file in the data folder. May
 * hold nothing that protects the key: openDataKey then refuses. */
export function keySources(env: NodeJS.ProcessEnv, keyFile: string, keychain?: StationKeySource): StationKeySource[] {
  const sources: StationKeySource[] = [];
  if (keychain) sources.push(keychain);
  if (env.SOHOA_STATION_PASSPHRASE) sources.push({ kind: 'passphrase', passphrase: env.SOHOA_STATION_PASSPHRASE });
  if (!sources.some((s) => !isWeak(s)) && env.SOHOA_DEV_KEY_FILE === '1') sources.push({ kind: 'key-file', path: keyFile });
  return sources;
}
