// The permission matrix, generated from the policy table: every contract method × every role ×
// (its own record / another person's / an archive batch's / one that does not exist), through the
// real dispatcher. The expectations come from an oracle written here, apart from the row rules
// they check. What a caller may not see must answer exactly as what does not exist (same code,
// same words); a method without a rule, or without a sample input here, fails to compile
// (SAMPLES is a Record over every method name) or fails the first test.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIENCE_ROLES,
  METHOD_NAMES,
  METHOD_POLICY,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type MethodPolicy,
  type Role,
  type RowRule,
  inAudience,
  methods,
} from '../../electron/contract';
import { checkRestrictedFields, checkRows, valuesAt } from '../../electron/core/auth/admission';
import { type Caller, withCaller } from '../../electron/core/auth/caller';
import type { Session } from '../../electron/core/auth/session';
import { tempDir } from '../helpers/paths';
import { type RefusedCall, type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;

const PEOPLE = {
  admin: { role: 'admin', name: 'Quản trị' },
  mai: { role: 'officer', name: 'Trần Thị Mai' },
  tam: { role: 'officer', name: 'Đỗ Minh Tâm' },
  hung: { role: 'archivist', name: 'Lê Văn Hùng' },
  thu: { role: 'archivist', name: 'Phạm Thị Thu' },
  lan: { role: 'supervisor', name: 'Phạm Thị Lan' },
} as const satisfies Record<string, { role: Role; name: string }>;
type Username = keyof typeof PEOPLE;
const PASSWORD = 'mat-khau-thu-nghiem-2026';

interface Person {
  readonly session: Session;
  readonly caller: Caller;
  call<M extends MethodName>(m: M, i: MethodInput<M>): Promise<MethodOutput<M>>;
}
const people = {} as Record<Username, Person>;
let signedOut: Person;

/** The records a sample input names. */
interface Targets {
  readonly doc: string;
  readonly page: string;
  readonly dossier: string;
  readonly account: string;
}
/** Whose records: Mai's counter work, Hùng's archive batch document, or ids nobody has. */
type Scenario = 'mai' | 'archive' | 'missing';
const targets = {} as Record<Scenario, Targets>;
const MAI_DOSSIER = '000.00.01.H12-261201-0007';
let pdfPath = '';

const KEY = { kind: 'pkcs11', pin: '123456' } as const;
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };

