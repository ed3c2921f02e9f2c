// Accounts and roles, enforced in the core at the contract: each call below goes through the same
// dispatcher as the app's IPC, the browser bridge and the CLI, with a session of its own.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../electron/contract';
import type { Session } from '../../electron/core/auth/session';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let page: string;
let page2: string;
const PASSWORDS = { admin: 'quan-tri-2026!', mai: 'mot-cua-xa-hoa', lan: 'giam-sat-vien-1', hung: 'luu-tru-vien-9' };

/** A person at their own window: calls carry their session. */
function person(): { session: Session; call<M extends MethodName>(m: M, i: MethodInput<M>): Promise<MethodOutput<M>> } {
  const session = t.station.auth.newSession();
  return { session, call: (m, i) => t.call(m, i, { emit: () => {}, session }) };
}

async function signedIn(username: keyof typeof PASSWORDS) {
  const p = person();
  await p.call('session.login', { username, password: PASSWORDS[username] });
  return p;
}

beforeAll(async () => {
  t = await openTestStation();
  tmp = tempDir('roles');
  page = join(tmp.path, 'page.png');
  await sharp({ create: { width: 400, height: 560, channels: 3, background: '#f4f1ea' } }).png().toFile(page);
  // A different paper for the archivist: blobs are shared by content, and this test deletes one.
  page2 = join(tmp.path, 'page2.png');
  await sharp({ create: { width: 400, height: 560, channels: 3, background: '#e9eef4' } }).png().toFile(page2);
});

afterAll(async () => {
  vi.useRealTimers();
  await t?.close();
  tmp?.cleanup();
});

describe('accounts', () => {
  it('runs as its own administrator until the first account, which must be an administrator', async () => {
    const first = person();
    expect(await first.call('session.state', {})).toMatchObject({ accountsExist: false, user: null, locked: false });
    expect((await refused(first.call('users.create', { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: PASSWORDS.mai }))).code).toBe('first-account-admin');
    expect((await refused(first.call('users.create', { username: 'x', displayName: 'X', role: 'admin', password: 'short' }))).code).toBe('invalid-input');
    await first.call('users.create', { username: 'admin', displayName: 'Quản trị', role: 'admin', password: PASSWORDS.admin });
    // From now on nobody acts without signing in, not even the window that made the account.
    expect((await refused(first.call('documents.list', {}))).code).toBe('login-required');
    expect((await refused(t.call('documents.list', {}))).code).toBe('login-required');
    expect(await first.call('station.info', {})).toHaveProperty('version');

    const admin = await signedIn('admin');
    await admin.call('users.create', { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: PASSWORDS.mai });
    await admin.call('users.create', { username: 'lan', displayName: 'Phạm Thị Lan', role: 'supervisor', password: PASSWORDS.lan });
    await admin.call('users.create', { username: 'hung', displayName: 'Lê Văn Hùng', role: 'archivist', password: PASSWORDS.hung });
    expect((await refused(admin.call('users.create', { username: 'MAI', displayName: 'Mai khác', role: 'officer', password: PASSWORDS.mai }))).code).toBe('username-taken');
    expect((await admin.call('users.list', {})).map((u) => `${u.username}:${u.role}`)).toEqual(['admin:admin', 'hung:archivist', 'lan:supervisor', 'mai:officer']);
  });

  it('stores passwords as scrypt hashes, and locks an account after five wrong passwords', async () => {
    const db = new Database(join(t.dataDir, 'station.sqlite'), { readonly: true });
    try {
      const hashes = db.prepare('SELECT password FROM users').pluck().all() as string[];
      expect(hashes.every((h) => /^scrypt\$131072\$8\$1\$/.test(h))).toBe(true);
      expect(hashes.join()).not.toContain(PASSWORDS.mai);
    } finally {
      db.close();
    }
    const guesser = person();
    expect((await refused(guesser.call('session.login', { username: 'nobody', password: 'whatever-123' }))).code).toBe('login-failed');
    await t.station.auth.createUser({ userId: null, name: 'test', role: 'admin' }, { username: 'tam', displayName: 'Tâm', role: 'officer', password: 'dung-mat-khau-1' });
    for (let i = 0; i < 5; i++) expect((await refused(guesser.call('session.login', { username: 'tam', password: `sai-mat-khau-${i}` }))).code).toBe('login-failed');
    const locked = await refused(guesser.call('session.login', { username: 'tam', password: 'dung-mat-khau-1' }));
    expect(locked.code).toBe('account-locked');
    expect(locked.message.vi).toMatch(/tạm khóa/);
  });
});

