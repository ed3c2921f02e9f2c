// The station's first start (issue 16): the wizard's core steps, its one way to an account without
// signing in — closed once the first administrator exists, which an attacker at the same PC tries
// here — demonstration mode, whose records never reach the province, and no record or audit row
// ever named after the OS account.
import Database from 'better-sqlite3';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MethodInput, type MethodName, type MethodOutput, vietnamToday } from '../../electron/contract';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';

const PASSWORD = 'mat-khau-thu-nghiem-2026';
const OS_USER = userInfo().username;
let pki: TestPki;
let tmp: ReturnType<typeof tempDir>;
let paper = '';
let t: TestStation | null = null;

/** One browser tab or window: its own session. */
function tab(station: TestStation) {
  const session = station.station.auth.newSession();
  return <M extends MethodName>(m: M, i: MethodInput<M>): Promise<MethodOutput<M>> => station.call(m, i, { emit: () => {}, session });
}

beforeAll(async () => {
  pki = await createTestPki();
  tmp = tempDir('first-start');
  paper = join(tmp.path, 'don.png');
  await sharp({ create: { width: 600, height: 840, channels: 3, background: '#f6f3ea' } }).png().toFile(paper);
}, 120_000);

afterEach(async () => {
  await t?.close();
  t = null;
});

afterAll(async () => {
  await pki?.close();
  tmp?.cleanup();
});

describe('the first-start wizard', () => {
  it('goes from a fresh station to a set-up one: identity, the first administrator signed in, an officer, finished', async () => {
    t = await openTestStation();
    const wizard = tab(t);
    expect(await wizard('setup.state', {})).toEqual({ status: 'needed', agencyName: null, unitCode: null, level: null });
    expect(await wizard('setup.identity', { agencyName: 'UBND xã Hòa Bình', unitCode: '000.00.01.H12', level: 'xa' })).toMatchObject({ status: 'needed', agencyName: 'UBND xã Hòa Bình', unitCode: '000.00.01.H12' });
    const session = await wizard('setup.firstAdmin', { username: 'quantri', displayName: 'Nguyễn Văn Quản', password: PASSWORD });
    expect(session.user).toMatchObject({ username: 'quantri', role: 'admin' });
    expect((await wizard('setup.state', {})).status).toBe('continuing');
    // The later steps are the administrator's ordinary methods, signed in.
    await wizard('users.create', { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: PASSWORD });
    expect((await wizard('setup.finish', {})).status).toBe('done');
    const officer = tab(t);
    expect((await officer('session.login', { username: 'mai', password: PASSWORD })).user?.displayName).toBe('Trần Thị Mai');
    expect((await officer('setup.state', {})).status).toBe('done');
  });

  it('refuses a unit code that is not in the QCVN 102 form, with the advice to copy it from the list', async () => {
    t = await openTestStation();
    const e = await refused(tab(t)('setup.identity', { agencyName: 'UBND xã Hòa Bình', unitCode: 'H12', level: 'xa' }));
    expect(e.code).toBe('invalid-input');
    expect(e.message.vi).toContain('000.00.01.H12');
  });
});

