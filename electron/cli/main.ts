// `sohoa`: parses the command line, runs the command, and turns every outcome into the exit
// status of cli.md (0 ok, 2 bad input, 3 device, 4 signature, 5 sync, 1 unexpected).
import { formatError } from '../contract';
import { isStationError } from '../core/errors';
import { createLogger } from '../core/log';
import { defaultDataDir } from '../core/paths';
import { VERSION } from '../core/station';
import { join } from 'node:path';
import { type Parsed, badOption, parseCommandLine, stringOption } from './args';
import { type SplitCommandLine, splitCommandLine } from './global-options';
import type { Command } from './command';
import { commandHelp } from './command-help';
import type { Language } from './messages';
import { EXIT, Output } from './output';
import { CallFailed, CliSession } from './session';

/** Each command's module loads when it is the one run: a process loads only its own command's
 * code (every module costs start-up time under tsx; issue 17: `sohoa devices` in under a second). */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  devices: async () => (await import('./commands/devices')).devicesCommand,
  scan: async () => (await import('./commands/scan')).scanCommand,
  import: async () => (await import('./commands/import')).importCommand,
  list: async () => (await import('./commands/list')).listCommand,
  show: async () => (await import('./commands/list')).showCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  sign: async () => (await import('./commands/sign')).signCommand,
  verify: async () => (await import('./commands/verify')).verifyCommand,
  tokens: async () => (await import('./commands/tokens')).tokensCommand,
  search: async () => (await import('./commands/search')).searchCommand,
  audit: async () => (await import('./commands/audit')).auditCommand,
  users: async () => (await import('./commands/users')).usersCommand,
  backup: async () => (await import('./commands/backup')).backupCommand,
  restore: async () => (await import('./commands/backup')).restoreCommand,
  sync: async () => (await import('./commands/sync')).syncCommand,
  report: async () => (await import('./commands/report')).reportCommand,
  serve: async () => (await import('./commands/serve')).serveCommand,
};

/** The command of that name, or undefined (never an Object.prototype member such as “toString”). */
async function commandNamed(name: string): Promise<Command | undefined> {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name]!() : undefined;
}

/** The language is read before anything else, so that even argument errors use it. */
function language(argv: readonly string[]): Language {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return value === 'en' ? 'en' : 'vi';
}

function checkLanguage(parsed: Parsed): void {
  const lang = stringOption(parsed, 'lang');
  if (lang !== undefined && lang !== 'vi' && lang !== 'en') throw badOption('--lang', 'expected vi or en', 'chỉ có vi hoặc en');
}

export async function main(argv: readonly string[]): Promise<number> {
  const out = new Output(language(argv), argv.includes('--json'));
  let split: SplitCommandLine;
  let before: Parsed;
  try {
    split = splitCommandLine(argv);
    before = parseCommandLine(split.leading, {});
    checkLanguage(before);
  } catch (e) {
    if (!isStationError(e)) throw e;
    process.stderr.write(`${out.t('usage')}\n\n`);
    return out.error(e.toWire());
  }
  const { name, rest } = split;
  if (before.values.version) {
    out.result({ version: VERSION }, () => [VERSION]);
    return EXIT.ok;
  }
  if (!name || name === 'help') {
    // `sohoa help backup` is `sohoa backup --help`.
    const asked = name ? (rest[0] ?? '') : '';
    process.stdout.write(`${commandHelp(asked, out.lang) ?? out.t((asked && (await commandNamed(asked))?.help) || 'usage')}\n`);
    return name || before.values.help ? EXIT.ok : EXIT.input;
  }
  const command = await commandNamed(name);
  if (!command) {
    process.stderr.write(`${out.t('usage')}\n\n`);
    return out.error(formatError('invalid-input', { field: 'command', detail: `unknown command “${name}”`, detail_vi: `không có lệnh “${name}”` }));
  }

  let session: CliSession | undefined;
  let dataDir = defaultDataDir();
  try {
    // The global options written before the command join its own: the same wherever written.
    const parsed = parseCommandLine([...split.leading, ...rest], command.options);
    checkLanguage(parsed);
    if (parsed.values.help) {
      process.stdout.write(`${commandHelp(name, out.lang) ?? out.t(command.help ?? 'usage')}\n`);
      return EXIT.ok;
    }
    if (parsed.values.version) {
      out.result({ version: VERSION }, () => [VERSION]);
      return EXIT.ok;
    }
    dataDir = stringOption(parsed, 'data-dir') ?? dataDir;
    return await command.run({
      out,
      parsed,
      session: async (opts) => (session ??= await CliSession.open(dataDir, opts)),
    });
  } catch (e) {
    if (e instanceof CallFailed) return out.error(e.error, e.extra);
    if (isStationError(e)) return out.error(e.toWire());
    // A bug: keep the details in the log and tell the person where it is.
    const log = session?.station.log ?? createLogger(join(dataDir, 'logs', 'station.log'));
    log.error(`sohoa ${name} failed unexpectedly`, e);
    return out.error(formatError('internal', { detail: e instanceof Error ? e.message : String(e), log: log.path }));
  } finally {
    await session?.close();
  }
}
