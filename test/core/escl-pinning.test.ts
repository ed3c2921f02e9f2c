// A network scanner on https with a self-signed certificate (most of them) is trusted only by
// that certificate's SHA-256 fingerprint, pinned for its address: the fixture scanner serves a
// certificate made by the real openssl, whose fingerprint openssl also gives — not the code
// under test. Refused connections must carry no request at all: the scanner (or an impostor)
// never sees ScanSettings.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, type Socket, createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DriverEvent, DriverScanSettings } from '../../electron/core/scan/driver';
import { StationError } from '../../electron/core/errors';
import { createLogger } from '../../electron/core/log';
import { parsePins } from '../../electron/core/scan/escl/certificate-pins';
import { EsclDriver, type EsclDriverOptions, esclOptionsFromEnv } from '../../electron/core/scan/escl/escl-driver';
import { EsclHttp } from '../../electron/core/scan/escl/http';
import { type EsclFixture, startEsclFixture } from '../escl-fixture/server';
import { undoAfterEach } from '../helpers/cleanup';
import { REPO, tempDir } from '../helpers/paths';

const cleanups = undoAfterEach();

function folder(prefix: string): string {
  const dir = tempDir(prefix);
  cleanups.push(dir.cleanup);
  return dir.path;
}

/** A self-signed certificate for 127.0.0.1 by openssl, and its SHA-256 fingerprint as openssl
 * prints it (`AB:CD:…`). */
function selfSigned(name: string): { key: Buffer; cert: Buffer; fingerprint: string } {
  const dir = folder(`escl-tls-${name}`);
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const out = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
  const fingerprint = /=([0-9A-F:]{95})\s*$/.exec(out)![1]!;
  return { key: readFileSync(key), cert: readFileSync(cert), fingerprint };
}

async function scanner(tls: { key: Buffer; cert: Buffer }): Promise<EsclFixture> {
  const f = await startEsclFixture({ sheets: 1, tls });
  cleanups.push(() => f.close());
  expect(f.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/eSCL$/);
  return f;
}

/** A driver whose log can be read back: listing reports an address it cannot use only there. */
function driver(opts: Partial<EsclDriverOptions>) {
  const logPath = join(folder('escl-log'), 'station.log');
  const d = new EsclDriver({ addresses: [], notReadyLimitMs: 20_000, ...opts, log: createLogger(logPath) });
  cleanups.push(() => d.close());
  return { d, log: () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '') };
}

/** GET ScannerCapabilities through a client of its own, to see the error itself. */
async function ask(url: string, pins?: string[]): Promise<unknown> {
  const http = new EsclHttp({ url, ...(pins ? { pins } : {}) });
  cleanups.push(() => http.close());
  return http.request('GET', http.at('ScannerCapabilities'), { timeoutMs: 5000 }).then(
    (r) => r.status,
    (e: unknown) => e,
  );
}

