// One eSCL scan job: POST ScanSettings to ScanJobs, then GET NextDocument until the scanner says
// there is nothing more (404). Each 200 is one page, written to the spool folder as it arrives.
// 503 means "not ready yet" (warming up, feeding the next sheet); anything else is asked about
// through ScannerStatus, because eSCL reports a jam or an open hatch only there.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import type { ColorMode } from '../../../contract';
import { StationError } from '../../errors';
import type { DriverScanSettings, ScanArea, ScanJobSpec, ScanOutcome } from '../driver';
import { ESCL_MODES, type EsclCapabilities, type EsclSource, type EsclStatus, parseStatus, toUnits } from './capabilities';
import type { EsclHttp, FileLimit, HttpReply } from './http';
import { escapeXml } from './xml';

export interface JobTimings {
  /** Longest silence of one request before the scanner counts as gone. */
  readonly requestTimeoutMs: number;
  /** Longest run of 503 "not ready" replies without a page before the scanner counts as busy. */
  readonly notReadyLimitMs: number;
}

/** PNG for black and white (JPEG smears a bilevel page); JPEG for the rest, which the store keeps
 * as JPEG anyway. PDF is never asked for: the station builds its own PDF from page images. */
export function chooseFormat(source: EsclSource, mode: ColorMode): 'image/jpeg' | 'image/png' | null {
  const order = mode === 'bw' ? (['image/png', 'image/jpeg'] as const) : (['image/jpeg', 'image/png'] as const);
  return order.find((f) => source.formats.includes(f)) ?? null;
}

/** eSCL scanners always state their area, so capture/scan-settings.ts always sends one. */
function areaOf(s: DriverScanSettings): ScanArea {
  if (!s.area) throw new StationError('invalid-setting', { field: 'paper', detail: 'no scan area given', detail_vi: 'chưa có vùng quét' });
  return s.area;
}

/** No page body is accepted past this, whatever the job: 1 GiB is over twice a Legal page at
 * 1200 dpi in 24-bit colour, uncompressed. */
export const PAGE_CEILING_BYTES = 1024 ** 3;

const BYTES_PER_PIXEL: Readonly<Record<string, number>> = { RGB48: 6, RGB24: 3, Grayscale16: 2 };

/** The most a page of this job may weigh: its pixels uncompressed — over the larger of the
 * region asked for and the scanner's whole glass or feeder (some scanners ignore the region) —
 * twice over, plus 16 MiB for headers and a PNG or JPEG that compresses badly; never past
 * PAGE_CEILING_BYTES. Black and white counts as 8-bit grey: a scanner may send it as a grey JPEG.
 * A JPEG or PNG of a scanned page is well under its raw size, so a real page never comes near;
 * anything past this is a scanner (or an impostor) streaming without end. */
export function pageByteLimit(source: EsclSource, esclMode: string, s: DriverScanSettings): number {
  const area = areaOf(s);
  // Without a stated maximum, a Legal page (216 × 356 mm) is the largest assumed.
  const max = source.caps.maxArea ?? { width: 216, height: 356 };
  const px = (mm: number) => Math.ceil((mm / 25.4) * s.dpi);
  const pixels = px(Math.max(area.width, max.width)) * px(Math.max(area.height, max.height));
  return Math.min(PAGE_CEILING_BYTES, 2 * pixels * (BYTES_PER_PIXEL[esclMode] ?? 1) + 16 * 1024 ** 2);
}

export function scanSettingsXml(source: EsclSource, esclMode: string, format: string, s: DriverScanSettings, version: string): string {
  const area = areaOf(s);
  const region = { XOffset: toUnits(area.x), YOffset: toUnits(area.y), Width: toUnits(area.width), Height: toUnits(area.height) };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<scan:ScanSettings xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">',
    `  <pwg:Version>${escapeXml(version)}</pwg:Version>`,
    '  <pwg:ScanRegions>',
    '    <pwg:ScanRegion>',
    '      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>',
    ...Object.entries(region).map(([k, v]) => `      <pwg:${k}>${v}</pwg:${k}>`),
    '    </pwg:ScanRegion>',
    '  </pwg:ScanRegions>',
    `  <pwg:InputSource>${source.inputSource}</pwg:InputSource>`,
    ...(source.inputSource === 'Feeder' ? [`  <scan:Duplex>${source.duplex}</scan:Duplex>`] : []),
    `  <scan:ColorMode>${escapeXml(esclMode)}</scan:ColorMode>`,
    `  <scan:XResolution>${s.dpi}</scan:XResolution>`,
    `  <scan:YResolution>${s.dpi}</scan:YResolution>`,
    `  <pwg:DocumentFormat>${format}</pwg:DocumentFormat>`,
    `  <scan:DocumentFormatExt>${format}</scan:DocumentFormatExt>`,
    '</scan:ScanSettings>',
    '',
  ].join('\n');
}