describe('roles, enforced in the core', () => {
  it('lets an officer work and sign, but not report, audit, configure the station or manage accounts', async () => {
    const mai = await signedIn('mai');
    const doc = await mai.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Đơn đề nghị' } });
    expect(doc.createdBy).toBe((await mai.call('session.state', {})).user!.id);
    expect(doc.digitizedBy).toBe('Trần Thị Mai');
    for (const [method, input] of [
      ['reports.rates', { from: '2026-01-01', to: '2026-12-31' }],
      ['audit.verify', {}],
      ['audit.list', {}],
      ['users.list', {}],
      ['sync.configure', { url: 'https://kho.example.vn', clientId: 'tram-01' }],
    ] as const) {
      const err = await refused(mai.call(method as MethodName, input as never));
      expect(err.code, method).toBe('forbidden');
      expect(err.message.vi).toContain('cán bộ một cửa');
      expect(err.message.en).toContain('officer');
    }
    expect((await refused(mai.call('settings.update', { unitCode: '000.00.01.H99' }))).code).toBe('forbidden');
    // How the station signs is the administrator's; which key she signs with is hers.
    expect((await refused(mai.call('settings.update', { tsaUrl: 'http://127.0.0.1:9/tsa' }))).code).toBe('forbidden');
    expect(await mai.call('preferences.update', { signingKeyKind: 'p12', p12Path: page })).toMatchObject({ signingKeyKind: 'p12', p12Path: page });
    expect((await refused(mai.call('users.update', { id: (await mai.call('session.state', {})).user!.id, role: 'admin' }))).code).toBe('forbidden');
  });

  it('shows officers and archivists their own work, supervisors everyone’s', async () => {
    const mai = await signedIn('mai');
    const hung = await signedIn('hung');
    const lan = await signedIn('lan');
    await hung.call('documents.import', { paths: [page2], ocr: 'skip', metadata: { title: 'Sổ địa bộ 1998', issueDate: '1998-05-04' } });
    const titles = async (p: Awaited<ReturnType<typeof signedIn>>) => (await p.call('documents.list', {})).map((d) => d.metadata.title).sort();
    expect(await titles(mai)).toEqual(['Đơn đề nghị']);
    expect(await titles(hung)).toEqual(['Sổ địa bộ 1998']);
    expect(await titles(lan)).toEqual(['Sổ địa bộ 1998', 'Đơn đề nghị']);
    expect((await hung.call('documents.search', { text: 'don de nghi' })).length).toBe(0);
    expect((await lan.call('documents.search', { text: 'don de nghi' })).length).toBe(1);
    expect((await hung.call('documents.list', {}))[0]!.legacy).toBe(true);
  });

  it('keeps an officer from deleting a synced document or someone else’s; a supervisor may, and the files go', async () => {
    const mai = await signedIn('mai');
    const lan = await signedIn('lan');
    const hung = await signedIn('hung');
    const mine = (await mai.call('documents.list', {}))[0]!;
    const theirs = (await hung.call('documents.list', {}))[0]!;
    // Another archivist's record is not hers to see: it answers as an unknown id.
    expect((await refused(mai.call('documents.delete', { id: theirs.id, reason: 'nhầm hồ sơ' }))).code).toBe('not-found');

    // The provincial store's receipt, as the sync engine records it.
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    db.prepare("INSERT INTO outbox (document_id, version, sha256, bytes, state, created_at, updated_at, synced_at) VALUES (?, 1, ?, ?, 'synced', 'x', 'x', 'x')").run(mine.id, mine.pdf!.sha256, mine.pdf!.bytes);
    db.close();
    const err = await refused(mai.call('documents.delete', { id: mine.id, reason: 'quét nhầm' }));
    expect(err.code).toBe('document-synced');
    expect(err.message.vi).toMatch(/giám sát viên/);
    expect(await mai.call('documents.get', { id: mine.id })).toHaveProperty('id', mine.id); // still there

    const files = [mine.pdf!.sha256, ...(await lan.call('documents.get', { id: mine.id })).pages.map((p) => p.sha256)].map((sha) => t.station.blobs.pathOf(sha));
    expect(files.every(existsSync)).toBe(true);
    expect(await lan.call('documents.delete', { id: mine.id, reason: 'trùng với hồ sơ khác' })).toEqual({ deleted: mine.id });
    expect((await refused(lan.call('documents.get', { id: mine.id }))).code).toBe('not-found');
    expect(files.some(existsSync)).toBe(false); // personal data does not linger in the blob folder
    const [entry] = await lan.call('audit.list', { documentId: mine.id, limit: 1 });
    expect(entry).toMatchObject({ action: 'delete', actor: 'Phạm Thị Lan', details: { reason: 'trùng với hồ sơ khác', synced: true } });
    expect(await lan.call('audit.verify', {})).toMatchObject({ ok: true });
    expect(await hung.call('documents.delete', { id: theirs.id, reason: 'bản quét mờ' })).toEqual({ deleted: theirs.id });
  });

  it('locks a session after idle and on request; only the same password opens it', async () => {
    const mai = await signedIn('mai');
    const admin = await signedIn('admin');
    await admin.call('settings.update', { lockAfterMinutes: 2 });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 3 * 60_000);
      const err = await refused(mai.call('documents.list', {}));
      expect(err.code).toBe('session-locked');
      expect(err.message.vi).toContain('Trần Thị Mai');
      expect(await mai.call('session.state', {})).toMatchObject({ locked: true, user: { username: 'mai' } });
      expect((await refused(mai.call('session.unlock', { password: PASSWORDS.lan }))).code).toBe('login-failed');
      await mai.call('session.unlock', { password: PASSWORDS.mai });
      expect(await mai.call('documents.list', {})).toBeInstanceOf(Array);
    } finally {
      vi.useRealTimers();
    }
    await mai.call('session.lock', {});
    expect((await refused(mai.call('documents.list', {}))).code).toBe('session-locked');
    await mai.call('session.logout', {});
    expect((await refused(mai.call('documents.list', {}))).code).toBe('login-required');
  });

  it('lets people change their own password with the old one; the last administrator stays', async () => {
    const mai = await signedIn('mai');
    const me = (await mai.call('session.state', {})).user!;
    expect((await refused(mai.call('users.update', { id: me.id, password: 'mat-khau-moi-2026', currentPassword: 'sai' }))).code).toBe('login-failed');
    await mai.call('users.update', { id: me.id, password: 'mat-khau-moi-2026', currentPassword: PASSWORDS.mai });
    PASSWORDS.mai = 'mat-khau-moi-2026';
    await signedIn('mai');
    const admin = await signedIn('admin');
    const adminId = (await admin.call('session.state', {})).user!.id;
    expect((await refused(admin.call('users.update', { id: adminId, role: 'officer' }))).code).toBe('last-admin');
    const mine = (await admin.call('users.list', {})).find((u) => u.username === 'mai')!;
    await admin.call('users.update', { id: mine.id, disabled: true });
    expect((await refused(mai.call('documents.list', {}))).code).toBe('login-required'); // a disabled account is out at once
    const actions = (await admin.call('audit.list', { limit: 500 })).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'login-failed', 'logout', 'user-create', 'user-update', 'delete']));
  });

  it('makes the CLI sign in once accounts exist (SOHOA_USER, SOHOA_PASSWORD)', async () => {
    const anon = await runCli(['list', '--data-dir', t.dataDir, '--json'], { ...process.env, SOHOA_USER: '', SOHOA_PASSWORD: '' });
    expect(anon.code).toBe(2);
    expect(anon.stderr).toMatch(/đăng nhập/);
    const lan = await runCli(['list', '--data-dir', t.dataDir, '--json'], { ...process.env, SOHOA_USER: 'lan', SOHOA_PASSWORD: PASSWORDS.lan });
    expect(lan.code).toBe(0);
    const wrong = await runCli(['report', '--data-dir', t.dataDir, '--json'], { ...process.env, SOHOA_USER: 'hung', SOHOA_PASSWORD: PASSWORDS.hung });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/lưu trữ viên/);
  });
});
