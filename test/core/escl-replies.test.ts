// What a network scanner — or anything answering at its address — may send: XML replies within
// size, depth and element caps, read by a real parser; page bodies within what the job's paper,
// resolution and mode can weigh. Each hostile reply is served for real by the fixture scanner
// (test/escl-fixture) over loopback, and refused with its own error.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../electron/core/errors';
import { createLogger } from '../../electron/core/log';
import type { DriverEvent, DriverScanSettings } from '../../electron/core/scan/driver';
import { parseCapabilities, parseStatus } from '../../electron/core/scan/escl/capabilities';
import { EsclDriver } from '../../electron/core/scan/escl/escl-driver';
import { EsclHttp } from '../../electron/core/scan/escl/http';
import { PAGE_CEILING_BYTES, pageByteLimit } from '../../electron/core/scan/escl/job';
import { XML_LIMITS, parseXml } from '../../electron/core/scan/escl/xml';
import { type EsclFixture, type EsclFixtureOptions, startEsclFixture } from '../escl-fixture/server';
import { undoAfterEach } from '../helpers/cleanup';
import { tempDir } from '../helpers/paths';

const cleanups = undoAfterEach();

async function fixture(opts: EsclFixtureOptions = {}): Promise<EsclFixture> {
  const f = await startEsclFixture(opts);
  cleanups.push(() => f.close());
  return f;
}

function folder(prefix: string): string {
  const dir = tempDir(prefix);
  cleanups.push(dir.cleanup);
  return dir.path;
}

/** A driver whose log lines can be read back (listing reports unusable addresses only there). */
function driverWithLog(f: EsclFixture) {
  const logPath = join(folder('escl-log'), 'station.log');
  const d = new EsclDriver({ addresses: [{ url: f.url }], log: createLogger(logPath), notReadyLimitMs: 20_000 });
  cleanups.push(() => d.close());
  const log = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
  return { d, log };
}

/** The error a call throws, or a failure when it throws nothing. */
function thrown(fn: () => unknown): StationError {
  try {
    fn();
  } catch (e) {
    return e as StationError;
  }
  throw new Error('expected an error');
}

const A4 = { x: 0, y: 0, width: 210, height: 297 };