/** Retry-After in ms (seconds or an HTTP date), kept between 100 ms and 30 s: a scanner asking
 * for minutes is better reported as busy by the caller's limit than waited on blindly. */
export function retryAfterMs(reply: HttpReply, fallback: number): number {
  const raw = String(reply.headers['retry-after'] ?? '').trim();
  let ms = fallback;
  if (/^\d+(\.\d+)?$/.test(raw)) ms = Number(raw) * 1000;
  else if (raw && !Number.isNaN(Date.parse(raw))) ms = Date.parse(raw) - Date.now();
  return Math.min(30_000, Math.max(100, ms));
}

export class EsclJob {
  private jobUrl: URL | null = null;
  private readonly device: string;
  /** The cap on each page's body, set once the job's source and mode are known. */
  private pageLimit = PAGE_CEILING_BYTES;

  constructor(
    private readonly http: EsclHttp,
    private readonly caps: EsclCapabilities,
    private readonly spec: ScanJobSpec,
    private readonly timings: JobTimings,
  ) {
    this.device = spec.deviceId;
  }

  async run(): Promise<ScanOutcome> {
    const s = this.spec.settings;
    const source = this.caps.sources.find((x) => x.caps.source === s.source);
    if (!source) throw new StationError('invalid-setting', { field: 'source', detail: `no ${s.source} on this scanner` });
    const esclMode = ESCL_MODES[s.mode].find((m) => source.esclModes.includes(m));
    if (!esclMode) throw new StationError('invalid-setting', { field: 'mode', detail: `${s.mode} is not offered` });
    const format = chooseFormat(source, s.mode);
    if (!format) throw new StationError('invalid-setting', { field: 'format', detail: `the scanner offers neither JPEG nor PNG (${source.formats.join(', ')})` });

    this.pageLimit = pageByteLimit(source, esclMode, s);
    try {
      if (source.inputSource === 'Feeder') await this.checkFeeder(0);
      await this.create(scanSettingsXml(source, esclMode, format, s, this.caps.version));
      const limit = s.pages ?? (source.inputSource === 'Platen' ? 1 : Infinity);
      let pages = 0;
      while (pages < limit) {
        const got = await this.nextDocument(pages + 1, format === 'image/png' ? 'png' : 'jpg');
        if (!got) {
          // 404: the job has no more documents. A jam or an open hatch can end a job this way
          // too on some scanners, so the status has the last word.
          if (source.inputSource === 'Platen') return { pages, end: 'count' };
          await this.checkFeeder(pages);
          // As with SANE: a feeder that gave nothing had no paper; one that ran empty after
          // some pages ended the batch normally.
          if (pages === 0) throw new StationError('no-documents', { device: this.device });
          return { pages, end: 'no-documents' };
        }
        pages++;
      }
      // The page count is reached: release the scanner (the rest of the stack stays in the tray).
      await this.delete();
      return { pages, end: 'count' };
    } catch (e) {
      if (this.spec.signal.aborted) {
        await this.delete();
        throw new StationError('cancelled', { device: this.device }, { cause: e });
      }
      if (!(e instanceof StationError) || e.code !== 'device-gone') await this.delete();
      throw e;
    }
  }

  private opts(extra: { body?: string; toFile?: string; fileLimit?: FileLimit; onData?: (b: number, e: number) => void } = {}) {
    return { timeoutMs: this.timings.requestTimeoutMs, signal: this.spec.signal, ...extra };
  }

