// Network scanners that speak eSCL (Mopria / AirScan), in TypeScript over HTTP: no worker
// process, because nothing here can crash or hang the station — every request has a timeout.
//
// Scanners come from a list of addresses (settings or SOHOA_ESCL_URLS) and, when enabled, from
// mDNS discovery. A scanner on https whose certificate no root vouches for (most of them: they
// are self-signed) is reached only through a certificate pinned for its address (`pins`,
// SOHOA_ESCL_PINS), whether it was typed in or discovered. Device ids are `escl:<uuid>`: the
// scanner's own UUID survives DHCP handing it another address, where a URL would not.
import { createHash } from 'node:crypto';
import type { Device, FeederState, SourceCaps } from '../../../contract';
import { StationError } from '../../errors';
import type { Logger } from '../../log';
import type { ScanDriver, ScanJobSpec, ScanOutcome } from '../driver';
import { type AdfState, type EsclCapabilities, normaliseUuid, parseCapabilities, parseStatus, splitMakeAndModel } from './capabilities';
import { type CertificatePin, parsePins, pinsFor } from './certificate-pins';
import { type EsclAddress, EsclHttp } from './http';
import { EsclJob } from './job';
import { discoverEscl } from './mdns';

/** A scanner found by discovery: its address and what its TXT record says. */
export interface DiscoveredScanner extends EsclAddress {
  readonly uuid?: string | undefined;
  readonly makeAndModel?: string | undefined;
}

export interface EsclDriverOptions {
  /** Addresses given by hand. */
  readonly addresses: readonly EsclAddress[];
  /** Certificates accepted by fingerprint, per `host:port` (typed-in and discovered addresses
   * alike): for scanners whose certificate chains to no trusted root. */
  readonly pins?: readonly CertificatePin[];
  /** What could not be read from the configuration; logged once, when the driver starts. */
  readonly configProblems?: readonly string[];
  /** Scanners found on the network; called on every listing (must answer within its own limit). */
  readonly discover?: () => Promise<readonly DiscoveredScanner[]>;
  readonly log?: Logger;
  /** Longest wait for the scanners' capabilities while listing, discovery included (default
   * 2 s): an address that does not answer must not hold up the device list. */
  readonly listTimeoutMs?: number;
  /** Longest silence of one request during a scan (default 60 s, like the SANE watchdog). */
  readonly requestTimeoutMs?: number;
  /** Longest run of "not ready" replies before the scanner counts as busy (default 120 s). */
  readonly notReadyLimitMs?: number;
}

interface Route {
  readonly http: EsclHttp;
  readonly caps: EsclCapabilities;
}

