// The global options of cli.md (--data-dir, --json, --lang) mean the same written before the
// command, as cli.md writes them (`sohoa --data-dir D scan …`), or after it; a global option with
// no value, or an unknown option before the command, is a usage error (exit 2) in vi or en.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';

const tmp = tempDir('cli-global');
const dataDir = join(tmp.path, 'data');
// The environment names another folder: only the option can have put the station in dataDir.
const elsewhere = join(tmp.path, 'not-this-one');
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  env = saneEnv(writeSaneConfig(join(tmp.path, 'sane.d')), { SOHOA_DATA_DIR: elsewhere });
});
afterAll(() => tmp.cleanup());

const json = (stdout: string): unknown => JSON.parse(stdout);
// Every case starts the real command, a few seconds each on a loaded machine: room for them, not a timing claim.
const MANY_RUNS = 600_000;

describe('global options before or after the command', () => {
  it('scans into the --data-dir written before the command, and every command reads it the same either way', async () => {
    const scan = await runCli(['--data-dir', dataDir, '--json', 'scan', '--device', 'sane:test:0', '--preset', 'a6', '--dpi', '200', '--pages', '1', '--no-ocr'], env);
    expect(scan.code, scan.stderr).toBe(0);
    const made = json(scan.stdout) as { id: string; pages: number };
    expect(made.pages).toBe(1);
    expect(existsSync(join(dataDir, 'station.sqlite'))).toBe(true);
    expect(existsSync(elsewhere)).toBe(false);

    // Options in front, behind, and mixed (--opt=value too), on commands with and without subcommands.
    const commands: string[][] = [['list'], ['show', made.id], ['sync', 'status'], ['audit', 'verify']];
    for (const [i, command] of commands.entries()) {
      const before = await runCli(['--data-dir', dataDir, '--json', ...command], env);
      const after = await runCli(i % 2 ? ['--json', ...command, `--data-dir=${dataDir}`] : [...command, '--data-dir', dataDir, '--json'], env);
      for (const r of [before, after]) expect(r.code, `${command.join(' ')}: ${r.stderr}`).toBe(0);
      expect(json(after.stdout), command.join(' ')).toEqual(json(before.stdout));
    }
    const listed = json((await runCli(['--data-dir', dataDir, '--json', 'list'], env)).stdout) as { id: string }[];
    expect(listed.map((d) => d.id)).toEqual([made.id]);
    expect(existsSync(elsewhere)).toBe(false);
  }, MANY_RUNS);

  it('speaks the --lang written before the command, in its errors too', async () => {
    const en = await runCli(['--lang', 'en', '--data-dir', dataDir, 'show', 'ffffffff-0000'], env);
    const vi = await runCli(['show', 'ffffffff-0000', '--data-dir', dataDir], env);
    expect(en.code).toBe(2);
    expect(vi.code).toBe(2);
    expect(en.stderr).toMatch(/^Error \[/m);
    expect(vi.stderr).toMatch(/^Lỗi \[/m);
    const human = await runCli(['--lang=en', '--data-dir', dataDir, 'list'], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/Id\s+Status/);
  }, MANY_RUNS);

  it('refuses a global option without its value, or an unknown one, with exit 2 in Vietnamese or English', async () => {
    const cases: { args: string[]; vi: RegExp; en: RegExp }[] = [
      { args: ['--data-dir'], vi: /--data-dir cần một giá trị đi kèm/, en: /--data-dir needs a value/ },
      { args: ['--data-dir', '--json', 'list'], vi: /--data-dir cần một giá trị đi kèm/, en: /--data-dir needs a value/ },
      { args: ['--data-dir=', 'list'], vi: /--data-dir cần một giá trị đi kèm/, en: /--data-dir needs a value/ },
      { args: ['list', '--data-dir'], vi: /--data-dir cần một giá trị đi kèm/, en: /--data-dir needs a value/ },
      { args: ['--lang'], vi: /--lang cần một giá trị đi kèm/, en: /--lang needs a value/ },
      { args: ['--frob', 'list'], vi: /sohoa không có tùy chọn --frob/, en: /--frob is not an option of sohoa/ },
      { args: ['list', '--frob'], vi: /lệnh này không có tùy chọn --frob/, en: /--frob is not an option of this command/ },
      { args: ['--json=yes', 'list'], vi: /--json không đi kèm giá trị/, en: /--json takes no value/ },
      { args: ['--data-dir', dataDir, 'frob'], vi: /không có lệnh “frob”/, en: /unknown command “frob”/ },
    ];
    for (const [i, { args, vi, en }] of cases.entries()) {
      // Each in Vietnamese; every other one in English too (each run starts a process).
      const inVi = await runCli(args, env);
      expect(inVi.code, args.join(' ')).toBe(2);
      expect(inVi.stderr, args.join(' ')).toMatch(vi);
      expect(inVi.stderr).toContain('[invalid-input]');
      if (i % 2) continue;
      const inEn = await runCli(['--lang', 'en', ...args], env);
      expect(inEn.code, args.join(' ')).toBe(2);
      expect(inEn.stderr, args.join(' ')).toMatch(en);
    }
    expect((await runCli(['--lang', 'xx', 'list'], env)).stderr).toMatch(/--lang: chỉ có vi hoặc en/);
    // With --json the refusal is the one JSON document on stdout, naming the option.
    const asJson = await runCli(['--json', '--data-dir'], env);
    expect(asJson.code).toBe(2);
    expect(json(asJson.stdout)).toMatchObject({ error: { code: 'invalid-input', details: { field: '--data-dir' } } });
    // Global options and no command: the usage, exit 2; asked for with --help: exit 0.
    const none = await runCli(['--data-dir', dataDir, '--json'], env);
    expect(none.code).toBe(2);
    expect(none.stdout).toMatch(/^Cách dùng: sohoa/);
    expect(existsSync(elsewhere)).toBe(false);
  }, MANY_RUNS);

  it('says in --help that they go before or after the command', async () => {
    const vi = await runCli(['--help'], env);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain('Tùy chọn chung, đặt trước hoặc sau lệnh: --data-dir THƯ_MỤC  --json  --lang vi|en');
    const en = await runCli(['--lang', 'en', '-h'], env);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Common options, before or after the command: --data-dir DIR  --json  --lang vi|en');
    const afterCommand = await runCli(['list', '--help', '--lang', 'en'], env);
    expect(afterCommand.code).toBe(0);
    expect(afterCommand.stdout).toContain('before or after the command');
    expect((await runCli(['--version'], env)).stdout).toMatch(/^\d+\.\d+\.\d+/);
  }, MANY_RUNS);
});
