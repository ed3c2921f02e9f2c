// The stations' secrets never travel on the store's command line, where every user of the machine
// reads them (ps, /proc/PID/cmdline): they come from a file only its owner can read, or from the
// environment. The store is started here as an operator would start it, and refuses what would
// give a secret away.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/paths';
import { CLIENTS_ENV } from './clients';
import { type ProvincialStore, provincialStoreArgs, startProvincialStore } from './harness';
import { requestToken } from './store-kit';

let tmp: ReturnType<typeof tempDir>;
let running: ChildProcess | undefined;

beforeAll(() => {
  tmp = tempDir('provincial-store-cli');
});
afterEach(() => {
  running?.kill('SIGKILL');
  running = undefined;
});
afterAll(() => tmp?.cleanup());

type Outcome = { kind: 'listening'; url: string } | { kind: 'exited'; code: number | null; stderr: string };

/** Runs the store's main.ts with these arguments and environment until it listens or exits. */
function run(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const base = { ...process.env };
  delete base[CLIENTS_ENV];
  const child = spawn(process.execPath, provincialStoreArgs(['--port', '0', ...args]), { cwd: REPO, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running = child;
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (m) resolve({ kind: 'listening', url: m[1]! });
    });
    child.once('exit', (code) => resolve({ kind: 'exited', code, stderr }));
  });
}

function clientsFile(name: string, text: string, mode: number): string {
  const path = join(tmp.path, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe('where the clients come from', () => {
  it('refuses --client ID:SECRET, saying why, without echoing the secret', async () => {
    const outcome = await run(['--data', join(tmp.path, 'data-a'), '--client', 'xa-hoa-thuan:do-not-echo-me']);
    expect(outcome).toMatchObject({ kind: 'exited', code: 2 });
    const { stderr } = outcome as Extract<Outcome, { kind: 'exited' }>;
    expect(stderr).toMatch(/--client ID:SECRET is no longer accepted/);
    expect(stderr).toMatch(/visible to every user/);
    expect(stderr).not.toContain('do-not-echo-me');
  });

  it('refuses a clients file the group or others may read, naming its mode', async () => {
    for (const mode of [0o644, 0o640, 0o604, 0o660]) {
      const file = clientsFile(`clients-${mode.toString(8)}`, 'xa-hoa-thuan:a-long-secret\n', mode);
      const outcome = await run(['--data', join(tmp.path, 'data-b'), '--clients', file]);
      expect(outcome, mode.toString(8)).toMatchObject({ kind: 'exited', code: 2 });
      expect((outcome as Extract<Outcome, { kind: 'exited' }>).stderr).toContain(`mode is 0${mode.toString(8)}`);
    }
  });

  it('starts from a mode-600 file, lines or JSON, and its clients sign in', async () => {
    const lines = clientsFile('clients.txt', '# stations of the district\nxa-hoa-thuan:a-long-secret\n\nxa-tan-an:another:secret-with-colons\n', 0o600);
    const fromLines = await run(['--data', join(tmp.path, 'data-c'), '--clients', lines]);
    expect(fromLines.kind).toBe('listening');
    const url = (fromLines as Extract<Outcome, { kind: 'listening' }>).url;
    expect((await requestToken({ url }, { id: 'xa-hoa-thuan', secret: 'a-long-secret' })).status).toBe(200);
    expect((await requestToken({ url }, { id: 'xa-tan-an', secret: 'another:secret-with-colons' })).status).toBe(200);
    running?.kill('SIGKILL');

    const json = clientsFile('clients.json', JSON.stringify([{ id: 'xa-hoa-thuan', secret: 'a-long-secret' }]), 0o600);
    const fromJson = await run(['--data', join(tmp.path, 'data-c'), '--clients', json]);
    expect(fromJson.kind).toBe('listening');
    const jsonUrl = (fromJson as Extract<Outcome, { kind: 'listening' }>).url;
    expect((await requestToken({ url: jsonUrl }, { id: 'xa-hoa-thuan', secret: 'a-long-secret' })).status).toBe(200);
    // A client left out of the file cannot sign in any more.
    expect((await requestToken({ url: jsonUrl }, { id: 'xa-tan-an', secret: 'another:secret-with-colons' })).status).toBe(401);
  });

  it('refuses no clients, both sources at once, and malformed lists, without quoting a secret', async () => {
    const data = ['--data', join(tmp.path, 'data-d')];
    const file = clientsFile('clients-ok', 'xa-hoa-thuan:a-long-secret\n', 0o600);
    const cases: [string[], Record<string, string>, RegExp][] = [
      [data, {}, /no client/],
      [[...data, '--clients', file], { [CLIENTS_ENV]: 'xa-hoa-thuan:a-long-secret' }, /not both/],
      [data, { [CLIENTS_ENV]: 'no-colon-here-secret-or-not' }, /line 1: expected ID:SECRET/],
      [data, { [CLIENTS_ENV]: 'a:one-secret\na:two-secret' }, /listed twice/],
      [data, { [CLIENTS_ENV]: '[{"id": "x y", "secret": "s3cret-value"}]' }, /printable ASCII/],
      [data, { [CLIENTS_ENV]: '[' }, /not valid JSON/],
      [[...data, '--clients', join(tmp.path, 'no-such-file')], {}, /ENOENT/],
    ];
    for (const [args, env, message] of cases) {
      const outcome = await run(args, env);
      expect(outcome, String(message)).toMatchObject({ kind: 'exited', code: 2 });
      const { stderr } = outcome as Extract<Outcome, { kind: 'exited' }>;
      expect(stderr).toMatch(message);
      for (const secret of ['one-secret', 'two-secret', 's3cret-value', 'no-colon-here-secret-or-not']) expect(stderr).not.toContain(secret);
    }
  });
});

describe('the harness', () => {
  it('starts the store with no secret on any command line of the machine', async () => {
    const secret = `harness-secret-${process.pid}-${Date.now()}`;
    let store: ProvincialStore | undefined;
    try {
      store = await startProvincialStore({ clients: [{ id: 'xa-hoa-thuan', secret }] });
      expect((await requestToken(store, { id: 'xa-hoa-thuan', secret })).status).toBe(200);
      // What `ps` shows: every process's command line.
      if (!existsSync('/proc/self/cmdline')) return;
      const cmdlines = readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .map((p) => {
          try {
            return readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ');
          } catch {
            return ''; // gone meanwhile
          }
        });
      // The store is among them (the search is not empty-handed), and no line holds the secret.
      expect(cmdlines.some((c) => c.includes('main.ts') && c.includes(store!.dataDir))).toBe(true);
      expect(cmdlines.filter((c) => c.includes(secret))).toEqual([]);
    } finally {
      await store?.cleanup();
    }
  });
});
