// Opening the key a request names (a PKCS#12 file or a PKCS#11 token), and the trust anchors a
// verification or a B-LT signature starts from (PEM bundles or DER files).
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Settings, SigningKeyInput, TokenInfo } from '../../contract';
import { StationError, errorMessage } from '../errors';
import type { SigningKey } from './cms';
import { openP12 } from './p12-key';
import { listTokens, openPkcs11 } from './pkcs11-key';

/** The token library: the request's, else the station's setting, else SOHOA_PKCS11_MODULE. */
export function pkcs11ModuleFor(given: string | undefined, settings: Settings, env: NodeJS.ProcessEnv): string {
  const module = given ?? settings.pkcs11Module ?? env.SOHOA_PKCS11_MODULE;
  if (!module)
    throw new StationError('token-library', {
      module: '—',
      detail: 'no PKCS#11 library is configured',
      detail_vi: 'chưa cấu hình thư viện PKCS#11',
    });
  return module;
}

export async function openSigningKey(input: SigningKeyInput, settings: Settings, env: NodeJS.ProcessEnv): Promise<SigningKey> {
  if (input.kind === 'p12') return openP12(input.path, input.password);
  return openPkcs11({ module: pkcs11ModuleFor(input.module, settings, env), token: input.token, certificateId: input.certificateId, pin: input.pin });
}

export function tokensOf(module: string | undefined, settings: Settings, env: NodeJS.ProcessEnv): TokenInfo[] {
  return listTokens(pkcs11ModuleFor(module, settings, env));
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
