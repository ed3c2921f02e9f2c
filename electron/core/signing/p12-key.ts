// A signing key from a PKCS#12 file (some sites issue .p12/.pfx instead of a token). node-forge
// opens the file (decrypts its bags); the key itself — RSA or ECDSA — is read and used by Node's
// crypto, since forge knows only RSA keys and certificates (it hands others back as raw ASN.1). The private key stays in this
// process's memory for the one signature, then is dropped.
import { type KeyObject, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import forge from 'node-forge';
import { StationError } from '../errors';
import type { SigningKey } from './cms';
import { buildChain, inspectCertificate } from './certificates';
import { keyAlgorithmOf } from './key-algorithms';

// PBES2 (the AES encryption OpenSSL 3 writes by default) derives its key from the password's
// UTF-8 bytes; node-forge hands PBKDF2 the JavaScript string, truncating every character above
// 255 — a Vietnamese password could never open such a file. Give PBES2 the UTF-8 bytes. (The
// legacy PKCS#12 key derivation, BMPString-based, is right as it is and stays untouched.)
interface ForgePbe {
  getCipherForPBES2(oid: string, params: unknown, password: string): unknown;
}
const pbe = (forge.pki as unknown as { pbe: ForgePbe }).pbe;
const pbes2 = pbe.getCipherForPBES2;
pbe.getCipherForPBES2 = (oid, params, password) => pbes2(oid, params, forge.util.encodeUtf8(password));

export async function openP12(file: string, password: string): Promise<SigningKey> {
  const bytes = await readFile(file).catch(() => {
    throw new StationError('key-not-found', { where: file });
  });
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary'))), false, password);
  } catch {
    throw new StationError('p12-password', { file });
  }
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  // A bag forge understood carries `key`/`cert`; one it did not (an EC key or certificate) carries
  // its decrypted ASN.1: the PKCS#8 PrivateKeyInfo, the X.509 certificate.
  const keyBag = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bags(forge.pki.oids.keyBag!)].find((b) => b.key || b.asn1);
  const certs = bags(forge.pki.oids.certBag!)
    .map((b) => (b.cert ? forge.pki.certificateToAsn1(b.cert) : b.asn1))
    .filter((a): a is forge.asn1.Asn1 => a !== undefined)
    .map((a) => Buffer.from(forge.asn1.toDer(a).getBytes(), 'binary'));
  if (!keyBag || certs.length === 0) throw new StationError('key-not-found', { where: file });
  let privateKey: KeyObject;
  try {
    privateKey = keyBag.key
      ? createPrivateKey(forge.pki.privateKeyToPem(keyBag.key))
      : createPrivateKey({ key: Buffer.from(forge.asn1.toDer(keyBag.asn1!).getBytes(), 'binary'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new StationError('key-not-found', { where: file });
  }
  const algorithm = keyAlgorithmOf(privateKey, file);
  const publicDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const infos = certs.map(inspectCertificate);
  const leaf = infos.find((c) => Buffer.compare(c.x509.publicKey.export({ type: 'spki', format: 'der' }), publicDer) === 0);
  if (!leaf) throw new StationError('key-not-found', { where: file });
  const chain = buildChain(leaf, infos).slice(1).map((c) => c.der);
  return {
    certificate: leaf.der,
    chain,
    ...algorithm,
    // ECDSA values come out DER-encoded (Node's default), as CMS wants them.
    sign: async (data) => sign(algorithm.hash, data, privateKey),
    close: async () => undefined,
  };
}
