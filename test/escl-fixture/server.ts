// An eSCL scanner on loopback for the tests: ScannerCapabilities, ScannerStatus, ScanJobs,
// NextDocument and DELETE, with pages from the real SANE test backend. It is a "real" scanner for
// any eSCL client — sane-airscan scans from it — and has knobs for what real scanners do: a
// feeder of N sheets, "not ready" (503 + Retry-After) before pages, a jam after sheet k, an
// open hatch, slow pages; and for what a broken or hostile one does: XML replies of its own
// choosing, a page that never ends.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FixtureIdentity, type JobView, capabilitiesXml, settingOf, statusXml } from './documents';
import { SanePageSource } from './pages';

export interface EsclFixtureOptions {
  /** Sheets in the feeder (each is one page, two with duplex). Default 3. */
  sheets?: number;
  /** The feeder jams instead of feeding sheet k+1, after k sheets this session. */
  jamAfterSheets?: number | undefined;
  hatchOpen?: boolean;
  /** 503 replies (with this Retry-After, seconds) before a job's first page. */
  notReady?: { count: number; retryAfter: number } | undefined;
  /** Papers laid on the glass, in turn (PNM files, scanned through SANE's pnm backend): each
   * platen scan takes the first one left (also `fixture.glass`, which a test may add to between
   * scans); with none left, the platen scans the test picture. */
  glass?: string[];
  /** Delay before each page is answered (a slow scan head), ms. */
  pageDelayMs?: number;
  tls?: { key: string | Buffer; cert: string | Buffer } | undefined;
  identity?: Partial<FixtureIdentity>;
  /** Served instead of the real ScannerCapabilities / ScannerStatus document. */
  capabilitiesBody?: string | undefined;
  statusBody?: string | undefined;
  /** NextDocument answers 200 and streams image bytes until the client hangs up; with
   * `contentLength`, it first announces that length (and still never stops). */
  endlessPage?: boolean | { contentLength: number };
}

export interface FixtureRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

export interface ServedPage {
  readonly job: string;
  readonly sheet: number;
  readonly side: 'front' | 'back';
  readonly sha256: string;
  readonly bytes: number;
  readonly format: string;
}

interface Job {
  readonly id: string;
  readonly settings: string;
  state: JobView['state'];
  images: number;
  notReadyLeft: number;
  /** A back side waiting to be served (duplex). */
  pendingBack: number | null;
}

export interface EsclFixture {
  readonly url: string;
  readonly port: number;
  readonly identity: FixtureIdentity;
  readonly requests: FixtureRequest[];
  readonly served: ServedPage[];
  /** Bytes of the endless page sent so far, and whether the client hung up on it. */
  readonly endless: { bytes: number; hungUp: boolean };
  /** Sheets still in the feeder. */
  sheets: number;
  /** Papers still to be laid on the glass (PNM files), the next first. */
  readonly glass: string[];
  /** Change knobs between scans. */
  readonly options: EsclFixtureOptions;
  /** The operator removed the jammed sheet: no more jam, the rest of the stack feeds. */
  clearJam(): void;
  close(): Promise<void>;
}

const xmlReply = (res: http.ServerResponse, status: number, xml: string) => {
  res.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml);
};
const empty = (res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders = {}) => {
  res.writeHead(status, { 'Content-Length': 0, ...headers });
  res.end();
};

