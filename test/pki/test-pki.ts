// A test PKI built by real openssl, with real peers on loopback: a root CA; signers (valid,
// expired, without signing key usage, revoked); a TSA answered by `openssl ts -reply`; an OCSP
// responder run by `openssl ocsp`; the CRL over HTTP; and an NSS database that trusts the CA, so
// that poppler's pdfsig can judge trust too.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '../helpers/paths';

export interface Leaf {
  readonly key: string;
  readonly pem: string;
  readonly der: Buffer;
  readonly p12: string;
}

export interface TestPki {
  readonly dir: string;
  readonly caPem: string;
  readonly caDer: Buffer;
  readonly p12Password: string;
  readonly signer: Leaf;
  readonly expired: Leaf;
  readonly noSigning: Leaf;
  readonly revoked: Leaf;
  /** An ECDSA P-256 signer (tokens often hold EC keys). */
  readonly ecSigner: Leaf;
  /** An ECDSA P-384 signer (signs with SHA-384). */
  readonly ecSigner384: Leaf;
  readonly tsaUrl: string;
  readonly nssDir: string;
  close(): Promise<void>;
}

const openssl = (dir: string, args: string[], input?: Buffer) => execFileSync('openssl', args, { cwd: dir, input, stdio: input ? ['pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'] });

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function freePort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

