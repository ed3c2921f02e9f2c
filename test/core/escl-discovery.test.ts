// eSCL scanners found without typing an address (mDNS `_uscan._tcp`, answered by a responder of
// the test's own on a port of its own), and an eSCL scanner used through the whole station.
import { afterEach, describe, expect, it } from 'vitest';
import { EsclDriver } from '../../electron/core/scan/escl/escl-driver';
import { decodeRecords, discoverEscl } from '../../electron/core/scan/escl/mdns';
import { response, startMdnsResponder } from '../escl-fixture/mdns-responder';
import { type EsclFixture, type EsclFixtureOptions, startEsclFixture } from '../escl-fixture/server';
import { undoAfterEach } from '../helpers/cleanup';
import { type TestStation, openTestStation } from '../helpers/station';

const cleanups = undoAfterEach();

async function fixture(opts: EsclFixtureOptions = {}): Promise<EsclFixture> {
  const f = await startEsclFixture(opts);
  cleanups.push(() => f.close());
  return f;
}

describe('eSCL discovery (mDNS)', () => {
  const txt = (f: EsclFixture) => ({ txtvers: '1', rs: 'eSCL', ty: 'SoHoa eSCL Fixture', UUID: f.identity.uuid, pdl: 'image/jpeg,image/png' });

  it('decodes compressed names, SRV, TXT and A as responders send them', () => {
    const records = decodeRecords(response({ instance: 'Máy quét tầng 1', host: 'scanner-1', port: 8080, txt: { rs: 'eSCL', UUID: 'u-1' } }, 7));
    expect(records.map((r) => [r.type, r.name, r.data, r.port ?? null])).toEqual([
      [12, '_uscan._tcp.local', 'Máy quét tầng 1._uscan._tcp.local', null],
      [33, 'Máy quét tầng 1._uscan._tcp.local', 'scanner-1.local', 8080],
      [16, 'Máy quét tầng 1._uscan._tcp.local', '', null],
      [1, 'scanner-1.local', '127.0.0.1', null],
    ]);
    expect(records[2]!.txt).toEqual({ rs: 'eSCL', uuid: 'u-1' });
    expect(() => decodeRecords(Buffer.from([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 12]))).toThrow(); // a pointer loop
  });

  for (const ptrOnly of [false, true]) {
    it(`finds the fixture on the network and lists it by its TXT UUID${ptrOnly ? ' (asking again for SRV and TXT)' : ''}`, async () => {
      const f = await fixture();
      // A multicast port of the test's own: never the machine's real mDNS.
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const responder = await startMdnsResponder(port, { instance: 'Fixture scanner', host: 'fixture', port: f.port, txt: txt(f), ptrOnly });
      cleanups.push(() => responder.close());
      const found = await discoverEscl({ waitMs: 700, port });
      expect(found).toEqual([{ url: f.url, uuid: f.identity.uuid, makeAndModel: 'SoHoa eSCL Fixture' }]);
      if (ptrOnly) expect(responder.queries).toEqual(expect.arrayContaining(['33 fixture scanner._uscan._tcp.local', '16 fixture scanner._uscan._tcp.local']));
      const d = new EsclDriver({ addresses: [], discover: () => discoverEscl({ waitMs: 700, port }) });
      cleanups.push(() => d.close());
      expect((await d.list()).map((x) => x.id)).toEqual([`escl:${f.identity.uuid}`]);
    });
  }

  it('finds nothing, quietly and in time, where nobody answers', async () => {
    const started = Date.now();
    expect(await discoverEscl({ waitMs: 300, port: 9 })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('eSCL through the station', () => {
  let t: TestStation | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('lists the scanner of SOHOA_ESCL_URLS, stores a feeder batch from it, and continues after a jam', async () => {
    const f = await fixture({ sheets: 3 });
    // openTestStation's environment is process.env with the tests' SANE configuration.
    process.env.SOHOA_ESCL_URLS = f.url;
    try {
      t = await openTestStation();
    } finally {
      delete process.env.SOHOA_ESCL_URLS;
    }
    const id = `escl:${f.identity.uuid}`;
    const devices = await t.call('devices.list', {});
    expect(devices.find((x) => x.id === id)).toMatchObject({ driver: 'escl', vendor: 'SoHoa', model: 'eSCL Fixture', demo: false });
    expect(devices[0]!.id).toBe(id); // a real scanner before the demonstration ones
    const run = await t.scan({ device: id, source: 'feeder', paper: { preset: 'a4' }, dpi: 100, mode: 'gray' });
    expect(run.outcome).toMatchObject({ name: 'scan.done', payload: { pages: 3, end: 'no-documents' } });
    const stored = t.station.documents.pages(run.documentId);
    expect(stored.map((p) => [p.seq, p.dpi, p.mode])).toEqual([
      [1, 100, 'gray'],
      [2, 100, 'gray'],
      [3, 100, 'gray'],
    ]);
    expect(f.served).toHaveLength(3);

    // A jam mid-batch: the sheets before it are kept, Continue scans the rest, none doubled.
    f.sheets = 4;
    f.options.jamAfterSheets = 5;
    const jam = await t.scan({ device: id, source: 'feeder', paper: { preset: 'a4' }, dpi: 100, mode: 'gray' });
    expect(jam.outcome).toMatchObject({ name: 'scan.failed', payload: { error: { code: 'jammed' }, pagesSaved: 2 } });
    f.clearJam();
    const more = await t.scan({ device: id, source: 'feeder', paper: { preset: 'a4' }, dpi: 100, mode: 'gray', documentId: jam.documentId });
    expect(more.outcome).toMatchObject({ name: 'scan.done', payload: { pages: 2, end: 'no-documents' } });
    expect(t.station.documents.pages(jam.documentId).map((p) => p.seq)).toEqual([1, 2, 3, 4]);
    expect(f.served.map((x) => x.sheet)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
