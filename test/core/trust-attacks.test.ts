// Issue 15's findings, each performed as the attacker would — a signed-in officer, another
// account, a local process with the data folder — and each now refused. The bridge's own findings
// (files, a request that stops it, its cookie and address) are in bridge-attacks.test.ts; the
// whole method × role matrix is in permission-matrix.test.ts.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../electron/contract';
import type { Session } from '../../electron/core/auth/session';
import { folderGate } from '../../electron/core/auth/path-gate';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let pki: TestPki;
let page: string;
const PASSWORD = { admin: 'quan-tri-2026!', mai: 'mot-cua-xa-hoa', lan: 'giam-sat-vien-1', tam: 'mot-cua-xa-tam', hung: 'luu-tru-vien-9', thu: 'luu-tru-vien-7' };
type Username = keyof typeof PASSWORD;
interface Person {
  readonly session: Session;
  call<M extends MethodName>(m: M, i: MethodInput<M>): Promise<MethodOutput<M>>;
}
const people = {} as Record<Username, Person>;

function person(): Person {
  const session = t.station.auth.newSession();
  return { session, call: (m, i) => t.call(m, i, { emit: () => {}, session }) };
}
async function signIn(username: Username): Promise<Person> {
  const p = person();
  await p.call('session.login', { username, password: PASSWORD[username] });
  return p;
}

/** A shared library that leaves a mark when anything loads it (its constructor runs at dlopen). */
function markingLibrary(dir: string, mark: string): string {
  const source = join(dir, 'evil.c');
  writeFileSync(source, `#include <stdio.h>\n__attribute__((constructor)) static void on_load(void) { FILE *f = fopen("${mark}", "w"); if (f) { fputs("loaded", f); fclose(f); } }\n`);
  const library = join(dir, 'libevil.so');
  execFileSync('gcc', ['-shared', '-fPIC', '-o', library, source]);
  return library;
}

beforeAll(async () => {
  pki = await createTestPki();
  tmp = tempDir('attacks');
  page = join(tmp.path, 'page.png');
  await sharp({ create: { width: 500, height: 700, channels: 3, background: '#f4f1ea' } }).png().toFile(page);
  t = await openTestStation();
  await t.call('users.create', { username: 'admin', displayName: 'Quản trị', role: 'admin', password: PASSWORD.admin });
  people.admin = await signIn('admin');
  const roles = { mai: ['officer', 'Nguyễn Thị Lan'], tam: ['officer', 'Đỗ Minh Tâm'], lan: ['supervisor', 'Phạm Thị Lan'], hung: ['archivist', 'Lê Văn Hùng'], thu: ['archivist', 'Phạm Thị Thu'] } as const;
  for (const [u, [role, name]] of Object.entries(roles)) await people.admin.call('users.create', { username: u, displayName: name, role, password: PASSWORD[u as Username] });
  for (const u of Object.keys(roles) as Username[]) people[u] = await signIn(u);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await pki?.close();
  tmp?.cleanup();
});