/** A certificate for `altName` signed by a test CA of openssl's, and that CA. */
function caSigned(altName: string): { key: Buffer; cert: Buffer; ca: string } {
  const dir = folder('escl-ca');
  const at = (f: string) => join(dir, f);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '1', '-subj', '/CN=SoHoa test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('key.pem'), '-out', at('req.csr'), '-subj', '/CN=scanner');
  writeFileSync(at('ext.cnf'), `subjectAltName=${altName}\n`);
  openssl('x509', '-req', '-in', at('req.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('cert.pem'), '-days', '1', '-extfile', at('ext.cnf'));
  return { key: readFileSync(at('key.pem')), cert: readFileSync(at('cert.pem')), ca: at('ca.pem') };
}

/** GET ScannerCapabilities from a process that trusts `ca` as a root (NODE_EXTRA_CA_CERTS is
 * read once, at start), without any pin: its status, or its error's code and details. */
async function askTrusting(ca: string, url: string): Promise<{ status?: number; code?: string; details?: Record<string, unknown> }> {
  const script = join(folder('escl-child'), 'ask.mts');
  writeFileSync(
    script,
    `import { EsclHttp } from ${JSON.stringify(join(REPO, 'electron/core/scan/escl/http.ts'))};
const http = new EsclHttp({ url: process.argv[2]! });
const out = await http.request('GET', http.at('ScannerCapabilities'), { timeoutMs: 5000 }).then(
  (r) => ({ status: r.status }),
  (e: { code: string; details: unknown }) => ({ code: e.code, details: e.details }),
);
http.close();
console.log(JSON.stringify(out));
`,
  );
  // Asynchronous: the scanner answers from this very process.
  const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', script, url], { cwd: REPO, env: { ...process.env, NODE_EXTRA_CA_CERTS: ca }, encoding: 'utf8' }, (e, out) => (e ? reject(e) : resolve({ stdout: out }))),
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { status?: number };
}

const hex = (fingerprint: string) => fingerprint.replace(/:/g, '').toLowerCase();

describe('eSCL certificate pinning', () => {
  it('refuses a self-signed scanner without a pin, showing the fingerprint to pin, and sends it nothing', async () => {
    const own = selfSigned('scanner');
    const f = await scanner(own);
    const address = `127.0.0.1:${f.port}`;

    const error = await ask(f.url);
    expect(error).toBeInstanceOf(StationError);
    expect(error).toMatchObject({
      code: 'scanner-certificate-unpinned',
      details: { address, fingerprint: own.fingerprint, pin: `${address}=${hex(own.fingerprint)}`, reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    });
    const message = (error as StationError).toWire().message;
    expect(message.en).toContain(own.fingerprint);
    expect(message.en).toContain(`SOHOA_ESCL_PINS=${address}=${hex(own.fingerprint)}`);
    expect(message.vi).toContain(own.fingerprint);

    // Listing leaves it out and says why where the administrator looks: the station's log.
    const { d, log } = driver({ addresses: [{ url: f.url }] });
    expect(await d.list()).toEqual([]);
    expect(log()).toContain(own.fingerprint);
    expect(f.requests).toEqual([]);
  });

  it('refuses it with a wrong pin, showing the fingerprint it presented', async () => {
    const own = selfSigned('scanner');
    const other = selfSigned('impostor');
    const f = await scanner(own);
    const address = `127.0.0.1:${f.port}`;
    // Pinned: the certificate the administrator checked. Presented: another one.
    const error = await ask(f.url, [hex(other.fingerprint)]);
    expect(error).toMatchObject({ code: 'scanner-certificate-mismatch', details: { address, fingerprint: own.fingerprint, reason: 'not the pinned certificate' } });
    expect((error as StationError).toWire().message.en).toMatch(/not the one pinned for this address\. Do not scan through it/);

    const { d, log } = driver({ addresses: [{ url: f.url }], pins: [{ address, sha256: hex(other.fingerprint) }] });
    expect(await d.list()).toEqual([]);
    expect(log()).toContain(own.fingerprint);
    expect(f.requests).toEqual([]);
  });

  it('refuses it when the pin is for another port of the same host', async () => {
    const own = selfSigned('scanner');
    const f = await scanner(own);
    const { d } = driver({ addresses: [{ url: f.url }], pins: [{ address: `127.0.0.1:${f.port + 1}`, sha256: hex(own.fingerprint) }] });
    expect(await d.list()).toEqual([]);
    expect(await ask(f.url)).toMatchObject({ code: 'scanner-certificate-unpinned' });
  });

  it('accepts it with the right pin from SOHOA_ESCL_PINS, and scans through it', async () => {
    const own = selfSigned('scanner');
    const f = await scanner(own);
    // As the administrator copies it from the panel: colons and capitals.
    const env = esclOptionsFromEnv({ SOHOA_ESCL_URLS: f.url, SOHOA_ESCL_PINS: `10.0.0.9:443=${'ab'.repeat(32)}, 127.0.0.1:${f.port}=${own.fingerprint}` });
    expect(env.pins).toEqual([
      { address: '10.0.0.9:443', sha256: 'ab'.repeat(32) },
      { address: `127.0.0.1:${f.port}`, sha256: hex(own.fingerprint) },
    ]);
    expect(env.configProblems).toEqual([]);
    const { d } = driver(env);
    const id = `escl:${f.identity.uuid}`;
    expect((await d.list()).map((x) => x.id)).toEqual([id]);
    const events: DriverEvent[] = [];
    const settings = { source: 'flatbed', mode: 'color', dpi: 75, area: { x: 0, y: 0, width: 210, height: 297 } } as DriverScanSettings;
    const outcome = await d.scan({ deviceId: id, settings, spoolDir: folder('escl-spool'), prefix: 'job', onEvent: (e) => events.push(e), signal: new AbortController().signal });
    expect(outcome).toEqual({ pages: 1, end: 'count' });
    expect(events.filter((e) => e.type === 'page')).toHaveLength(1);
  });

  it('applies pins to discovered scanners too', async () => {
    const own = selfSigned('scanner');
    const f = await scanner(own);
    const discover = () => Promise.resolve([{ url: f.url, uuid: f.identity.uuid }]);
    expect(await driver({ discover }).d.list()).toEqual([]);
    const pinned = driver({ discover, pins: [{ address: `127.0.0.1:${f.port}`, sha256: hex(own.fingerprint) }] });
    expect((await pinned.d.list()).map((x) => x.id)).toEqual([`escl:${f.identity.uuid}`]);
  });

  it('no longer accepts any certificate through SOHOA_ESCL_SELF_SIGNED, and says to pin instead', async () => {
    const f = await scanner(selfSigned('scanner'));
    const env = esclOptionsFromEnv({ SOHOA_ESCL_URLS: f.url, SOHOA_ESCL_SELF_SIGNED: f.url });
    expect(env.addresses).toEqual([{ url: f.url }]);
    expect(env.configProblems).toEqual([expect.stringMatching(/SOHOA_ESCL_SELF_SIGNED is no longer accepted.*SOHOA_ESCL_PINS=host:port=<SHA-256 fingerprint>/)]);
    const { d, log } = driver(env);
    expect(await d.list()).toEqual([]);
    expect(log()).toMatch(/escl configuration not used.*SOHOA_ESCL_SELF_SIGNED/);
    expect(f.requests).toEqual([]);
  });

  it('needs no pin for a certificate from a trusted root that names the address, and refuses one that names another', async () => {
    const good = caSigned('IP:127.0.0.1');
    const f = await scanner(good);
    expect(await askTrusting(good.ca, f.url)).toEqual({ status: 200 });
    const wrongName = caSigned('IP:10.9.9.9');
    const g = await scanner(wrongName);
    expect(await askTrusting(wrongName.ca, g.url)).toMatchObject({ code: 'scanner-certificate-unpinned', details: { reason: 'ERR_TLS_CERT_ALTNAME_INVALID' } });
    expect(g.requests).toEqual([]);
    // Without that root, the first one is as untrusted as a self-signed certificate.
    expect(await ask(f.url)).toMatchObject({ code: 'scanner-certificate-unpinned', details: { reason: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } });
  });

  it('bounds the TLS handshake by the request’s own timeout: an address that never answers it is skipped', async () => {
    // Accepts the connection, then says nothing: the handshake never ends.
    const held: Socket[] = [];
    const silent = createServer((s) => void held.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      for (const s of held) s.destroy();
      return new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const url = `https://127.0.0.1:${(silent.address() as AddressInfo).port}/eSCL`;
    const http = new EsclHttp({ url });
    cleanups.push(() => http.close());
    await expect(http.request('GET', http.at('ScannerCapabilities'), { timeoutMs: 700 })).rejects.toMatchObject({
      code: 'device-gone',
      details: { detail: 'ETIMEDOUT: no TLS handshake in 700 ms' },
    });
    expect(await driver({ addresses: [{ url }], listTimeoutMs: 700 }).d.list()).toEqual([]);
  });

  it('reads pins in either spelling and reports entries it cannot read', () => {
    const fp = 'AB:'.repeat(31) + 'AB';
    expect(parsePins(`scanner.local=${fp} [fe80::1]:8443=${'0'.repeat(64)} 10.0.0.9:443 10.0.0.9=xyz`)).toEqual({
      pins: [
        { address: 'scanner.local:443', sha256: 'ab'.repeat(32) },
        { address: '[fe80::1]:8443', sha256: '0'.repeat(64) },
      ],
      problems: [expect.stringContaining('"10.0.0.9:443"'), expect.stringContaining('"10.0.0.9=xyz"')],
    });
    expect(esclOptionsFromEnv({ SOHOA_ESCL_PINS: 'nonsense' }).configProblems).toEqual([expect.stringMatching(/^SOHOA_ESCL_PINS: "nonsense" is not host:port=/)]);
  });
});