describe('eSCL XML replies', () => {
  it('refuses 120 kB of unclosed tags as not well-formed, in one pass', () => {
    for (const body of ['<a'.repeat(60_000), `<r>${'<a'.repeat(60_000)}`, `<r><a b="${'x'.repeat(120_000)}`, `<r><!--${'-'.repeat(120_000)}`]) {
      const e = thrown(() => parseXml(body, 'escl:hostile'));
      expect(e).toBeInstanceOf(StationError);
      expect(e).toMatchObject({ code: 'scanner-reply-refused', details: { device: 'escl:hostile', detail: expect.stringMatching(/^not well-formed XML/) } });
      expect(e.toWire().message.vi).toMatch(/escl:hostile.*XML sai cấu trúc/);
    }
  });

  it('refuses nesting past the depth cap, and accepts it up to the cap', () => {
    const nested = (depth: number) => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
    let el = parseXml(nested(XML_LIMITS.depth));
    let depth = 1;
    while (el.children[0]) [el, depth] = [el.children[0], depth + 1];
    expect(depth).toBe(XML_LIMITS.depth);
    expect(thrown(() => parseXml(nested(XML_LIMITS.depth + 1)))).toMatchObject({ code: 'scanner-reply-refused', details: { detail: `elements nested deeper than ${XML_LIMITS.depth}` } });
    // 120 kB of open tags that are never closed: refused at the cap, not after reading them all.
    expect(thrown(() => parseXml('<a>'.repeat(40_000)))).toMatchObject({ code: 'scanner-reply-refused', details: { detail: `elements nested deeper than ${XML_LIMITS.depth}` } });
  });

  it('refuses more elements than the cap, and a document past the size cap', () => {
    const many = (n: number) => `<r>${'<a/>'.repeat(n - 1)}</r>`;
    expect(parseXml(many(XML_LIMITS.elements)).children).toHaveLength(XML_LIMITS.elements - 1);
    expect(thrown(() => parseXml(many(XML_LIMITS.elements + 1)))).toMatchObject({ details: { detail: `more than ${XML_LIMITS.elements} elements` } });
    const big = `<r>${'x'.repeat(XML_LIMITS.bytes)}</r>`;
    expect(thrown(() => parseXml(big))).toMatchObject({ code: 'scanner-reply-refused', details: { detail: expect.stringMatching(/bytes of XML, more than the 1048576 accepted/) } });
  });

  it('expands no entities: a DOCTYPE is refused, an undeclared entity is an error', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;</r>`;
    expect(thrown(() => parseXml(laughs))).toMatchObject({ code: 'scanner-reply-refused', details: { detail: 'a DOCTYPE in an eSCL reply' } });
    expect(thrown(() => parseXml('<r>&b;</r>'))).toMatchObject({ code: 'scanner-reply-refused', details: { detail: expect.stringMatching(/undefined entity/) } });
    // The five predefined entities, character references and CDATA are plain text.
    expect(parseXml('<r>a &amp; &#x42;<![CDATA[<c>]]></r>').text).toBe('a & B<c>');
  });

  it('keeps a scanner whose capabilities are 120 kB of unclosed tags out of the list, saying why', async () => {
    const f = await fixture({ capabilitiesBody: `<?xml version="1.0"?>${'<scan:ScannerCapabilities'.repeat(5_000)}` });
    const { d, log } = driverWithLog(f);
    expect(await d.list()).toEqual([]);
    expect(log()).toMatch(/escl address not usable.*does not accept \(not well-formed XML/);
    // The same reply read directly: the error names the scanner.
    const http = new EsclHttp({ url: f.url });
    cleanups.push(() => http.close());
    const reply = await http.request('GET', http.at('ScannerCapabilities'), { timeoutMs: 5000 });
    expect(thrown(() => parseCapabilities(reply.body.toString('utf8'), http.deviceId))).toMatchObject({ code: 'scanner-reply-refused', details: { device: f.url } });
  });

  it('stops reading an XML reply at the size cap', async () => {
    const f = await fixture({ capabilitiesBody: `<r>${'x'.repeat(2 * XML_LIMITS.bytes)}</r>` });
    const http = new EsclHttp({ url: f.url });
    cleanups.push(() => http.close());
    await expect(http.request('GET', http.at('ScannerCapabilities'), { timeoutMs: 5000 })).rejects.toMatchObject({
      code: 'scanner-reply-refused',
      details: { detail: expect.stringMatching(/past the 1048576 accepted/) },
    });
    const { d } = driverWithLog(f);
    expect(await d.list()).toEqual([]);
  });

  it('lists a scanner whose status reply is nested 10 000 deep, with its feeder unknown', async () => {
    const deep = `<scan:ScannerStatus xmlns:scan="s">${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}</scan:ScannerStatus>`;
    expect(thrown(() => parseStatus(deep, 'escl:x'))).toMatchObject({ code: 'scanner-reply-refused', details: { device: 'escl:x' } });
    const f = await fixture({ statusBody: deep });
    const { d } = driverWithLog(f);
    expect((await d.list()).map((x) => [x.id, x.feeder])).toEqual([[`escl:${f.identity.uuid}`, 'unknown']]);
  });
});

describe('eSCL page bodies', () => {
  /** A scan of one page from the fixture's glass, with every event and the error it ended with. */
  async function scanOne(f: EsclFixture, settings: Partial<DriverScanSettings> = {}) {
    const d = new EsclDriver({ addresses: [{ url: f.url }], notReadyLimitMs: 20_000 });
    cleanups.push(() => d.close());
    const spoolDir = folder('escl-spool');
    const events: DriverEvent[] = [];
    const spec = { source: 'flatbed', mode: 'gray', dpi: 75, area: A4, ...settings } as DriverScanSettings;
    const error = await d
      .scan({ deviceId: `escl:${f.identity.uuid}`, settings: spec, spoolDir, prefix: 'job', onEvent: (e) => events.push(e), signal: new AbortController().signal })
      .then(() => null, (e: unknown) => e as StationError);
    return { error, events, spoolDir };
  }

  it('sizes the limit from the paper, resolution and mode, under an absolute ceiling', () => {
    const source = { caps: { maxArea: { width: 215.9, height: 296.9 } } } as Parameters<typeof pageByteLimit>[0];
    const a4 = (dpi: number) => ({ source: 'flatbed', mode: 'color', dpi, area: A4 }) as DriverScanSettings;
    // A4 (the glass is a little wider) at 300 dpi in 24-bit colour: 2550 × 3508 pixels, twice, plus 16 MiB.
    expect(pageByteLimit(source, 'RGB24', a4(300))).toBe(2 * 2550 * 3508 * 3 + 16 * 1024 ** 2);
    expect(pageByteLimit(source, 'Grayscale8', a4(300))).toBe(2 * 2550 * 3508 + 16 * 1024 ** 2);
    expect(pageByteLimit(source, 'RGB48', a4(600))).toBe(2 * 5100 * 7016 * 6 + 16 * 1024 ** 2);
    expect(pageByteLimit(source, 'RGB48', a4(4800))).toBe(PAGE_CEILING_BYTES);
  });

  it('cuts off a page that never ends, removes what arrived, and ends the job', async () => {
    const f = await fixture({ endlessPage: true });
    const { error, events, spoolDir } = await scanOne(f);
    expect(error).toBeInstanceOf(StationError);
    expect(error).toMatchObject({ code: 'scanner-page-too-large', details: { device: `escl:${f.identity.uuid}`, page: 1 } });
    expect(error!.toWire().message.en).toMatch(/cut it off and removed what had arrived/);
    expect(error!.toWire().message.vi).toMatch(/quá mức \d+ byte cho khổ 210 × 297 mm ở 75 dpi/);
    expect(readdirSync(spoolDir)).toEqual([]); // the partial page is gone
    expect(events.filter((e) => e.type === 'page')).toEqual([]);
    // The scanner was hung up on and its job deleted.
    await expect.poll(() => f.endless.hungUp).toBe(true);
    await expect.poll(() => f.requests.some((q) => q.method === 'DELETE')).toBe(true);
    // It sent about the limit, not without end: what it wrote after the cut-off is only what
    // the socket buffers took.
    const limit = Number(/past the (\d+) accepted/.exec(String(error!.details.detail))![1]);
    expect(f.endless.bytes).toBeLessThan(limit + 16 * 1024 ** 2);
  });

  it('refuses a page whose announced length is past the limit before reading it', async () => {
    const f = await fixture({ endlessPage: { contentLength: PAGE_CEILING_BYTES } });
    const { error, spoolDir } = await scanOne(f);
    expect(error).toMatchObject({ code: 'scanner-page-too-large', details: { detail: expect.stringMatching(new RegExp(`^${PAGE_CEILING_BYTES} bytes or more`)) } });
    expect(readdirSync(spoolDir)).toEqual([]);
    await expect.poll(() => f.endless.hungUp).toBe(true);
  });

  it('still takes a real page, well within its limit', async () => {
    const f = await fixture();
    const { error, events } = await scanOne(f, { mode: 'color', dpi: 150 });
    expect(error).toBeNull();
    expect(events.filter((e) => e.type === 'page')).toHaveLength(1);
  });
});