/** A schema-valid input for every method, naming the given records. */
const SAMPLES: { readonly [M in MethodName]: (x: Targets) => MethodInput<M> } = {
  'station.info': () => ({}),
  'station.backup': () => ({ dir: tmp.path }),
  'settings.get': () => ({}),
  'settings.update': () => ({ agencyName: 'UBND xã Hòa An' }),
  'preferences.get': () => ({}),
  'preferences.update': () => ({ signingKeyKind: 'pkcs11' }),
  'devices.list': () => ({}),
  'scan.start': (x) => ({ device: 'sane:test:0', documentId: x.doc }),
  'scan.cancel': () => ({ jobId: 'khong-co' }),
  'documents.list': () => ({}),
  'documents.get': (x) => ({ id: x.doc }),
  'documents.finish': (x) => ({ id: x.doc }),
  'documents.import': () => ({ paths: [pdfPath], ocr: 'skip' }),
  'documents.export': (x) => ({ id: x.doc, path: join(tmp.path, 'xuat.pdf') }),
  'documents.sign': (x) => ({ id: x.doc, key: KEY }),
  'documents.verify': (x) => ({ id: x.doc }),
  'pdf.sign': () => ({ path: pdfPath, out: join(tmp.path, 'ky.pdf'), key: KEY }),
  'pdf.verify': () => ({ path: pdfPath }),
  'signing.p12Certificate': () => ({ path: join(tmp.path, 'khong-co.p12'), password: 'x' }),
  'signing.tokens': () => ({}),
  'documents.search': () => ({ text: 'giay' }),
  'audit.list': () => ({}),
  'audit.verify': () => ({}),
  'sync.status': () => ({}),
  'sync.run': () => ({}),
  'sync.retry': () => ({}),
  'sync.configure': () => ({ url: 'https://kho.example.vn', clientId: 'tram' }),
  'reuse.lookup': () => ({ ownerIdNumber: '001203004567' }),
  'dossiers.open': (x) => ({ code: x.dossier }),
  'dossiers.get': (x) => ({ code: x.dossier }),
  'reuse.candidates': () => ({ ownerIdNumber: '001203004567', online: false }),
  'reuse.attach': (x) => ({ dossierCode: x.dossier, remote: { documentId: 'r1', version: 1, ownerIdNumber: '001203004567' } }),
  'reuse.detach': (x) => ({ dossierCode: x.dossier, linkId: 1 }),
  'documents.delete': (x) => ({ id: x.doc, reason: 'quét nhầm' }),
  'records.purge': () => ({}),
  'documents.composeIdCard': (x) => ({ id: x.doc }),
  'documents.interleaveBacks': (x) => ({ id: x.doc }),
  'session.state': () => ({}),
  'session.login': () => ({ username: 'ai-do', password: 'khong-dung' }),
  'session.unlock': () => ({ password: 'khong-dung' }),
  'session.lock': () => ({}),
  'session.logout': () => ({}),
  'users.list': () => ({}),
  'users.create': () => ({ username: 'moi', displayName: 'Người mới', role: 'officer', password: PASSWORD }),
  'users.update': (x) => ({ id: x.account, displayName: 'Tên khác' }),
  'setup.state': () => ({}),
  'setup.identity': () => ({ agencyName: 'UBND xã Hòa Bình', unitCode: '000.00.01.H12', level: 'xa' }),
  'setup.firstAdmin': () => ({ username: 'ke-gian', displayName: 'Kẻ gian', password: PASSWORD }),
  'setup.demonstration': () => ({}),
  'setup.finish': () => ({}),
  'reports.rates': () => PERIOD,
  'reports.rateDossiers': () => ({ ...PERIOD, filter: 'received' }),
  'reports.reconcile': () => PERIOD,
  'reports.trend': () => PERIOD,
  'reports.export': () => ({ ...PERIOD, format: 'csv', path: join(tmp.path, 'ty-le.csv') }),
  'reports.file': () => ({ ...PERIOD, format: 'csv' }),
  'reports.activity': () => PERIOD,
  'audit.query': () => ({}),
  'sync.check': () => ({}),
  'intake.catalogue': () => ({}),
  'intake.installCatalogue': () => ({ path: pdfPath }),
  'intake.open': (x) => ({ code: x.dossier, procedureCode: '1.001193', online: false }),
  'intake.checklist': (x) => ({ code: x.dossier, online: false }),
  'intake.readReceipt': (x) => ({ documentId: x.doc }),
  'intake.signSet': (x) => ({ code: x.dossier, key: KEY }),
  'intake.receipt': (x) => ({ code: x.dossier }),
  'pages.move': (x) => ({ pageId: x.page, toSeq: 1 }),
  'pages.delete': (x) => ({ pageId: x.page }),
  'pages.rotate': (x) => ({ pageId: x.page, quarterTurns: 1 }),
  'pages.crop': (x) => ({ pageId: x.page, box: { left: 0, top: 0, width: 64, height: 64 } }),
  'pages.undo': (x) => ({ pageId: x.page }),
  'pages.revert': (x) => ({ pageId: x.page }),
  'pages.steps': (x) => ({ pageId: x.page }),
  'pages.batch': (x) => ({ documentId: x.doc, pageIds: [x.page], change: { kind: 'rotate', quarterTurns: 1 } }),
  'archive.create': () => ({ name: 'Lô thử' }),
  'archive.list': () => ({}),
  'archive.get': () => ({ batchId: 'khong-co' }),
  'archive.documents': () => ({ batchId: 'khong-co' }),
  'archive.scan': () => ({ batchId: 'khong-co', device: 'sane:test:0' }),
  'archive.cancelScan': () => ({ batchId: 'khong-co' }),
  'archive.import': () => ({ batchId: 'khong-co', paths: [pdfPath] }),
  'archive.save': (x) => ({ documentId: x.doc, entries: { title: 'Quyết định' } }),
  'archive.position': () => ({ batchId: 'khong-co', seq: 1 }),
  'archive.submit': (x) => ({ documentId: x.doc, entries: { title: 'Quyết định' } }),
  'archive.review': (x) => ({ documentId: x.doc, decision: 'approve' }),
  'archive.prefill': (x) => ({ documentId: x.doc }),
  'archive.pageChecks': (x) => ({ documentId: x.doc }),
  'stitch.plan': () => ({ sheet: { name: 'a0' }, device: 'sane:test:0' }),
  'stitch.unfold': (x) => ({ id: x.doc }),
  // The draft is checked before the bytes are looked at: a made-up photo is enough here.
  'capture.photo': (x) => ({ documentId: x.doc, jpeg: '/9j/4AAQSkZJRg==' }),
  'stitch.assemble': (x) => ({ documentId: x.doc, sheet: { name: 'a2' } }),
  'stitch.cancelAssembly': (x) => ({ documentId: x.doc }),
};

