import type { OptionSpec, Parsed } from './args';
import type { MessageKey } from './messages';
import type { Output } from './output';
import type { CliSession, SessionOptions } from './session';

export interface CommandContext {
  readonly out: Output;
  readonly parsed: Parsed;
  /** Opens the station on first use (commands that fail on their arguments never touch it). */
  readonly session: (opts?: SessionOptions) => Promise<CliSession>;
}

export interface Command {
  readonly options: OptionSpec;
  /** What `sohoa <command> --help` prints; the general usage when the command has none of its own. */
  readonly help?: MessageKey;
  run(ctx: CommandContext): Promise<number>;
}