/** The addresses in SOHOA_ESCL_URLS (comma or space separated). */
export function esclAddressesFromEnv(env: NodeJS.ProcessEnv): EsclAddress[] {
  return (env.SOHOA_ESCL_URLS ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((u) => ({ url: u.replace(/\/+$/, '') }));
}

/** The driver's configuration from the environment: SOHOA_ESCL_URLS (manual addresses),
 * SOHOA_ESCL_PINS (`host:port=<SHA-256 fingerprint>` of certificates accepted though no root
 * vouches for them) and SOHOA_ESCL_DISCOVERY=1 (mDNS, off unless asked: it adds its 1.2 s wait
 * to every listing, and tests must see only their own scanners). The retired
 * SOHOA_ESCL_SELF_SIGNED (which accepted any certificate at an address) is ignored, with a
 * problem that points to the pins: such a scanner is refused, its fingerprint shown, until it
 * is pinned. */
export function esclOptionsFromEnv(env: NodeJS.ProcessEnv): Pick<EsclDriverOptions, 'addresses' | 'discover' | 'pins' | 'configProblems'> {
  const on = ['1', 'on', 'true', 'yes'].includes((env.SOHOA_ESCL_DISCOVERY ?? '').toLowerCase());
  const { pins, problems } = parsePins(env.SOHOA_ESCL_PINS);
  const configProblems = problems.map((p) => `SOHOA_ESCL_PINS: ${p}`);
  if (env.SOHOA_ESCL_SELF_SIGNED) {
    configProblems.push('SOHOA_ESCL_SELF_SIGNED is no longer accepted (it trusted any certificate at an address): pin each scanner’s certificate in SOHOA_ESCL_PINS=host:port=<SHA-256 fingerprint> instead');
  }
  return { addresses: esclAddressesFromEnv(env), pins, configProblems, ...(on ? { discover: () => discoverEscl({ waitMs: 1200 }) } : {}) };
}

export function esclDeviceId(uuid: string | undefined, url: string): string {
  // Without a UUID the address is all there is; hashed, so the id has no characters to escape.
  return `escl:${uuid ?? `url-${createHash('sha256').update(url).digest('hex').slice(0, 16)}`}`;
}

/** ScannerStatus's AdfState as the station's feeder state; a scanner that does not say is unknown. */
const FEEDER_STATE: Readonly<Record<AdfState, FeederState>> = { loaded: 'loaded', empty: 'empty', jam: 'jammed', 'hatch-open': 'open', other: 'unknown', none: 'unknown' };

export class EsclDriver implements ScanDriver {
  readonly family = 'escl' as const;
  private readonly routes = new Map<string, Route>();
  /** One HTTP client (and connection pool) per address, kept across listings. */
  private readonly clients = new Map<string, EsclHttp>();
  /** Every id listed since start: one that stops answering is `device-gone`, not unknown. */
  private readonly seen = new Set<string>();

  constructor(private readonly opts: EsclDriverOptions) {
    for (const problem of opts.configProblems ?? []) opts.log?.warn('escl configuration not used', { problem });
  }

  owns(deviceId: string): boolean {
    return deviceId.startsWith('escl:');
  }

  async list(): Promise<Device[]> {
    // One budget for the whole listing: typed-in addresses are asked at once, while discovery
    // listens; what discovery found gets the rest of the budget.
    const budget = this.opts.listTimeoutMs ?? 2000;
    const deadline = Date.now() + budget;
    const manual = Promise.all(this.opts.addresses.map((c) => this.probe(c, budget)));
    const found = this.opts.discover ? await this.opts.discover().catch(() => []) : [];
    const discovered = await Promise.all(found.map((c) => this.probe(c, Math.max(300, deadline - Date.now()))));
    const probed = [...(await manual), ...discovered];
    this.routes.clear();
    const devices: Device[] = [];
    for (const p of probed) {
      // The same scanner by two addresses (typed in and discovered, or http and https): the
      // first one listed wins, so an address given by hand beats discovery.
      if (!p || this.routes.has(p.id)) continue;
      this.routes.set(p.id, p.route);
      this.seen.add(p.id);
      const { vendor, model } = splitMakeAndModel(p.route.caps.makeAndModel);
      devices.push({ id: p.id, driver: 'escl', vendor, model, serial: p.route.caps.serial, demo: false, sources: p.route.caps.sources.map((s) => s.caps), ...(p.feeder ? { feeder: p.feeder } : {}) });
    }
    return devices;
  }

  async caps(deviceId: string): Promise<SourceCaps[]> {
    return (await this.route(deviceId)).caps.sources.map((s) => s.caps);
  }

  async scan(job: ScanJobSpec): Promise<ScanOutcome> {
    const route = await this.route(job.deviceId);
    try {
      return await new EsclJob(route.http, route.caps, job, {
        requestTimeoutMs: this.opts.requestTimeoutMs ?? 60_000,
        notReadyLimitMs: this.opts.notReadyLimitMs ?? 120_000,
      }).run();
    } catch (e) {
      // A scanner that went away may come back at another address: list again next time.
      if (e instanceof StationError && e.code === 'device-gone') this.routes.delete(job.deviceId);
      this.opts.log?.warn('escl scan failed', { device: job.deviceId, url: route.http.address.url, error: (e as Error).message });
      throw e;
    }
  }

  async close(): Promise<void> {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
    this.routes.clear();
  }

  private async route(deviceId: string): Promise<Route> {
    if (!this.routes.has(deviceId)) await this.list();
    const route = this.routes.get(deviceId);
    if (!route) throw new StationError(this.seen.has(deviceId) ? 'device-gone' : 'unknown-device', { device: deviceId });
    return route;
  }

  /** The client of an address, with the pins of its `host:port`; pins given with the address
   * itself (a caller that already resolved them) come first. */
  private client(address: EsclAddress): EsclHttp {
    const pins = [...new Set([...(address.pins ?? []), ...pinsFor(address.url, this.opts.pins ?? [])])];
    const key = `${address.url}|${pins.join(',')}`;
    let c = this.clients.get(key);
    if (!c) {
      c = new EsclHttp({ url: address.url, pins });
      this.clients.set(key, c);
    }
    return c;
  }

  /** The feeder's AdfState from ScannerStatus; unknown when the scanner does not answer it. */
  private async feederState(http: EsclHttp, timeoutMs: number): Promise<FeederState> {
    try {
      const reply = await http.request('GET', http.at('ScannerStatus'), { timeoutMs });
      return reply.status === 200 ? FEEDER_STATE[parseStatus(reply.body.toString('utf8'), http.deviceId).adf] : 'unknown';
    } catch {
      return 'unknown';
    }
  }

  /** Reads one address's capabilities; null (and a log line) when it does not answer well. */
  private async probe(candidate: DiscoveredScanner, timeoutMs: number): Promise<{ id: string; route: Route; feeder: FeederState | undefined } | null> {
    const http = this.client(candidate);
    try {
      const reply = await http.request('GET', http.at('ScannerCapabilities'), { timeoutMs });
      if (reply.status !== 200) throw new Error(`ScannerCapabilities: HTTP ${reply.status}`);
      const caps = parseCapabilities(reply.body.toString('utf8'), http.deviceId);
      const id = esclDeviceId(normaliseUuid(candidate.uuid) ?? caps.uuid, candidate.url);
      http.deviceId = id;
      const hasFeeder = caps.sources.some((s) => s.caps.source !== 'flatbed');
      return { id, route: { http, caps }, feeder: hasFeeder ? await this.feederState(http, timeoutMs) : undefined };
    } catch (e) {
      this.opts.log?.warn('escl address not usable', { url: candidate.url, error: (e as Error).message });
      return null;
    }
  }
}