type Outcome = 'ok' | 'hidden' | 'forbidden' | 'archive-not-approved' | 'dossier-other-officer';

/** The oracle: what each person may do with each kind of record (README, "Security"). */
function expected(user: Username, rule: RowRule, scenario: Scenario): Outcome {
  const role = PEOPLE[user].role;
  const supervision = role === 'supervisor' || role === 'admin';
  const archiveTeam = role !== 'officer';
  if (scenario === 'missing') return rule.mayCreate ? 'ok' : 'hidden';
  switch (rule.record) {
    case 'document':
    case 'page': {
      if (scenario === 'mai') {
        if (user === 'mai') return 'ok';
        if (!supervision) return 'hidden';
        return rule.access === 'write' ? 'forbidden' : 'ok';
      }
      // Hùng's archive document, still being indexed.
      if (!archiveTeam) return 'hidden';
      return rule.access === 'write' && !rule.archiveFlow ? 'archive-not-approved' : 'ok';
    }
    case 'dossier': {
      if (user === 'mai') return 'ok';
      if (rule.mayCreate) return 'dossier-other-officer';
      if (!supervision) return 'hidden';
      return rule.access === 'write' ? 'forbidden' : 'ok';
    }
    case 'account':
      return user === 'mai' || role === 'admin' ? 'ok' : 'hidden';
    case 'job':
      return 'ok';
  }
}

const HIDDEN_CODE: Record<RowRule['record'], string> = { document: 'not-found', page: 'page-not-found', dossier: 'dossier-not-found', account: 'not-found', job: 'not-found' };

/** An error's words with the records' ids taken out, to compare a hidden record with a missing one. */
const words = (e: RefusedCall, ids: readonly string[]) => ids.reduce((text, id) => text.replaceAll(id, '‹id›'), `${e.code}|${e.message.vi}|${e.message.en}`);

async function person(username: Username | null): Promise<Person> {
  const session = t.station.auth.newSession();
  const p = { session, call: (m: MethodName, i: unknown) => t.call(m, i as never, { emit: () => {}, session }) } as unknown as Person;
  if (username) await p.call('session.login', { username, password: PASSWORD });
  return { ...p, caller: t.station.auth.callerOf(session) ?? { userId: null, name: '', role: 'officer' } };
}