describe('1. libraries and station settings are the administrator’s', () => {
  it('never loads a library an officer names, nor lets one onto the station’s list', async () => {
    const mark = join(tmp.path, 'loaded.txt');
    const evil = markingLibrary(tmp.path, mark);
    // The library does run when loaded: the check below is not passing by accident.
    execFileSync('python3', ['-c', `import ctypes; ctypes.CDLL(${JSON.stringify(evil)})`]);
    expect(existsSync(mark)).toBe(true);
    execFileSync('rm', [mark]);

    const named = await refused(people.tam.call('signing.tokens', { module: evil }));
    expect(named.code).toBe('token-library-not-allowed');
    expect(named.message.vi).toContain('quản trị');
    const signing = await refused(people.tam.call('pdf.sign', { path: page, out: join(tmp.path, 'x.pdf'), key: { kind: 'pkcs11', module: evil, pin: '1234' } }));
    expect(signing.code).toBe('token-library-not-allowed');
    expect((await refused(people.tam.call('preferences.update', { pkcs11Module: evil }))).code).toBe('token-library-not-allowed');
    expect((await refused(people.tam.call('settings.update', { pkcs11Modules: [evil] }))).code).toBe('forbidden');
    expect((await refused(people.tam.call('settings.update', { tsaUrl: 'http://127.0.0.1:9/tsa' }))).code).toBe('forbidden');
    expect(existsSync(mark)).toBe(false);

    // Even the administrator cannot allow a library that others could replace.
    chmodSync(evil, 0o666);
    const writable = await refused(people.admin.call('settings.update', { pkcs11Modules: [evil] }));
    expect([writable.code, writable.details?.field]).toEqual(['invalid-input', 'pkcs11Modules']);
    expect(existsSync(mark)).toBe(false);
    // What an officer chose never reaches the next person who signs: their choices are their own.
    expect((await people.admin.call('preferences.get', {})).pkcs11Module).toBeNull();
  });

  it('keeps the station’s way of signing and the scanners’ driver options to the administrator', async () => {
    const doc = await people.tam.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Đơn' } });
    const key = { kind: 'p12' as const, path: pki.signer.p12, password: pki.p12Password };
    expect((await refused(people.tam.call('documents.sign', { id: doc.id, key, tsaUrl: 'http://127.0.0.1:9/tsa' }))).details?.action).toBe('documents.sign: tsaUrl');
    expect((await refused(people.tam.call('scan.start', { device: 'sane:test:0', driverOptions: { 'test-picture': 'Grid' } }))).details?.action).toBe('scan.start: driverOptions');
    // Signing the station's way works.
    expect((await people.tam.call('documents.sign', { id: doc.id, key })).signatures).toHaveLength(1);
  });
});

describe('2. a record is reached by its id only by who may', () => {
  it('answers another officer’s record, page and dossier exactly as ones that do not exist', async () => {
    await people.mai.call('dossiers.open', { code: '000.00.01.H12-261207-0001' });
    const doc = await people.mai.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Giấy khai sinh', ownerIdNumber: '001203004567', ownerName: 'Nguyễn Văn An', dossierCode: '000.00.01.H12-261207-0001' } });
    const pageId = doc.pages[0]!.id;
    const tam = people.tam;
    const attempts: [string, () => Promise<unknown>, string][] = [
      ['documents.get', () => tam.call('documents.get', { id: doc.id }), 'not-found'],
      ['documents.export', () => tam.call('documents.export', { id: doc.id, path: join(tmp.path, 'stolen.pdf') }), 'not-found'],
      ['documents.verify', () => tam.call('documents.verify', { id: doc.id }), 'not-found'],
      ['documents.finish', () => tam.call('documents.finish', { id: doc.id, metadata: { title: 'Đổi tên' } }), 'not-found'],
      ['documents.sign', () => tam.call('documents.sign', { id: doc.id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password } }), 'not-found'],
      ['scan.start', () => tam.call('scan.start', { device: 'sane:test:0', documentId: doc.id }), 'not-found'],
      ['pages.rotate', () => tam.call('pages.rotate', { pageId, quarterTurns: 1 }), 'page-not-found'],
      ['pages.steps', () => tam.call('pages.steps', { pageId }), 'page-not-found'],
      ['dossiers.get', () => tam.call('dossiers.get', { code: '000.00.01.H12-261207-0001' }), 'dossier-not-found'],
      ['intake.checklist', () => tam.call('intake.checklist', { code: '000.00.01.H12-261207-0001', online: false }), 'dossier-not-found'],
      ['intake.receipt', () => tam.call('intake.receipt', { code: '000.00.01.H12-261207-0001' }), 'dossier-not-found'],
      // Nor can she file her own paper under mai's dossier.
      ['documents.import', () => tam.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Lẫn hồ sơ', dossierCode: '000.00.01.H12-261207-0001' } }), 'dossier-other-officer'],
    ];
    for (const [method, call, code] of attempts) expect((await refused(call())).code, method).toBe(code);
    expect(existsSync(join(tmp.path, 'stolen.pdf'))).toBe(false);
    // No prefix tells her what exists: a prefix of mai's id (long enough to be hers alone) answers
    // as a made-up one.
    const prefix = doc.id.slice(0, 24);
    const a = await refused(tam.call('documents.get', { id: prefix }));
    const b = await refused(tam.call('documents.get', { id: 'ffffffff-ffff-7fff-ffff' }));
    expect([a.code, a.message.en.replace(prefix, '‹›')]).toEqual([b.code, b.message.en.replace('ffffffff-ffff-7fff-ffff', '‹›')]);
    // Her own view of the owner: nothing (the decrypted name and id never reach her).
    expect(JSON.stringify(await tam.call('documents.list', {}))).not.toContain('Nguyễn Văn An');
    // The supervisor reads it; the officer herself does everything.
    expect((await people.lan.call('documents.get', { id: doc.id })).metadata.ownerName).toBe('Nguyễn Văn An');
    expect((await people.mai.call('pages.steps', { pageId })).pageId).toBe(pageId);
  });
});

