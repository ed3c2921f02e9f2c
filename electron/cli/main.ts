// `sohoa`: parses the command line, runs the command, and turns every outcome into the exit
// status of cli.md (0 ok, 2 bad input, 3 device, 4 signature, 5 sync, 1 unexpected).
import { formatError } from '../contract';
import { isStationError } from '../core/errors';
import { createLogger } from '../core/log';
import { defaultDataDir } from '../core/paths';
import { VERSION } from '../core/station';
import { join } from 'node:path';
import { parseCommandLine, stringOption } from './args';
import type { Command } from './command';
import { devicesCommand } from './commands/devices';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { listCommand, showCommand } from './commands/list';
import { scanCommand } from './commands/scan';
import { serveCommand } from './commands/serve';
import { signCommand } from './commands/sign';
import { tokensCommand } from './commands/tokens';
import { verifyCommand } from './commands/verify';
import { syncCommand } from './commands/sync';
import { reportCommand } from './commands/report';
import { searchCommand } from './commands/search';
import { auditCommand } from './commands/audit';
import { usersCommand } from './commands/users';
import { backupCommand, restoreCommand } from './commands/backup';
import type { Language } from './messages';
import { EXIT, Output } from './output';
import { CallFailed, CliSession } from './session';

const COMMANDS: Readonly<Record<string, Command>> = {
  devices: devicesCommand,
  scan: scanCommand,
  import: importCommand,
  list: listCommand,
  show: showCommand,
  export: exportCommand,
  sign: signCommand,
  verify: verifyCommand,
  tokens: tokensCommand,
  search: searchCommand,
  audit: auditCommand,
  users: usersCommand,
  backup: backupCommand,
  restore: restoreCommand,
  sync: syncCommand,
  report: reportCommand,
  serve: serveCommand,
};

/** The language is read before anything else, so that even argument errors use it. */
function language(argv: readonly string[]): Language {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return value === 'en' ? 'en' : 'vi';
}

export async function main(argv: readonly string[]): Promise<number> {
  const out = new Output(language(argv), argv.includes('--json'));
  const [name, ...rest] = argv;
  if (name === '--version') {
    out.result({ version: VERSION }, () => [VERSION]);
    return EXIT.ok;
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${out.t('usage')}\n`);
    return name ? EXIT.ok : EXIT.input;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`${out.t('usage')}\n\n`);
    return out.error(formatError('invalid-input', { field: 'command', detail: `unknown command “${name}”`, detail_vi: `không có lệnh “${name}”` }));
  }

  let session: CliSession | undefined;
  let dataDir = defaultDataDir();
  try {
    const parsed = parseCommandLine(rest, command.options);
    const lang = stringOption(parsed, 'lang');
    if (lang !== undefined && lang !== 'vi' && lang !== 'en')
      return out.error(formatError('invalid-input', { field: '--lang', detail: 'expected vi or en', detail_vi: 'chỉ có vi hoặc en' }));
    if (parsed.values.help) {
      process.stdout.write(`${out.t('usage')}\n`);
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
