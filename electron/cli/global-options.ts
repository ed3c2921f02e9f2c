// The global options of cli.md (--data-dir, --json, --lang, --help, --version) may be written
// before the command (`sohoa --data-dir D scan …`, as cli.md writes them) or after it, anywhere
// among the command's own options. This takes the ones before the command off the front, so that
// main can hand them to the command's parser together with the rest: they then mean exactly the
// same in either place. A global option left without its value, or an option before the command
// that is not a global one, is a usage error (exit 2) naming it, in the chosen language.
import { GLOBAL_OPTIONS, badOption, missingValue } from './args';

export interface SplitCommandLine {
  /** The global options written before the command, as written (`--data-dir D`, `--json`…). */
  readonly leading: string[];
  /** The command's name, or undefined when none was given. */
  readonly name: string | undefined;
  /** Everything after the command's name. */
  readonly rest: string[];
}

type GlobalName = keyof typeof GLOBAL_OPTIONS;

function globalName(token: string): GlobalName | undefined {
  if (token === '-h') return 'help';
  if (!token.startsWith('--')) return undefined;
  const name = token.slice(2).split('=')[0]!;
  return Object.hasOwn(GLOBAL_OPTIONS, name) ? (name as GlobalName) : undefined;
}

/** A value that is really the next option (`sohoa --data-dir --json`): the value is missing. */
const looksLikeOption = (token: string | undefined) => token === undefined || (token.startsWith('-') && !/^-\d/.test(token));

export function splitCommandLine(argv: readonly string[]): SplitCommandLine {
  const leading: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--' || !token.startsWith('-')) break;
    const name = globalName(token);
    if (!name) {
      const flag = token.split('=')[0]!;
      throw badOption(flag, `${flag} is not an option of sohoa (the common ones are --data-dir, --json, --lang, --help, --version)`, `sohoa không có tùy chọn ${flag} (các tùy chọn chung: --data-dir, --json, --lang, --help, --version)`);
    }
    const spec = GLOBAL_OPTIONS[name];
    if (spec.type === 'boolean') {
      if (token.includes('=')) throw badOption(`--${name}`, `--${name} takes no value`, `--${name} không đi kèm giá trị`);
      leading.push(token);
    } else if (token.includes('=')) {
      if (token.endsWith('=')) throw missingValue(`--${name}`);
      leading.push(token);
    } else {
      const value = argv[i + 1];
      if (looksLikeOption(value)) throw missingValue(`--${name}`);
      leading.push(`--${name}=${value}`);
      i++;
    }
  }
  if (argv[i] === '--') i++;
  const name = argv[i];
  return { leading, name, rest: argv.slice(i + 1) };
}