describe('5. sign-in holds', () => {
  it('counts forty parallel guesses before hashing: the right password after them finds the account locked', async () => {
    await people.admin.call('users.create', { username: 'vu', displayName: 'Vũ', role: 'officer', password: 'mat-khau-cua-vu' });
    const guesses = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => person().call('session.login', { username: 'vu', password: `doan-mo-${i}-xxxx` })));
    const codes = guesses.map((g) => (g.status === 'rejected' ? (g.reason as { wire: { code: string } }).wire.code : 'signed-in'));
    expect(codes.filter((c) => c === 'login-failed')).toHaveLength(5); // five tries, each hashed
    expect(codes.filter((c) => c === 'account-locked')).toHaveLength(35); // the rest refused before any hash
    expect((await refused(person().call('session.login', { username: 'vu', password: 'mat-khau-cua-vu' }))).code).toBe('account-locked');
    // An invented name locks the same way: "locked" does not tell a real account from none.
    for (let i = 0; i < 5; i++) await refused(person().call('session.login', { username: 'khong-ai', password: `sai-${i}-xxxxxx` }));
    expect((await refused(person().call('session.login', { username: 'khong-ai', password: 'sai-6-xxxxxx' }))).code).toBe('account-locked');
  });

  it('makes the lock screen obey the same count', async () => {
    await people.admin.call('users.create', { username: 'kha', displayName: 'Kha', role: 'officer', password: 'mat-khau-cua-kha' });
    const kha = person();
    await kha.call('session.login', { username: 'kha', password: 'mat-khau-cua-kha' });
    await kha.call('session.lock', {});
    const tries = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => kha.call('session.unlock', { password: `doan-${i}-xxxxxx` })));
    const codes = tries.map((g) => (g.status === 'rejected' ? (g.reason as { wire: { code: string } }).wire.code : 'open'));
    expect(codes.filter((c) => c === 'login-failed')).toHaveLength(5);
    expect(codes.filter((c) => c === 'account-locked')).toHaveLength(15);
    expect((await refused(kha.call('session.unlock', { password: 'mat-khau-cua-kha' }))).code).toBe('account-locked');
    expect((await refused(kha.call('documents.list', {}))).code).toBe('session-locked');
    const rows = await people.admin.call('audit.query', { action: 'unlock-failed', limit: 50 });
    expect(rows.entries.length).toBe(5);
    expect(rows.entries[0]).toMatchObject({ username: 'kha' });
  });
});

describe('6. four eyes in the archive', () => {
  it('refuses to save, sign or edit an archive document the second person has not approved', async () => {
    const batch = await people.hung.call('archive.create', { name: 'Hộp 9' });
    await people.hung.call('archive.import', { batchId: batch.id, paths: [page] });
    const [doc] = await people.hung.call('archive.documents', { batchId: batch.id });
    const id = doc!.documentId;
    expect((await refused(people.hung.call('documents.finish', { id, metadata: { title: 'Quyết định' } }))).code).toBe('archive-not-approved');
    const pageId = (await people.hung.call('documents.get', { id })).pages[0]!.id;
    expect((await refused(people.hung.call('pages.rotate', { pageId, quarterTurns: 2 }))).code).toBe('archive-not-approved');
    expect((await refused(people.hung.call('documents.composeIdCard', { id }))).code).toBe('archive-not-approved');
    await people.hung.call('archive.submit', { documentId: id, entries: { title: 'Quyết định', issueDate: '2019-03-15' } });
    expect((await refused(people.hung.call('archive.review', { documentId: id, decision: 'approve' }))).code).toBe('archive-same-person');
    expect((await refused(people.hung.call('documents.finish', { id }))).code).toBe('archive-not-approved');
    // The second person approves: now it is a record, and it can be signed.
    // (The test scanner's page reads as blank: kept on purpose, as a checker may.)
    await people.thu.call('archive.review', { documentId: id, decision: 'approve', keepBlankPages: true });
    expect((await people.hung.call('documents.get', { id })).status).toBe('ready');
    expect((await people.hung.call('documents.sign', { id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password } })).signatures).toHaveLength(1);
  });
});

