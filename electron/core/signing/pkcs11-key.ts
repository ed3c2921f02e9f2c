// Signing keys on PKCS#11 tokens (the USB tokens officers carry; SoftHSM2 in tests). The private
// key never leaves the token: the token signs. A wrong PIN is reported with what the token says
// of the tries left, and never retried by the station (that would lock the token).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Pkcs11Types from 'pkcs11js';
import type { TokenInfo } from '../../contract';
import { StationError } from '../errors';

// pkcs11js is CommonJS whose constants (CKF_*, CKM_*) an ESM namespace import does not always see
// (Node's CJS export detection misses them: they would read as undefined and every flag as 0).
// Take module.exports itself.
const pkcs11js = createRequire(import.meta.url)('pkcs11js') as typeof Pkcs11Types;
type PKCS11 = Pkcs11Types.PKCS11;
import type { SigningKey } from './cms';
import { buildChain, inspectCertificate } from './certificates';
import { type KeyAlgorithm, keyAlgorithmOf } from './key-algorithms';

/** One loaded module per path: PKCS#11 libraries expect one C_Initialize per process. */
const modules = new Map<string, PKCS11>();

function moduleFor(path: string): PKCS11 {
  let mod = modules.get(path);
  if (mod) return mod;
  mod = new pkcs11js.PKCS11();
  try {
    mod.load(path);
    mod.C_Initialize();
  } catch (e) {
    if (!(e instanceof pkcs11js.Pkcs11Error && e.code === pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED))
      throw new StationError('token-library', { module: path, detail: e instanceof Error ? e.message : String(e) });
  }
  modules.set(path, mod);
  return mod;
}

const text = (s: string) => s.replace(/\0/g, '').trim();

function findAll(mod: PKCS11, session: Buffer, template: Pkcs11Types.Template): Buffer[] {
  mod.C_FindObjectsInit(session, template);
  try {
    return mod.C_FindObjects(session, 100);
  } finally {
    mod.C_FindObjectsFinal(session);
  }
}

function certificatesIn(mod: PKCS11, session: Buffer): { id: Buffer; label: string; der: Buffer }[] {
  return findAll(mod, session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
  ]).map((h) => {
    const [id, label, value] = mod.C_GetAttributeValue(session, h, [{ type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_LABEL }, { type: pkcs11js.CKA_VALUE }]);
    return { id: id!.value as Buffer, label: String(label!.value ?? ''), der: value!.value as Buffer };
  }).sort((a, b) => Buffer.compare(a.id, b.id)); // the token's own order is arbitrary
}

/** Slots holding a token that is ready for use: initialised and recognised by the module. (An
 * empty slot, a blank token or a card the module cannot read has nothing to sign with.) */
function slotsWithTokens(mod: PKCS11): Buffer[] {
  return mod.C_GetSlotList(true).filter((slot) => {
    try {
      return (mod.C_GetTokenInfo(slot).flags & pkcs11js.CKF_TOKEN_INITIALIZED) !== 0;
    } catch {
      return false;
    }
  });
}

export function listTokens(modulePath: string): TokenInfo[] {
  const mod = moduleFor(modulePath);
  return slotsWithTokens(mod).map((slot, index) => {
    const info = mod.C_GetTokenInfo(slot);
    const session = mod.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      return {
        slot: index,
        label: text(info.label),
        manufacturer: text(info.manufacturerID),
        model: text(info.model),
        serial: text(info.serialNumber),
        pinLow: (info.flags & pkcs11js.CKF_USER_PIN_COUNT_LOW) !== 0,
        pinFinalTry: (info.flags & pkcs11js.CKF_USER_PIN_FINAL_TRY) !== 0,
        pinLocked: (info.flags & pkcs11js.CKF_USER_PIN_LOCKED) !== 0,
        certificates: certificatesIn(mod, session).map((c) => {
          const i = inspectCertificate(c.der);
          return { id: c.id.toString('hex'), label: c.label, subject: i.name, issuer: i.issuer.replace(/\n/g, ', '), notAfter: i.notAfter.toISOString() };
        }),
      };
    } finally {
      mod.C_CloseSession(session);
    }
  });
}

/** How many tries are left, as far as the token says (details for the pin-incorrect message). */
function tries(flags: number): { tries: string; tries_vi: string } {
  if (flags & pkcs11js.CKF_USER_PIN_FINAL_TRY) return { tries: 'one try left', tries_vi: 'còn một lần thử' };
  if (flags & pkcs11js.CKF_USER_PIN_COUNT_LOW) return { tries: 'few tries left', tries_vi: 'còn ít lần thử' };
  return { tries: 'the token does not say how many tries are left', tries_vi: 'thiết bị không cho biết số lần thử còn lại' };
}

/** A DER length: short form below 128, else long form (P-521 values pass 127 bytes). */
const derLength = (n: number) => (n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]));

