// A real PKCS#11 token for tests: SoftHSM2, in a folder of its own (SOFTHSM2_CONF), holding the
// test PKI's signers — the key imported into the token, the certificate beside it under the
// same CKA_ID, as a CA's token software leaves them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/paths';
import type { Leaf } from './test-pki';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftToken {
  readonly module: string;
  readonly label: string;
  readonly pin: string;
  readonly soPin: string;
  /** The CKA_ID (hex) of each leaf stored, in the order given. */
  readonly ids: readonly string[];
  cleanup(): void;
}

/** Creates the token and points this process at it (SOFTHSM2_CONF must be set before the module
 * is first loaded; PKCS#11 modules read their configuration once per process). */
export function createSoftToken(leaves: readonly Leaf[], label = 'sohoa-test'): SoftToken {
  const tmp = tempDir('softhsm');
  const tokens = join(tmp.path, 'tokens');
  mkdirSync(tokens);
  const conf = join(tmp.path, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const pin = '123456';
  const soPin = '12345678';
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', soPin], { env, stdio: 'pipe' });
  const ids = leaves.map((leaf, i) => {
    const id = (i + 1).toString(16).padStart(2, '0');
    const pkcs8 = join(tmp.path, `key-${id}.pem`);
    execFileSync('openssl', ['pkey', '-in', leaf.key, '-out', pkcs8], { stdio: 'pipe' });
    execFileSync('softhsm2-util', ['--import', pkcs8, '--token', label, '--label', `key-${id}`, '--id', id, '--pin', pin], { env, stdio: 'pipe' });
    const der = join(tmp.path, `cert-${id}.der`);
    writeFileSync(der, leaf.der);
    execFileSync('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, '--login', '--pin', pin, '--write-object', der, '--type', 'cert', '--id', id, '--label', `cert-${id}`], { env, stdio: 'pipe' });
    return id;
  });
  return { module: SOFTHSM_MODULE, label, pin, soPin, ids, cleanup: tmp.cleanup };
}