describe('7. an audit trail that survives its own administrator', () => {
  it('names the account, not the name an officer gave herself', async () => {
    // Mai renames herself "Phạm Thị Lan" (the supervisor's name) and exports.
    const maiId = (await people.mai.call('session.state', {})).user!.id;
    await people.mai.call('users.update', { id: maiId, displayName: 'Phạm Thị Lan' });
    const doc = (await people.mai.call('documents.list', {}))[0]!;
    await people.mai.call('documents.export', { id: doc.id, path: join(tmp.path, 'mai.pdf') });
    const [exported] = (await people.admin.call('audit.query', { action: 'export', limit: 1 })).entries;
    expect(exported).toMatchObject({ actor: 'Phạm Thị Lan', userId: maiId, username: 'mai' });
    const renamed = (await people.admin.call('audit.query', { action: 'user-update', userId: maiId, limit: 5 })).entries.find((e) => e.details.to === 'Phạm Thị Lan');
    expect(renamed?.details).toMatchObject({ from: 'Nguyễn Thị Lan', to: 'Phạm Thị Lan', username: 'mai' });
    // Her work stays hers in the supervisor's report, under her account.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const report = await people.lan.call('reports.activity', { from: today, to: today });
    expect(report.rows.filter((r) => r.name === 'Phạm Thị Lan').map((r) => r.username).sort()).toEqual(['lan', 'mai']);
  });

  it('audits settings, preferences, sync configuration, catalogue installs, reuse lookups and failed unlocks', async () => {
    await people.admin.call('settings.update', { agencyName: 'UBND xã Hòa An' });
    await people.admin.call('sync.configure', { url: 'https://kho.example.vn', clientId: 'tram-01', clientSecret: 'bi-mat-rat-dai' });
    await people.tam.call('reuse.candidates', { ownerIdNumber: '001203004567', online: false });
    await people.tam.call('preferences.update', { signingKeyKind: 'p12', p12Path: pki.signer.p12 });
    const catalogue = join(t.station.assetsDir, 'catalogue', 'thu-tuc.json');
    await people.admin.call('intake.installCatalogue', { path: catalogue });
    const actions = new Set((await people.admin.call('audit.list', { limit: 1000 })).map((r) => r.action));
    for (const a of ['settings-update', 'sync-configure', 'catalogue-install', 'reuse-lookup', 'unlock-failed', 'preferences-update']) expect(actions, a).toContain(a);
    const [configured] = (await people.admin.call('audit.query', { action: 'sync-configure', limit: 1 })).entries;
    expect(JSON.stringify(configured)).not.toContain('bi-mat-rat-dai'); // the secret never enters the log
  });

  it('detects a rewrite by someone holding the data folder, triggers dropped and the head file redone', async () => {
    const before = await people.admin.call('audit.verify', {});
    expect(before.ok).toBe(true);
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    try {
      // The attacker's tools: SQL and SHA-256 (without the station's key).
      db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
      const last = db.prepare('SELECT max(seq) FROM audit').pluck().get() as number;
      db.prepare('DELETE FROM audit WHERE seq > ?').run(last - 3);
      db.prepare("UPDATE audit SET actor = 'Không ai' WHERE action = 'export'").run();
      let prev = '0'.repeat(64);
      const rows = db.prepare('SELECT * FROM audit ORDER BY seq').all() as { seq: number; at: string; actor: string; action: string; document_id: string | null; details: string }[];
      for (const r of rows) {
        const hash = createHash('sha256').update(prev).update(JSON.stringify([r.seq, r.at, r.actor, r.action, r.document_id, r.details])).digest('hex');
        db.prepare('UPDATE audit SET prev_hash = ?, hash = ?, keyed = 0 WHERE seq = ?').run(prev, hash, r.seq);
        prev = hash;
      }
      db.prepare("UPDATE station SET value = ? WHERE key = 'audit.head'").run(`${last - 3}:${prev}`);
    } finally {
      db.close();
    }
    writeFileSync(join(t.dataDir, 'logs', 'audit-head.log'), '');
    const after = await people.admin.call('audit.verify', {});
    expect(after.ok).toBe(false);
    // Every row now lacks the station's key: a chain written in the old, unkeyed form shows whole.
    expect(after.problems.filter((p) => p.kind === 'unkeyed').length).toBe(after.rows);
    const cli = await runCli(['audit', 'verify', '--data-dir', t.dataDir, '--json'], { ...process.env, SOHOA_USER: 'admin', SOHOA_PASSWORD: PASSWORD.admin });
    expect(cli.code).toBe(4);
  });
});

