// The settings screens' core: the station's identity checked against the rules (unit code, level),
// scan defaults that meet the resolution rule, the signing key choice, what each role may change,
// everything kept across a restart, and "test connection" against the real reference store.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';

let store: ProvincialStore;
let tmp: ReturnType<typeof tempDir>;
const open: TestStation[] = [];

async function station(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<TestStation> {
  const t = await openTestStation({ dataDir, env: { ...process.env, SOHOA_SYNC_URL: '', SOHOA_SYNC_CLIENT_ID: '', SOHOA_SYNC_CLIENT_SECRET: '', ...env } });
  open.push(t);
  return t;
}

beforeAll(async () => {
  store = await startProvincialStore();
  tmp = tempDir('settings');
});

afterAll(async () => {
  for (const t of open) await t.close().catch(() => undefined);
  await store?.cleanup();
  tmp?.cleanup();
});

describe('settings', () => {
  it('takes a unit code in the national form only, and says which field and why', async () => {
    const t = await station(join(tmp.path, 'identity'));
    for (const bad of ['H12', '000.00.01.h12', '00.00.01.H12', '000.00.01.H12 x'])
      expect(await refused(t.call('settings.update', { unitCode: bad }))).toMatchObject({ code: 'invalid-input', details: { field: 'unitCode' } });
    const wrong = await refused(t.call('settings.update', { unitCode: 'H12' }));
    expect(wrong.message.en).toContain('000.00.01.H12');
    expect((await refused(t.call('settings.update', { level: 'phuong' as 'xa' }))).details).toMatchObject({ field: 'level' });
    const saved = await t.call('settings.update', { unitCode: '000.00.01.H12', level: 'xa', agencyName: 'UBND xã Hòa An' });
    expect(saved).toMatchObject({ unitCode: '000.00.01.H12', level: 'xa', agencyName: 'UBND xã Hòa An' });
    // A refused change leaves every setting as it was.
    await refused(t.call('settings.update', { unitCode: 'sai', level: 'tinh' }));
    expect(await t.call('settings.get', {})).toMatchObject({ unitCode: '000.00.01.H12', level: 'xa' });
  });

  it('keeps scan defaults at 200 dpi or more, and every change across a restart', async () => {
    const dir = join(tmp.path, 'restart');
    const t = await station(dir);
    expect((await refused(t.call('settings.update', { scanDefaults: { device: 'sane:test:0', source: 'feeder', preset: 'a4', dpi: 150, mode: 'color' } }))).details).toMatchObject({ field: 'scanDefaults.dpi' });
    expect((await refused(t.call('preferences.update', { signingKeyKind: 'p12', p12Path: 'ky-so/can-bo.p12' }))).details).toMatchObject({ field: 'p12Path' });
    await t.call('preferences.update', { signingKeyKind: 'p12', p12Path: '/srv/ky-so/can-bo.p12' });
    await t.call('settings.update', {
      scanDefaults: { device: 'sane:test:0', source: 'feeder', preset: 'a3', dpi: 300, mode: 'gray', profile: 'archive-grey' },
      signaturePosition: 'bottom-left',
      syncUrl: 'https://kho.hcc.example.vn/api',
      syncClientId: 'tram-xa-hoa-an',
      unitCode: '000.00.01.H12',
      level: 'tinh',
    });
    await t.close();
    const again = await station(dir);
    expect(await again.call('preferences.get', {})).toMatchObject({ signingKeyKind: 'p12', p12Path: '/srv/ky-so/can-bo.p12' });
    expect(await again.call('settings.get', {})).toMatchObject({
      scanDefaults: { device: 'sane:test:0', source: 'feeder', preset: 'a3', dpi: 300, mode: 'gray', profile: 'archive-grey' },
      signaturePosition: 'bottom-left',
      syncUrl: 'https://kho.hcc.example.vn/api',
      syncClientId: 'tram-xa-hoa-an',
      unitCode: '000.00.01.H12',
      level: 'tinh',
    });
  });

  it('lets an officer choose only their own signing key; the station’s settings, signing included, are the administrator’s', async () => {
    const t = await station(join(tmp.path, 'roles'));
    await t.call('users.create', { username: 'admin', displayName: 'Quản trị', role: 'admin', password: 'quan-tri-2026!' });
    const admin = { emit: () => {}, session: t.station.auth.newSession() };
    await t.call('session.login', { username: 'admin', password: 'quan-tri-2026!' }, admin);
    await t.call('users.create', { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: 'mot-cua-xa-hoa' }, admin);
    const officer = t.station.auth.newSession();
    const ctx = { emit: () => {}, session: officer };
    await t.call('session.login', { username: 'mai', password: 'mot-cua-xa-hoa' }, ctx);
    expect(await t.call('preferences.update', { signingKeyKind: 'p12', p12Path: '/home/mai/mai.p12' }, ctx)).toMatchObject({ signingKeyKind: 'p12', p12Path: '/home/mai/mai.p12' });
    for (const change of [
      { unitCode: '000.00.01.H12' },
      { scanDefaults: { device: null, source: 'flatbed' as const, preset: 'a4' as const, dpi: 200, mode: 'color' as const } },
      { syncUrl: 'https://x.example.vn' },
      { signatureVisible: false },
      { tsaUrl: 'http://127.0.0.1:9/tsa' },
      { pkcs11Modules: ['/tmp/evil.so'] },
    ])
      expect((await refused(t.call('settings.update', change, ctx))).code).toBe('forbidden');
    expect((await refused(t.call('sync.check', {}, ctx))).code).toBe('forbidden');
    // Everyone reads the settings (the screens show them read-only); preferences are per person.
    expect((await t.call('settings.get', {}, ctx)).signatureVisible).toBe(true);
    expect((await t.call('preferences.get', {}, admin)).p12Path).toBeNull();
    expect((await t.call('preferences.get', {}, ctx)).p12Path).toBe('/home/mai/mai.p12');
  });
});

describe('settings written by other versions', () => {
  it('reads scan defaults written before the profile existed, or by a later version, without losing the other settings', async () => {
    const t = await station(join(tmp.path, 'versions'));
    await t.call('settings.update', { unitCode: '000.00.01.H12', level: 'xa' });
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    try {
      const stored = JSON.parse(db.prepare("SELECT value FROM station WHERE key = 'settings'").pluck().get() as string) as Record<string, unknown>;
      for (const scanDefaults of [
        { device: null, source: 'feeder', preset: 'a4', dpi: 300, mode: 'color' },
        { device: null, source: 'feeder', preset: 'a4', dpi: 300, mode: 'color', profile: 'book', duplexSkew: 'a later version' },
      ]) {
        db.prepare("UPDATE station SET value = ? WHERE key = 'settings'").run(JSON.stringify({ ...stored, scanDefaults }));
        const read = await t.call('settings.get', {});
        expect(read).toMatchObject({ unitCode: '000.00.01.H12', level: 'xa', scanDefaults: { source: 'feeder', dpi: 300, profile: 'profile' in scanDefaults ? scanDefaults.profile : null } });
        expect(read.scanDefaults).not.toHaveProperty('duplexSkew');
      }
    } finally {
      db.close();
    }
  });
});

describe('test connection', () => {
  it('says the store answers with the saved address and credentials, and why not when it does not', async () => {
    const t = await station(join(tmp.path, 'check'), { SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret });
    expect(await t.call('sync.check', {})).toMatchObject({ ok: false, url: null, error: { code: 'sync-not-configured' } });
    await t.call('settings.update', { syncUrl: store.url, syncClientId: DEFAULT_CLIENT.id });
    expect(await t.call('sync.check', {})).toMatchObject({ ok: true, url: store.url });

    await t.call('settings.update', { syncClientId: 'tram-khong-co-that' });
    const refusedCredentials = await t.call('sync.check', {});
    expect(refusedCredentials).toMatchObject({ ok: false, error: { code: 'sync-credentials' } });

    await t.call('settings.update', { syncClientId: DEFAULT_CLIENT.id });
    await store.stop();
    try {
      const down = await t.call('sync.check', {});
      expect(down).toMatchObject({ ok: false, error: { code: 'sync-offline' } });
      if (!down.ok) expect(down.error.message.vi).toMatch(/Không kết nối được kho dữ liệu tỉnh/);
    } finally {
      await store.start();
    }
    expect((await t.call('sync.check', {})).ok).toBe(true);
  });
});
