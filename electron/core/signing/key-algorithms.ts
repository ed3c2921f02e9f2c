// Which hash and which CMS signature algorithm a key signs with. RSA keeps SHA-256 (what every
// verifier expects of a PDF signature); an ECDSA key hashes with the function its curve was made
// for — SHA-256 on P-256, SHA-384 on P-384, SHA-512 on P-521 (RFC 5753 §2.1.1, as CAs and
// tokens pair them) — and the SignerInfo names it: ecdsa-with-SHA256/384/512.
import type { KeyObject } from 'node:crypto';
import { StationError } from '../errors';

export type SigningHash = 'sha256' | 'sha384' | 'sha512';

export interface KeyAlgorithm {
  readonly keyType: 'rsa' | 'ec';
  readonly hash: SigningHash;
}

export const HASH_OID: Record<SigningHash, string> = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};

export const ECDSA_OID: Record<SigningHash, string> = {
  sha256: '1.2.840.10045.4.3.2',
  sha384: '1.2.840.10045.4.3.3',
  sha512: '1.2.840.10045.4.3.4',
};

const CURVE_HASH: Record<string, SigningHash> = { prime256v1: 'sha256', 'P-256': 'sha256', secp384r1: 'sha384', 'P-384': 'sha384', secp521r1: 'sha512', 'P-521': 'sha512' };

/** The algorithm for a key (private or public): RSA, or ECDSA on a NIST curve. */
export function keyAlgorithmOf(key: KeyObject, where: string): KeyAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return { keyType: 'rsa', hash: 'sha256' };
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  const hash = curve ? CURVE_HASH[curve] : undefined;
  if (!hash) throw new StationError('key-unsupported', { where, kind: curve ?? key.asymmetricKeyType ?? '?' });
  return { keyType: 'ec', hash };
}