beforeAll(async () => {
  t = await openTestStation();
  tmp = tempDir('matrix');
  pdfPath = join(tmp.path, 'giay.png');
  await sharp({ create: { width: 600, height: 840, channels: 3, background: '#f6f3ea' } }).png().toFile(pdfPath);
  await t.call('users.create', { username: 'admin', displayName: PEOPLE.admin.name, role: 'admin', password: PASSWORD });
  people.admin = await person('admin');
  for (const u of Object.keys(PEOPLE) as Username[])
    if (u !== 'admin') await people.admin.call('users.create', { username: u, displayName: PEOPLE[u].name, role: PEOPLE[u].role, password: PASSWORD });
  for (const u of Object.keys(PEOPLE) as Username[]) if (u !== 'admin') people[u] = await person(u);
  signedOut = await person(null);

  await people.mai.call('dossiers.open', { code: MAI_DOSSIER });
  const doc = await people.mai.call('documents.import', { paths: [pdfPath], ocr: 'skip', metadata: { title: 'Đơn đề nghị', dossierCode: MAI_DOSSIER } });
  const batch = await people.hung.call('archive.create', { name: 'Hộp 3' });
  await people.hung.call('archive.import', { batchId: batch.id, paths: [pdfPath] });
  const [archived] = await people.hung.call('archive.documents', { batchId: batch.id });
  const archivePage = (await people.hung.call('documents.get', { id: archived!.documentId })).pages[0]!.id;
  const maiId = people.mai.caller.userId!;
  targets.mai = { doc: doc.id, page: doc.pages[0]!.id, dossier: MAI_DOSSIER, account: maiId };
  targets.archive = { doc: archived!.documentId, page: archivePage, dossier: MAI_DOSSIER, account: maiId };
  targets.missing = { doc: '019a0000-0000-7000-8000-000000000000', page: '019a0000-0000-7000-8000-000000000001', dossier: '000.00.01.H12-261201-0999', account: '019a0000-0000-7000-8000-000000000002' };
}, 180_000);

afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