  /** POST ScanJobs, waiting out 503s; sets the job URL from Location. */
  private async create(settingsXml: string): Promise<void> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const reply = await this.http.request('POST', this.http.at('ScanJobs'), this.opts({ body: settingsXml }));
      if (reply.status === 201 || reply.status === 200) {
        const location = reply.headers.location;
        if (!location) throw new StationError('io', { device: this.device, detail: 'ScanJobs answered without a Location' });
        this.jobUrl = this.http.job(location);
        return;
      }
      if (reply.status === 503) {
        await this.waitNotReady(reply, attempt, started);
        continue;
      }
      throw await this.failure(reply, 0, 'ScanJobs');
    }
  }

  /** GET NextDocument for page `page`: true with the page emitted, false at the job's end (404). */
  private async nextDocument(page: number, ext: string): Promise<boolean> {
    const s = this.spec.settings;
    const file = join(this.spec.spoolDir, `${this.spec.prefix}-escl-${page}.${ext}`);
    const url = new URL(`${this.jobUrl!.pathname}/NextDocument`, this.jobUrl!);
    const started = Date.now();
    let announced = false;
    let reported = 0;
    for (let attempt = 0; ; attempt++) {
      const reply = await this.download(url, file, page, (bytes, expected) => {
        // page-start with the first byte: the UI shows a page coming while it downloads.
        if (!announced) {
          announced = true;
          const px = (mm: number) => Math.round((mm / 25.4) * s.dpi);
          this.spec.onEvent({ type: 'page-start', page, widthPx: px(areaOf(s).width), heightPx: px(areaOf(s).height), dpi: s.dpi, mode: s.mode });
        }
        // Progress in steps of 256 kB: a page is tens of chunks, the UI needs a few events.
        if (bytes - reported >= 262_144 || bytes === expected) {
          reported = bytes;
          this.spec.onEvent({ type: 'progress', page, bytes, expected });
        }
      });
      if (reply.status === 200) {
        const meta = await sharp(file).metadata().catch((e: unknown) => {
          throw new StationError('io', { device: this.device, detail: `page ${page} is not a readable image: ${(e as Error).message}` });
        });
        this.spec.onEvent({ type: 'page', page, file, widthPx: meta.width ?? 0, heightPx: meta.height ?? 0, dpi: s.dpi, mode: s.mode, bytes: reply.bytes });
        return true;
      }
      if (reply.status === 404) return false;
      if (reply.status === 503) {
        await this.waitNotReady(reply, attempt, started);
        continue;
      }
      const error = await this.failure(reply, page - 1, 'NextDocument');
      // Some scanners end a feeder job that ran empty with 409 rather than 404.
      if (error.details.adf === 'empty' && page > 1) return false;
      throw error;
    }
  }

  /** GET a page into `file`, within the job's page limit; a half-written file is removed when
   * the transfer fails or is cut off. */
  private async download(url: URL, file: string, page: number, onData: (bytes: number, expected: number) => void): Promise<HttpReply> {
    const s = this.spec.settings;
    const fileLimit: FileLimit = {
      bytes: this.pageLimit,
      error: (bytes) =>
        new StationError('scanner-page-too-large', {
          device: this.device,
          page,
          detail: `${bytes} bytes or more, past the ${this.pageLimit} accepted for ${areaOf(s).width} × ${areaOf(s).height} mm at ${s.dpi} dpi`,
          detail_vi: `${bytes} byte trở lên, quá mức ${this.pageLimit} byte cho khổ ${areaOf(s).width} × ${areaOf(s).height} mm ở ${s.dpi} dpi`,
        }),
    };
    try {
      return await this.http.request('GET', url, this.opts({ toFile: file, fileLimit, onData }));
    } catch (e) {
      await rm(file, { force: true });
      throw e;
    }
  }

  private async waitNotReady(reply: HttpReply, attempt: number, since: number): Promise<void> {
    if (Date.now() - since > this.timings.notReadyLimitMs) {
      throw new StationError('busy', { device: this.device, detail: `not ready after ${Math.round((Date.now() - since) / 1000)} s` });
    }
    // Small backoff when the scanner gives no Retry-After: 250 ms doubling to 2 s.
    await sleep(retryAfterMs(reply, Math.min(2000, 250 * 2 ** attempt)), undefined, { signal: this.spec.signal });
  }

  private async status(): Promise<EsclStatus | null> {
    try {
      const reply = await this.http.request('GET', this.http.at('ScannerStatus'), { timeoutMs: this.timings.requestTimeoutMs });
      return reply.status === 200 ? parseStatus(reply.body.toString('utf8'), this.device) : null;
    } catch {
      return null;
    }
  }

  /** The feeder's state as an error, if it is one: before the job (nothing loaded is
   * `no-documents`) and after it (a jam that ended the job early). */
  private async checkFeeder(pagesSoFar: number): Promise<void> {
    const st = await this.status();
    const error = st && this.statusError(st, pagesSoFar);
    if (error) throw error;
  }

  private statusError(st: EsclStatus, pagesSoFar: number): StationError | null {
    const device = this.device;
    if (st.adf === 'jam') return new StationError('jammed', { device, detail: `after ${pagesSoFar} page(s)` });
    if (st.adf === 'hatch-open') return new StationError('cover-open', { device });
    if (st.adf === 'empty' && pagesSoFar === 0) return new StationError('no-documents', { device });
    return null;
  }

  /** A reply that is neither a page, an end nor "not ready": the status says why. */
  private async failure(reply: HttpReply, pagesSoFar: number, what: string): Promise<StationError> {
    const st = await this.status();
    const known = st && this.statusError(st, pagesSoFar);
    if (known) return known;
    const detail = `${what}: HTTP ${reply.status}${st ? ` (scanner ${st.state}, feeder ${st.adf})` : ''}`;
    const details = { device: this.device, detail, adf: st?.adf ?? 'unknown' };
    if (reply.status === 409 || st?.state === 'Processing') return new StationError('busy', details);
    return new StationError('io', details);
  }

  /** DELETE the job: stops the scanner and frees it for others. Best effort, never with the
   * job's own (perhaps aborted) signal. */
  private async delete(): Promise<void> {
    if (!this.jobUrl) return;
    const url = this.jobUrl;
    this.jobUrl = null;
    await this.http.request('DELETE', url, { timeoutMs: Math.min(5000, this.timings.requestTimeoutMs) }).catch(() => undefined);
  }
}
