// A signing key from a PKCS#12 file (some sites issue .p12/.pfx instead of a token). node-forge
// opens the file; the RSA operation itself runs in Node's crypto. The private key stays in this
// process's memory for the one signature, then is dropped.
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import forge from 'node-forge';
import { StationError } from '../errors';
import type { SigningKey } from './cms';
import { buildChain, inspectCertificate } from './certificates';

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
  const keyBag = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bags(forge.pki.oids.keyBag!)].find((b) => b.key);
  const certs = bags(forge.pki.oids.certBag!)
    .filter((b) => b.cert)
    .map((b) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert!)).getBytes(), 'binary'));
  if (!keyBag?.key || certs.length === 0) throw new StationError('key-not-found', { where: file });
  const privateKey = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const publicDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const infos = certs.map(inspectCertificate);
  const leaf = infos.find((c) => Buffer.compare(c.x509.publicKey.export({ type: 'spki', format: 'der' }), publicDer) === 0);
  if (!leaf) throw new StationError('key-not-found', { where: file });
  const chain = buildChain(leaf, infos).slice(1).map((c) => c.der);
  return {
    certificate: leaf.der,
    chain,
    keyType: 'rsa',
    sign: async (data) => sign('sha256', data, privateKey),
    close: async () => undefined,
  };
}