describe('an attacker at the same PC, once the first administrator exists', () => {
  it('cannot make an account through the wizard, signed out or signed in as an officer, nor put the station into demonstration mode', async () => {
    t = await openTestStation();
    const admin = tab(t);
    await admin('setup.firstAdmin', { username: 'quantri', displayName: 'Nguyễn Văn Quản', password: PASSWORD });
    await admin('users.create', { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: PASSWORD });

    // Another tab, never signed in: the wizard's account path is closed, the admin's needs a sign-in.
    const attacker = tab(t);
    expect((await refused(attacker('setup.firstAdmin', { username: 'ke-gian', displayName: 'Kẻ gian', password: PASSWORD }))).code).toBe('setup-closed');
    expect((await refused(attacker('users.create', { username: 'ke-gian', displayName: 'Kẻ gian', role: 'admin', password: PASSWORD }))).code).toBe('login-required');
    expect((await refused(attacker('setup.demonstration', {}))).code).toBe('login-required');
    expect((await refused(attacker('setup.identity', { agencyName: 'Giả mạo', unitCode: '000.00.01.H99', level: 'xa' }))).code).toBe('login-required');

    // An officer's tab: the same.
    const officer = tab(t);
    await officer('session.login', { username: 'mai', password: PASSWORD });
    expect((await refused(officer('setup.firstAdmin', { username: 'ke-gian', displayName: 'Kẻ gian', password: PASSWORD }))).code).toBe('setup-closed');
    expect((await refused(officer('setup.demonstration', {}))).code).toBe('forbidden');
    // Even the administrator cannot turn a real station back into a practice one.
    expect((await refused(admin('setup.demonstration', {}))).code).toBe('setup-closed');

    // Nothing was made: two accounts, the officer still an officer, the attacker nowhere.
    const users = await admin('users.list', {});
    expect(users.map((u) => [u.username, u.role]).sort()).toEqual([['mai', 'officer'], ['quantri', 'admin']]);
    expect((await refused(attacker('session.login', { username: 'ke-gian', password: PASSWORD }))).code).toBe('login-failed');
  });

  it('two tabs racing for the first administrator make exactly one', async () => {
    t = await openTestStation();
    const a = tab(t);
    const b = tab(t);
    const results = await Promise.allSettled([
      a('setup.firstAdmin', { username: 'nhanh', displayName: 'Người nhanh', password: PASSWORD }),
      b('setup.firstAdmin', { username: 'cham', displayName: 'Người chậm', password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((loser.reason as { wire: { code: string } }).wire.code).toBe('setup-closed');
    expect(t.station.auth.users.count()).toBe(1);
  });
});

const DEMO_DOSSIER = `000.00.01.H12-${vietnamToday().slice(2).replace(/-/g, '')}-0901`;

describe('demonstration mode', () => {
  it('is marked, its records are marked for good and never queued for the province, and ends with the first administrator', async () => {
    t = await openTestStation();
    const demo = tab(t);
    expect((await demo('setup.demonstration', {})).status).toBe('demonstration');
    const practice = await demo('documents.import', { paths: [paper], ocr: 'skip', metadata: { title: 'Đơn thử' } });
    await demo('documents.sign', { id: practice.id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
    const marked = (id: string) => read(t!, (db) => db.prepare('SELECT demonstration FROM documents WHERE id = ?').pluck().get(id));
    expect(marked(practice.id)).toBe(1);
    expect((await demo('sync.status', {})).counts.pending).toBe(0);
    // The record says so to whoever lists it, and a receipt made now says it is a trial.
    expect((await demo('documents.get', { id: practice.id })).demonstration).toBe(true);
    await demo('intake.open', { code: DEMO_DOSSIER, procedureCode: '2.000815', online: false });
    expect((await demo('intake.receipt', { code: DEMO_DOSSIER })).demonstration).toBe(true);

    // Set up for real: new records are real and queued; the practice one stays out.
    await demo('setup.firstAdmin', { username: 'quantri', displayName: 'Nguyễn Văn Quản', password: PASSWORD });
    expect((await demo('setup.state', {})).status).toBe('continuing');
    const real = await demo('documents.import', { paths: [paper], ocr: 'skip', metadata: { title: 'Đơn thật' } });
    await demo('documents.sign', { id: real.id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
    expect(marked(real.id)).toBe(0);
    expect((await demo('documents.get', { id: real.id })).demonstration).toBe(false);
    expect(marked(practice.id)).toBe(1);
    const queued = read(t, (db) => db.prepare('SELECT document_id FROM outbox').pluck().all());
    expect(queued).toEqual([real.id]);
  });
});

describe('who a record names without an account', () => {
  it('is the station by its agency, never the OS account — in the record, its conversion mark and the audit log', async () => {
    t = await openTestStation();
    const wizard = tab(t);
    await wizard('setup.identity', { agencyName: 'UBND xã Hòa Bình', unitCode: '000.00.01.H12', level: 'xa' });
    const doc = await wizard('documents.import', { paths: [paper], ocr: 'skip', metadata: { title: 'Đơn đề nghị' } });
    expect(doc.digitizedBy).toBe('Trạm Số hóa – UBND xã Hòa Bình');
    // The identity itself was set by the station not yet named; everything after by its name.
    const rows = read(t, (db) => db.prepare('SELECT action, actor FROM audit ORDER BY seq').all() as { action: string; actor: string }[]);
    expect(rows[0]).toEqual({ action: 'settings-update', actor: 'Trạm Số hóa' });
    expect(new Set(rows.slice(1).map((r) => r.actor))).toEqual(new Set(['Trạm Số hóa – UBND xã Hòa Bình']));
    expect(rows.map((r) => r.action)).toContain('create');
    const actors = rows.map((r) => r.actor);
    // The OS account name appears nowhere a person reads who did it (unless it happens to be a
    // word of the agency's name).
    if (!'Trạm Số hóa – UBND xã Hòa Bình'.includes(OS_USER)) for (const a of actors) expect(a).not.toContain(OS_USER);
  });

  it('is "Trạm Số hóa" on a station not yet told its name', async () => {
    t = await openTestStation();
    const doc = await tab(t)('documents.import', { paths: [paper], ocr: 'skip', metadata: { title: 'Đơn đề nghị' } });
    expect(doc.digitizedBy).toBe('Trạm Số hóa');
  });
});

/** Reads the station's database as a second, read-only connection (what is really stored). */
function read<T>(s: TestStation, query: (db: Database.Database) => T): T {
  const db = new Database(join(s.dataDir, 'station.sqlite'), { readonly: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}
