// Opening the key a request names (a PKCS#12 file or a PKCS#11 token), and the trust anchors a
// verification or a B-LT signature starts from (PEM bundles or DER files).
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CertificateSummary, Settings, SigningKeyInput, TokenInfo } from '../../contract';
import { StationError, errorMessage } from '../errors';
import type { SigningKey } from './cms';
// certificates.ts (pkijs), p12-key.ts (node-forge) and pkcs11-key.ts load when a key or a token
// is first asked for, not with every process that opens the station (issue 17).

/** The token libraries this process may load: the administrator's list (settings), and the one
 * named by SOHOA_PKCS11_MODULE in the environment of whoever started the process (theirs to set). */
export function allowedModules(settings: Settings, env: NodeJS.ProcessEnv): string[] {
  return [...settings.pkcs11Modules, ...(env.SOHOA_PKCS11_MODULE ? [env.SOHOA_PKCS11_MODULE] : [])];
}

/** The token library: the one asked for (the request's, else the person's preference), else the
 * station's first; refused before anything is loaded unless it is on the allowed list. Loading a
 * library runs its code inside the process that holds the data key and the PINs typed into it. */
export function pkcs11ModuleFor(asked: string | undefined | null, settings: Settings, env: NodeJS.ProcessEnv): string {
  const allowed = allowedModules(settings, env);
  const module = asked ?? allowed[0];
  if (!module)
    throw new StationError('token-library', {
      module: '—',
      detail: 'no PKCS#11 library is configured',
      detail_vi: 'chưa cấu hình thư viện PKCS#11',
    });
  if (!allowed.some((a) => resolve(a) === resolve(module))) throw new StationError('token-library-not-allowed', { module });
  return module;
}

export async function openSigningKey(input: SigningKeyInput, settings: Settings, env: NodeJS.ProcessEnv, preferred?: string | null): Promise<SigningKey> {
  if (input.kind === 'p12') return (await import('./p12-key')).openP12(input.path, input.password);
  const { openPkcs11 } = await import('./pkcs11-key');
  return openPkcs11({ module: pkcs11ModuleFor(input.module ?? preferred, settings, env), token: input.token, certificateId: input.certificateId, pin: input.pin });
}

/** Who holds the certificate of a PKCS#12 file, who issued it, until when: said to the person
 * before they sign with it (their preferences keep it, never the password). */
export async function p12Certificate(path: string, password: string): Promise<CertificateSummary> {
  const [{ openP12 }, { inspectCertificate }] = await Promise.all([import('./p12-key'), import('./certificates')]);
  const key = await openP12(path, password);
  try {
    const c = inspectCertificate(key.certificate);
    return { subject: c.name, issuer: field(c.issuer, 'CN') ?? c.issuer.replace(/\n/g, ', '), notAfter: c.notAfter.toISOString() };
  } finally {
    await key.close();
  }
}

const field = (name: string, key: string) => new RegExp(`(?:^|\\n)${key}=([^\\n]+)`).exec(name)?.[1] ?? null;

export async function tokensOf(module: string | undefined | null, settings: Settings, env: NodeJS.ProcessEnv): Promise<TokenInfo[]> {
  const path = pkcs11ModuleFor(module, settings, env); // refused before any code loads
  return (await import('./pkcs11-key')).listTokens(path);
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate in the files: PEM (one or many) or a single DER certificate each. */
export async function loadTrustAnchors(paths: readonly string[]): Promise<Buffer[]> {
  const anchors: Buffer[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw new StationError('trust-unreadable', { path, detail: errorMessage(e) }, { cause: e });
    }
    const pems = bytes.toString('latin1').match(PEM_BLOCK);
    const ders = pems ? pems.map((p) => Buffer.from(p.replace(/-----[^-]+-----|\s/g, ''), 'base64')) : [bytes];
    for (const der of ders) {
      try {
        new X509Certificate(der);
      } catch (e) {
        throw new StationError('trust-unreadable', { path, detail: errorMessage(e) }, { cause: e });
      }
      anchors.push(der);
    }
  }
  return anchors;
}