export async function startEsclFixture(options: EsclFixtureOptions = {}): Promise<EsclFixture> {
  const pages = new SanePageSource();
  const identity: FixtureIdentity = {
    uuid: options.identity?.uuid ?? randomUUID(),
    makeAndModel: options.identity?.makeAndModel ?? 'SoHoa eSCL Fixture',
    serial: options.identity?.serial ?? 'FX-0001',
  };
  const jobs = new Map<string, Job>();
  let sheetsFed = 0;
  let jammed = false;
  const scheme = options.tls ? 'https' : 'http';

  const fixture = {
    url: '',
    port: 0,
    identity,
    requests: [] as FixtureRequest[],
    served: [] as ServedPage[],
    endless: { bytes: 0, hungUp: false as boolean },
    sheets: options.sheets ?? 3,
    glass: [...(options.glass ?? [])],
    options,
    clearJam: () => {
      jammed = false;
      options.jamAfterSheets = undefined;
    },
    close: async () => {},
  } satisfies EsclFixture;

  const adfState = () => (options.hatchOpen ? 'ScannerAdfHatchOpen' : jammed ? 'ScannerAdfJam' : fixture.sheets > 0 ? 'ScannerAdfLoaded' : 'ScannerAdfEmpty');
  const busy = () => [...jobs.values()].some((j) => j.state === 'Processing');

  async function page(job: Job, sheet: number, side: ServedPage['side'], res: http.ServerResponse, file?: string): Promise<void> {
    const s = (name: string) => settingOf(job.settings, name);
    const mm = (v: string | undefined, fallback: number) => (v === undefined ? fallback : (Number(v) * 25.4) / 300);
    const format = s('DocumentFormatExt') ?? s('DocumentFormat') ?? 'image/jpeg';
    const body = await pages.scan({
      colorMode: s('ColorMode') ?? 'RGB24',
      dpi: Number(s('XResolution') ?? 300),
      x: mm(s('XOffset'), 0),
      y: mm(s('YOffset'), 0),
      width: mm(s('Width'), 210),
      height: mm(s('Height'), 297),
      format: format === 'image/png' ? 'image/png' : 'image/jpeg',
      sheet,
      file,
    });
    job.images++;
    fixture.served.push({ job: job.id, sheet, side, sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length, format });
    res.writeHead(200, { 'Content-Type': format === 'image/png' ? 'image/png' : 'image/jpeg', 'Content-Length': body.length });
    res.end(body);
  }

  /** A JPEG header, then 64 kB chunks for as long as the client reads them. */
  function endlessPage(res: http.ServerResponse, contentLength: number | undefined): void {
    // Without a Content-Length the body is chunked, and has no end to be announced.
    res.writeHead(200, { 'Content-Type': 'image/jpeg', ...(contentLength === undefined ? {} : { 'Content-Length': contentLength }) });
    const chunk = Buffer.alloc(65_536, 0x55);
    res.on('close', () => {
      fixture.endless.hungUp = true;
    });
    const pump = () => {
      while (!res.destroyed) {
        fixture.endless.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    res.write(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    pump();
  }

  async function nextDocument(job: Job, res: http.ServerResponse): Promise<void> {
    if (job.state !== 'Processing') return empty(res, 404);
    if (options.endlessPage) return endlessPage(res, typeof options.endlessPage === 'object' ? options.endlessPage.contentLength : undefined);
    if (job.notReadyLeft > 0) {
      job.notReadyLeft--;
      return empty(res, 503, { 'Retry-After': String(options.notReady?.retryAfter ?? 1) });
    }
    if (options.pageDelayMs) await sleep(options.pageDelayMs);
    if (job.state !== 'Processing') return empty(res, 404); // cancelled while "scanning"
    const source = settingOf(job.settings, 'InputSource') ?? 'Platen';
    if (source === 'Platen') {
      if (job.images > 0) return finish(job, 'Completed', res);
      return page(job, 1, 'front', res, fixture.glass.shift());
    }
    if (job.pendingBack !== null) {
      const sheet = job.pendingBack;
      job.pendingBack = null;
      return page(job, sheet, 'back', res);
    }
    if (options.hatchOpen) return finish(job, 'Aborted', res, 409);
    if (options.jamAfterSheets !== undefined && sheetsFed >= options.jamAfterSheets && fixture.sheets > 0) {
      jammed = true;
      return finish(job, 'Aborted', res, 409);
    }
    if (fixture.sheets === 0) return finish(job, 'Completed', res);
    fixture.sheets--;
    const sheet = ++sheetsFed;
    if (settingOf(job.settings, 'Duplex') === 'true') job.pendingBack = sheet;
    return page(job, sheet, 'front', res);
  }

  function finish(job: Job, state: Job['state'], res: http.ServerResponse, status = 404): void {
    job.state = state;
    empty(res, status);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '');
    fixture.requests.push({ method: req.method ?? '', path, body });
    const jobMatch = /^\/eSCL\/ScanJobs\/([\w-]+)(\/NextDocument|\/ScanImageInfo)?$/.exec(path);
    if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities') return xmlReply(res, 200, options.capabilitiesBody ?? capabilitiesXml(identity, fixture.url));
    if (req.method === 'GET' && path === '/eSCL/ScannerStatus') {
      if (options.statusBody !== undefined) return xmlReply(res, 200, options.statusBody);
      const state = options.hatchOpen || jammed ? 'Stopped' : busy() ? 'Processing' : 'Idle';
      return xmlReply(res, 200, statusXml(state, adfState(), [...jobs.values()]));
    }
    if (req.method === 'POST' && path === '/eSCL/ScanJobs') {
      const source = settingOf(body, 'InputSource');
      if (!source || !['Platen', 'Feeder'].includes(source) || !settingOf(body, 'ColorMode')) return empty(res, 400);
      if (busy()) return empty(res, 503, { 'Retry-After': '1' });
      // What real scanners do with a feeder they cannot feed from: refuse the job (409).
      if (source === 'Feeder' && (options.hatchOpen || jammed || fixture.sheets === 0)) return empty(res, 409);
      const id = randomUUID();
      jobs.set(id, { id, settings: body, state: 'Processing', images: 0, notReadyLeft: options.notReady?.count ?? 0, pendingBack: null });
      res.writeHead(201, { Location: `${fixture.url}/ScanJobs/${id}`, 'Content-Length': 0 });
      return void res.end();
    }
    const job = jobMatch ? jobs.get(jobMatch[1]!) : undefined;
    if (!job) return empty(res, 404);
    if (req.method === 'GET' && jobMatch![2] === '/NextDocument') return nextDocument(job, res);
    if (req.method === 'DELETE' && !jobMatch![2]) {
      if (job.state === 'Processing') job.state = 'Canceled';
      return empty(res, 200);
    }
    return empty(res, 405);
  }

  const listener: http.RequestListener = (req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(parts).toString('utf8')).catch((e: unknown) => {
        if (!res.headersSent) xmlReply(res, 500, `<error>${String(e)}</error>`);
        else res.destroy();
      });
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fixture.port = (server.address() as AddressInfo).port;
  fixture.url = `${scheme}://127.0.0.1:${fixture.port}/eSCL`;
  fixture.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    pages.close();
  };
  return fixture;
}