describe('the policy table', () => {
  it('has a rule for every method and no rule for a method that does not exist', () => {
    expect(Object.keys(METHOD_POLICY).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual([...METHOD_NAMES].sort());
    for (const m of METHOD_NAMES) {
      const p: MethodPolicy = METHOD_POLICY[m];
      // Each rule names a field the input really has.
      const shape = (methods[m].input as unknown as { shape?: Record<string, unknown>; def?: { schema?: { shape?: Record<string, unknown> } } }).shape;
      for (const r of p.rows) if (shape) expect(Object.keys(shape), `${m}: ${r.field}`).toContain(r.field.split('.')[0]);
      expect(methods[m].input.safeParse(SAMPLES[m](targets.missing)).success, `${m}'s sample`).toBe(true);
    }
  });
});

describe('every method × every role', () => {
  it('refuses the roles outside a method’s audience, and everyone signed out, before anything runs', async () => {
    const before = await people.admin.call('audit.list', { limit: 1 });
    for (const m of METHOD_NAMES) {
      const { audience } = METHOD_POLICY[m];
      if (audience === 'anyone') continue;
      expect((await refused(signedOut.call(m, SAMPLES[m](targets.missing)))).code, `${m} signed out`).toBe('login-required');
      for (const u of Object.keys(PEOPLE) as Username[]) {
        if (inAudience(PEOPLE[u].role, audience)) continue;
        const e = await refused(people[u].call(m, SAMPLES[m](targets.missing)));
        expect(e.code, `${m} as ${u}`).toBe('forbidden');
        expect(e.details?.action, `${m} as ${u}`).toBe(m);
      }
    }
    // Refusals change nothing: not even the audit log (no view, no export was recorded).
    expect((await people.admin.call('audit.list', { limit: 1 }))[0]!.seq).toBe(before[0]!.seq);
  });

  it('applies each method’s row rule: a hidden record answers exactly as a missing one', async () => {
    const checked: string[] = [];
    for (const m of METHOD_NAMES) {
      const policy = METHOD_POLICY[m];
      // The rules whose field the sample gives (an optional one it leaves out is not asked).
      const rows = policy.rows.filter((r) => r.record !== 'job' && valuesAt(SAMPLES[m](targets.missing), r.field).length > 0);
      if (rows.length === 0) continue;
      for (const u of Object.keys(PEOPLE) as Username[]) {
        if (!inAudience(PEOPLE[u].role, policy.audience)) continue;
        const missing = rows.some((r) => !r.mayCreate) ? await refused(people[u].call(m, SAMPLES[m](targets.missing))) : null;
        for (const scenario of ['mai', 'archive', 'missing'] as const) {
          // Dossier and account rules do not depend on whose document it is.
          if (scenario === 'archive' && rows.every((r) => r.record === 'dossier' || r.record === 'account')) continue;
          const outcome = rows.map((r) => expected(u, r, scenario)).find((o) => o !== 'ok') ?? 'ok';
          const input = SAMPLES[m](targets[scenario]);
          const label = `${m} as ${u} on ${scenario}'s`;
          if (outcome === 'ok') {
            // Admitted: the layer lets it through (the handler itself is not run here).
            expect(() => withCaller(people[u].caller, () => (checkRestrictedFields(m, policy, input, people[u].caller), checkRows(policy, input, people[u].caller, t.station))), label).not.toThrow();
            continue;
          }
          const e = await refused(people[u].call(m, input));
          if (outcome === 'hidden') {
            expect(e.code, label).toBe(HIDDEN_CODE[rows.find((r) => expected(u, r, scenario) === 'hidden')!.record]);
            const ids = [...Object.values(targets[scenario]), ...Object.values(targets.missing)];
            expect(words(e, ids), label).toBe(words(missing!, ids));
          } else expect(e.code, label).toBe(outcome);
          checked.push(label);
        }
      }
    }
    // The matrix is not empty: every kind of refusal was met.
    expect(checked.length).toBeGreaterThan(150);
  });

  it('resolves an id prefix only among what the caller may see', async () => {
    const prefix = targets.mai.doc.slice(0, 8);
    const nobody = '0000aaaa';
    const stranger = await refused(people.tam.call('documents.get', { id: prefix }));
    const none = await refused(people.tam.call('documents.get', { id: nobody }));
    expect(words(stranger, [prefix, nobody])).toBe(words(none, [prefix, nobody]));
    expect((await people.mai.call('documents.get', { id: prefix })).id).toBe(targets.mai.doc);
    // A supervisor sees both documents made this minute: the short prefix is ambiguous to her alone.
    if (targets.archive.doc.startsWith(prefix)) expect((await refused(people.lan.call('documents.get', { id: prefix }))).code).toBe('ambiguous-id');
    else expect((await people.lan.call('documents.get', { id: prefix })).id).toBe(targets.mai.doc);
    expect((await people.lan.call('documents.get', { id: targets.mai.doc.slice(0, 24) })).id).toBe(targets.mai.doc);
  });

  it('lists and finds only what the caller may read', async () => {
    const ids = async (u: Username) => (await people[u].call('documents.list', {})).map((d) => d.id).sort();
    expect(await ids('mai')).toEqual([targets.mai.doc]);
    expect(await ids('tam')).toEqual([]);
    expect(await ids('hung')).toEqual([targets.archive.doc]);
    expect(await ids('thu')).toEqual([targets.archive.doc]);
    expect(await ids('lan')).toEqual([targets.mai.doc, targets.archive.doc].sort());
    expect((await people.tam.call('documents.search', { text: 'don de nghi' })).length).toBe(0);
    expect((await people.tam.call('documents.search', { text: MAI_DOSSIER })).length).toBe(0);
    expect((await people.mai.call('documents.search', { text: MAI_DOSSIER })).map((d) => d.id)).toEqual([targets.mai.doc]);
  });

  it('keeps fields of the station’s way to the administrator (scanner driver options, how signatures are made)', async () => {
    for (const m of METHOD_NAMES) {
      for (const [field, audience] of Object.entries(METHOD_POLICY[m].restrictedFields ?? {})) {
        const value = field === 'driverOptions' ? { 'test-picture': 'Grid' } : field === 'visible' ? false : field === 'level' ? 'B-LT' : field === 'format' ? 'pkcs7' : field === 'position' ? 'bottom-left' : 'http://127.0.0.1:9/tsa';
        for (const u of ['mai', 'hung', 'lan'] as const) {
          if (!inAudience(PEOPLE[u].role, METHOD_POLICY[m].audience) || AUDIENCE_ROLES[audience].includes(PEOPLE[u].role)) continue;
          const e = await refused(people[u].call(m, { ...SAMPLES[m](targets.mai), [field]: value } as never));
          expect([e.code, e.details?.action], `${m}.${field} as ${u}`).toEqual(['forbidden', `${m}: ${field}`]);
        }
      }
    }
  });
});