describe('8. paths come from the person, not the wire', () => {
  it('refuses, in browser mode, any path outside the folders the administrator opened — whether it exists or not', async () => {
    const inbox = join(tmp.path, 'inbox');
    const outbox = join(tmp.path, 'outbox');
    mkdirSync(inbox);
    mkdirSync(outbox);
    const gate = folderGate(() => ({ readFolders: [inbox], writeFolders: [outbox], dataDir: t.dataDir }));
    const ctx = { emit: () => {}, session: people.tam.session, paths: gate };
    const exists = await refused(t.call('documents.import', { paths: ['/etc/passwd'], ocr: 'skip' }, ctx));
    const missing = await refused(t.call('documents.import', { paths: ['/etc/khong-co-tep-nay'], ocr: 'skip' }, ctx));
    expect([exists.code, missing.code]).toEqual(['path-not-allowed', 'path-not-allowed']);
    expect(exists.message.vi.replace('/etc/passwd', '‹›')).toBe(missing.message.vi.replace('/etc/khong-co-tep-nay', '‹›'));
    // Out through a link planted inside the folder: still outside.
    execFileSync('ln', ['-s', '/etc', join(inbox, 'etc')]);
    expect((await refused(t.call('documents.import', { paths: [join(inbox, 'etc', 'passwd')], ocr: 'skip' }, ctx))).code).toBe('path-not-allowed');
    // Writing: only into the write folders, never through a link, never into the data folder.
    const doc = (await people.tam.call('documents.list', {}))[0]!;
    const victim = join(tmp.path, 'victim.txt');
    writeFileSync(victim, 'giữ nguyên');
    execFileSync('ln', ['-s', victim, join(outbox, 'link.pdf')]);
    for (const path of [victim, join(outbox, 'link.pdf'), join(t.dataDir, 'x.pdf'), join(inbox, 'x.pdf')])
      expect((await refused(t.call('documents.export', { id: doc.id, path, overwrite: true }, ctx))).code, path).toBe('path-not-allowed');
    expect(readFileSync(victim, 'utf8')).toBe('giữ nguyên');
    // Inside: it works.
    writeFileSync(join(inbox, 'page.png'), readFileSync(page));
    expect((await t.call('documents.import', { paths: [join(inbox, 'page.png')], ocr: 'skip' }, ctx)).pages).toHaveLength(1);
    expect((await t.call('documents.export', { id: doc.id, path: join(outbox, 'ban-sao.pdf') }, ctx)).path).toBe(join(outbox, 'ban-sao.pdf'));
    // Overwriting needs the person to say so.
    expect((await refused(t.call('documents.export', { id: doc.id, path: join(outbox, 'ban-sao.pdf') }, ctx))).code).toBe('output-exists');
    // What the station writes is its OS account's alone: the export, and its own logs.
    for (const file of [join(outbox, 'ban-sao.pdf'), join(t.dataDir, 'logs', 'station.log'), join(t.dataDir, 'station.sqlite')]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
  });
});

describe('events', () => {
  it('tells a session of a document only if it may read it', async () => {
    const { mayReceive } = await import('../../electron/core/auth/event-audience');
    const doc = (await people.mai.call('documents.list', {}))[0]!;
    expect(mayReceive(t.station, people.mai.session, doc.id)).toBe(true);
    expect(mayReceive(t.station, people.lan.session, doc.id)).toBe(true);
    expect(mayReceive(t.station, people.tam.session, doc.id)).toBe(false);
    expect(mayReceive(t.station, person().session, doc.id)).toBe(false); // never signed in
    // Gone: its maker and supervision hear of it, nobody else.
    const gone = '019a0000-0000-7000-8000-0000000000aa';
    const maker = t.station.auth.callerOf(people.mai.session)!.userId;
    expect(mayReceive(t.station, people.mai.session, gone, maker)).toBe(true);
    expect(mayReceive(t.station, people.lan.session, gone, maker)).toBe(true);
    expect(mayReceive(t.station, people.tam.session, gone, maker)).toBe(false);
  });
});

describe('10. key derivation as current guidance asks', () => {
  it('makes an older password hash stronger at its owner’s next sign-in', async () => {
    await people.admin.call('users.create', { username: 'cu', displayName: 'Tài khoản cũ', role: 'officer', password: 'mat-khau-tu-truoc' });
    // The hash as the station made it before: scrypt N = 2^15.
    const salt = randomBytes(16);
    const old = ['scrypt', 32768, 8, 1, salt.toString('base64'), scryptSync('mat-khau-tu-truoc', salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 << 20 }).toString('base64')].join('$');
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    db.prepare("UPDATE users SET password = ? WHERE username = 'cu'").run(old);
    await person().call('session.login', { username: 'cu', password: 'mat-khau-tu-truoc' });
    expect(db.prepare("SELECT password FROM users WHERE username = 'cu'").pluck().get()).toMatch(/^scrypt\$131072\$8\$1\$/);
    // A row edited to ask for absurd parameters is refused, not obeyed.
    db.prepare("UPDATE users SET password = 'scrypt$1099511627776$8$1$AAAA$AAAA' WHERE username = 'cu'").run();
    db.close();
    expect((await refused(person().call('session.login', { username: 'cu', password: 'mat-khau-tu-truoc' }))).code).toBe('login-failed');
  });

  it('makes an older station passphrase slot stronger when the passphrase next opens it', async () => {
    const passphrase = process.env.SOHOA_STATION_PASSPHRASE!;
    const dataDir = join(tmp.path, 'older-slot');
    const s = await openTestStation({ dataDir });
    const doc = await s.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Giữ nguyên', ownerName: 'Nguyễn Văn An' } });
    await s.close();
    // Rewrap the same data key the way the station did before (scrypt N = 2^15).
    const db = new Database(join(dataDir, 'station.sqlite'));
    const slot = JSON.parse(db.prepare("SELECT value FROM station WHERE key = 'crypto.slot.passphrase'").pluck().get() as string) as { salt: string; N: number; r: number; p: number; sealed: string };
    expect(slot.N).toBe(131072);
    const open = (key: Buffer, sealed: string) => {
      const raw = Buffer.from(sealed, 'base64');
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]);
    };
    const dataKey = open(scryptSync(passphrase.normalize('NFC'), Buffer.from(slot.salt, 'base64'), 32, { N: slot.N, r: 8, p: 1, maxmem: 256 << 20 }), slot.sealed);
    const oldSalt = randomBytes(16);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', scryptSync(passphrase.normalize('NFC'), oldSalt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 << 20 }), iv);
    const body = Buffer.concat([c.update(dataKey), c.final()]);
    const weak = { salt: oldSalt.toString('base64'), N: 32768, r: 8, p: 1, sealed: Buffer.concat([iv, body, c.getAuthTag()]).toString('base64') };
    db.prepare("UPDATE station SET value = ? WHERE key = 'crypto.slot.passphrase'").run(JSON.stringify(weak));
    db.close();
    const again = await openTestStation({ dataDir });
    try {
      expect((await again.call('documents.get', { id: doc.id })).metadata.ownerName).toBe('Nguyễn Văn An');
    } finally {
      await again.close();
    }
    const check = new Database(join(dataDir, 'station.sqlite'), { readonly: true });
    expect((JSON.parse(check.prepare("SELECT value FROM station WHERE key = 'crypto.slot.passphrase'").pluck().get() as string) as { N: number }).N).toBe(131072);
    check.close();
  });
});