function caConfig(dir: string, ocspPort: number, httpPort: number): string {
  return `
[ ca ]
default_ca = testca
[ testca ]
dir = ${dir}
database = $dir/index.txt
serial = $dir/serial
crlnumber = $dir/crlnumber
new_certs_dir = $dir/issued
certificate = $dir/ca.pem
private_key = $dir/ca.key
default_md = sha256
default_days = 825
default_crl_days = 30
policy = anything
unique_subject = no
copy_extensions = none
utf8 = yes
string_mask = utf8only
[ anything ]
countryName = optional
organizationName = optional
commonName = supplied
[ req ]
distinguished_name = dn
utf8 = yes
string_mask = utf8only
[ dn ]
[ v3_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ signer ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
authorityInfoAccess = OCSP;URI:http://127.0.0.1:${ocspPort}/
crlDistributionPoints = URI:http://127.0.0.1:${httpPort}/ca.crl
[ nosign ]
basicConstraints = CA:FALSE
keyUsage = critical, keyEncipherment
[ tsa ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
[ ocsp ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, OCSPSigning
[ tsa_section ]
default_tsa = tsa1
[ tsa1 ]
dir = ${dir}
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/ca.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

export async function createTestPki(): Promise<TestPki> {
  const tmp = tempDir('pki');
  const dir = tmp.path;
  mkdirSync(join(dir, 'issued'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'crlnumber'), '1000\n');
  writeFileSync(join(dir, 'tsaserial'), '01\n');

  // The CRL and the TSA answer over HTTP from this process; the OCSP responder is openssl's own.
  const http = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/ca.crl') {
      res.writeHead(200, { 'content-type': 'application/pkix-crl' });
      return res.end(readFileSync(join(dir, 'ca.crl')));
    }
    if (req.method === 'POST' && req.url === '/tsa') {
      const body: Buffer[] = [];
      req.on('data', (d: Buffer) => body.push(d));
      req.on('end', () => {
        try {
          const query = join(dir, `q-${Date.now()}-${Math.random()}.tsq`);
          writeFileSync(query, Buffer.concat(body));
          const reply = openssl(dir, ['ts', '-reply', '-config', join(dir, 'ca.cnf'), '-section', 'tsa1', '-queryfile', query, '-out', '-']);
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
          res.end(reply);
        } catch (e) {
          res.writeHead(500);
          res.end(String(e));
        }
      });
      return;
    }
    res.writeHead(404);
    res.end();
  });
  const httpPort = await listen(http);
  const ocspPort = await freePort();
  const cnf = join(dir, 'ca.cnf');
  writeFileSync(cnf, caConfig(dir, ocspPort, httpPort));

  openssl(dir, ['req', '-x509', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/C=VN/O=SoHoa Test/CN=SoHoa Test Root CA', '-config', cnf, '-extensions', 'v3_ca']);
  const password = 'mật-khẩu-thử';
  const leaf = (name: string, subject: string, extensions: string, dates: string[] = ['-days', '825'], keySpec = ['-newkey', 'rsa:2048']): Leaf => {
    openssl(dir, ['req', '-new', ...keySpec, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject, '-utf8', '-config', cnf]);
    openssl(dir, ['ca', '-batch', '-config', cnf, '-extensions', extensions, '-in', `${name}.csr`, '-out', `${name}.pem`, '-notext', ...dates]);
    openssl(dir, ['x509', '-in', `${name}.pem`, '-outform', 'DER', '-out', `${name}.der`]);
    openssl(dir, ['pkcs12', '-export', '-inkey', `${name}.key`, '-in', `${name}.pem`, '-certfile', 'ca.pem', '-out', `${name}.p12`, '-passout', `pass:${password}`, '-name', name]);
    return { key: join(dir, `${name}.key`), pem: join(dir, `${name}.pem`), der: readFileSync(join(dir, `${name}.der`)), p12: join(dir, `${name}.p12`) };
  };
  const signer = leaf('signer', '/C=VN/O=UBND xã Hòa Thuận/CN=Nguyễn Văn An', 'signer');
  const expired = leaf('expired', '/C=VN/O=UBND xã Hòa Thuận/CN=Trần Thị Cũ', 'signer', ['-startdate', '20200101000000Z', '-enddate', '20210101000000Z']);
  const noSigning = leaf('nosign', '/C=VN/CN=Không Ký Được', 'nosign');
  const revoked = leaf('revoked', '/C=VN/CN=Lê Văn Thu Hồi', 'signer');
  const ecSigner = leaf('ecsigner', '/C=VN/O=UBND xã Hòa Thuận/CN=Phạm Thị Bình', 'signer', undefined, ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
  const ecSigner384 = leaf('ecsigner384', '/C=VN/O=UBND xã Hòa Thuận/CN=Võ Văn Đức', 'signer', undefined, ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384']);
  leaf('tsa', '/C=VN/O=SoHoa Test/CN=SoHoa Test TSA', 'tsa');
  leaf('ocsp', '/C=VN/O=SoHoa Test/CN=SoHoa Test OCSP', 'ocsp');
  openssl(dir, ['ca', '-config', cnf, '-revoke', revoked.pem]);
  openssl(dir, ['ca', '-config', cnf, '-gencrl', '-out', 'ca.crl.pem']);
  openssl(dir, ['crl', '-in', 'ca.crl.pem', '-outform', 'DER', '-out', 'ca.crl']);

  // openssl's responder serves one connection at a time: probing its port would leave it reading
  // the probe's connection. It says on stderr when it is ready.
  const ocsp: ChildProcess = spawn('openssl', ['ocsp', '-index', 'index.txt', '-port', String(ocspPort), '-rsigner', 'ocsp.pem', '-rkey', 'ocsp.key', '-CA', 'ca.pem', '-ignore_err'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`the OCSP responder (openssl ocsp) did not start: ${said}`)), 10_000);
    ocsp.stderr!.on('data', (d: Buffer) => {
      said += d.toString();
      if (said.includes('waiting for OCSP client connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    ocsp.once('exit', (code) => reject(new Error(`the OCSP responder exited (${code}): ${said}`)));
  });
  ocsp.stderr!.resume();

  const nssDir = join(dir, 'nss');
  mkdirSync(nssDir);
  execFileSync('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${nssDir}`, '-n', 'sohoa-test-ca', '-t', 'CT,C,C', '-i', join(dir, 'ca.pem')]);

  return {
    dir,
    caPem: join(dir, 'ca.pem'),
    caDer: openssl(dir, ['x509', '-in', 'ca.pem', '-outform', 'DER']),
    p12Password: password,
    signer,
    expired,
    noSigning,
    revoked,
    ecSigner,
    ecSigner384,
    tsaUrl: `http://127.0.0.1:${httpPort}/tsa`,
    nssDir,
    async close() {
      ocsp.kill();
      await new Promise((r) => http.close(r));
      tmp.cleanup();
    },
  };
}