/** The DER encoding of an ECDSA signature from a token's raw r‖s. */
function ecdsaDer(raw: Buffer): Buffer {
  const half = raw.length / 2;
  const int = (b: Buffer) => {
    let v = b;
    while (v.length > 1 && v[0] === 0 && (v[1]! & 0x80) === 0) v = v.subarray(1);
    if (v[0]! & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
    return Buffer.concat([Buffer.from([0x02]), derLength(v.length), v]);
  };
  const body = Buffer.concat([int(raw.subarray(0, half)), int(raw.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

// The DigestInfo prefix of a SHA-256 digest (RFC 8017 §9.2), for tokens that only do raw PKCS#1.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** The token hashes and signs in one mechanism when it can; many tokens (and SoftHSM) offer only
 * the raw forms — CKM_ECDSA, CKM_RSA_PKCS — which sign a digest the station computes. An EC key
 * hashes with its curve's function (key-algorithms.ts). */
function signingMechanism(available: ReadonlySet<number>, algorithm: KeyAlgorithm, data: Buffer): { mechanism: number; input: Buffer } {
  if (algorithm.keyType === 'ec') {
    const combined = { sha256: pkcs11js.CKM_ECDSA_SHA256, sha384: pkcs11js.CKM_ECDSA_SHA384, sha512: pkcs11js.CKM_ECDSA_SHA512 }[algorithm.hash];
    if (available.has(combined)) return { mechanism: combined, input: data };
    return { mechanism: pkcs11js.CKM_ECDSA, input: createHash(algorithm.hash).update(data).digest() };
  }
  if (available.has(pkcs11js.CKM_SHA256_RSA_PKCS)) return { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS, input: data };
  return { mechanism: pkcs11js.CKM_RSA_PKCS, input: Buffer.concat([SHA256_DIGEST_INFO, createHash('sha256').update(data).digest()]) };
}

export interface Pkcs11Choice {
  readonly module: string;
  /** The token's label; needed only when several tokens are present. */
  readonly token?: string | undefined;
  /** The certificate's CKA_ID (hex); default: the first certificate that can sign now. */
  readonly certificateId?: string | undefined;
  readonly pin: string;
}

export async function openPkcs11(choice: Pkcs11Choice): Promise<SigningKey> {
  const mod = moduleFor(choice.module);
  const slots = slotsWithTokens(mod).filter((s) => choice.token === undefined || text(mod.C_GetTokenInfo(s).label) === choice.token);
  if (slots.length === 0) throw new StationError('token-not-found', { token: choice.token ? ` “${choice.token}”` : '' });
  if (slots.length > 1 && !choice.token) throw new StationError('token-not-found', { token: ' (several are plugged in: name one)', token_vi: ' (đang cắm nhiều thiết bị: chọn một)' });
  const slot = slots[0]!;
  const info = mod.C_GetTokenInfo(slot);
  if (info.flags & pkcs11js.CKF_USER_PIN_LOCKED) throw new StationError('pin-locked', { token: text(info.label) });
  const session = mod.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
  let loggedIn = false;
  const close = async () => {
    try {
      if (loggedIn) mod.C_Logout(session);
    } finally {
      mod.C_CloseSession(session);
    }
  };
  try {
    const certs = certificatesIn(mod, session);
    const chosen = choice.certificateId
      ? certs.find((c) => c.id.toString('hex') === choice.certificateId)
      : certs.find((c) => {
          const i = inspectCertificate(c.der);
          const now = new Date();
          return now >= i.notBefore && now <= i.notAfter && (!i.keyUsage || i.keyUsage.digitalSignature || i.keyUsage.nonRepudiation);
        }) ?? certs[0];
    if (!chosen) throw new StationError('key-not-found', { where: `“${text(info.label)}”` });
    try {
      mod.C_Login(session, pkcs11js.CKU_USER, choice.pin);
      loggedIn = true;
    } catch (e) {
      if (e instanceof pkcs11js.Pkcs11Error && e.code === pkcs11js.CKR_PIN_INCORRECT)
        throw new StationError('pin-incorrect', tries(mod.C_GetTokenInfo(slot).flags));
      if (e instanceof pkcs11js.Pkcs11Error && e.code === pkcs11js.CKR_PIN_LOCKED) throw new StationError('pin-locked', { token: text(info.label) });
      if (!(e instanceof pkcs11js.Pkcs11Error && e.code === pkcs11js.CKR_USER_ALREADY_LOGGED_IN)) throw e;
    }
    const [key] = findAll(mod, session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_ID, value: chosen.id },
    ]);
    if (!key) throw new StationError('key-not-found', { where: `“${text(info.label)}”` });
    const keyType = mod.C_GetAttributeValue(session, key, [{ type: pkcs11js.CKA_KEY_TYPE }])[0]!.value as Buffer;
    const isEc = keyType.readUInt32LE(0) === pkcs11js.CKK_EC; // a CK_ULONG, little-endian, 4 or 8 bytes
    const leaf = inspectCertificate(chosen.der);
    // The certificate's public key tells the curve (and so the hash) of the key beside it.
    const algorithm = isEc ? keyAlgorithmOf(leaf.x509.publicKey, `“${text(info.label)}”`) : { keyType: 'rsa' as const, hash: 'sha256' as const };
    const mechanisms = new Set(mod.C_GetMechanismList(slot));
    const chain = buildChain(leaf, certs.map((c) => inspectCertificate(c.der)))
      .slice(1)
      .map((c) => c.der);
    return {
      certificate: chosen.der,
      chain,
      ...algorithm,
      async sign(data) {
        const { mechanism, input } = signingMechanism(mechanisms, algorithm, data);
        mod.C_SignInit(session, { mechanism }, key);
        const out = await mod.C_SignAsync(session, input, Buffer.alloc(1024));
        return isEc ? ecdsaDer(out) : out;
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
