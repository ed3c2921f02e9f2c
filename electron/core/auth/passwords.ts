// Password hashes: scrypt, memory-hard, a random salt per password, the parameters stored with
// the hash (`scrypt$N$r$p$salt$hash`), so that they can be raised later without locking anyone
// out: a hash made with weaker parameters is made again at its owner's next sign-in.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** OWASP's current guidance for scrypt: N = 2^17, r = 8, p = 1 (128 MiB per guess). */
export const SCRYPT = { N: 1 << 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N: n, r, p, maxmem: 256 * n * r + (1 << 20) }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parse(stored: string): { n: number; r: number; p: number; salt: Buffer; hash: Buffer } | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const params = [Number(n), Number(r), Number(p)];
  // Parameters from the database are bounded before use: a row edited to N = 2^40 must not make
  // a sign-in allocate the machine's memory.
  if (scheme !== 'scrypt' || !salt || !hash || !params.every((x) => Number.isInteger(x) && x > 0) || params[0]! > 1 << 20 || params[1]! > 32 || params[2]! > 16) return null;
  return { n: params[0]!, r: params[1]!, p: params[2]!, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const key = await derive(password, h.salt, h.n, h.r, h.p);
  return key.length === h.hash.length && timingSafeEqual(key, h.hash);
}

/** Whether a hash was made with weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  return !h || h.n < SCRYPT.N || h.r < SCRYPT.r || h.p < SCRYPT.p;
}

/** A hash to compare against when the user name is unknown, so that a wrong name takes as long
 * as a wrong password (no user-name probing by timing). */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
