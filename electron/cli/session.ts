// The CLI's way into the station: it opens the core and calls it through the same dispatcher
// (and so the same contract validation) as the app's IPC and the browser bridge.
import type { MethodInput, MethodName, MethodOutput, WireError } from '../contract';
import { type CallContext, type Emit, type Handlers, createHandlers, dispatch } from '../core/dispatch';
import { type Station, openStation } from '../core/station';

/** A call that answered with an error: main prints it and exits with its status. */
export class CallFailed extends Error {
  constructor(
    readonly error: WireError,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error.message.en);
  }
}

const ignore: Emit = () => {};

export interface SessionOptions {
  readonly resumeBackgroundWork?: boolean;
  /** A token library the person named on the command line (--pkcs11): theirs to load, like
   * SOHOA_PKCS11_MODULE in their environment (signing/keys.ts allowedModules). */
  readonly tokenLibrary?: string;
  /** false: `sohoa serve --no-wizard` (StationOptions.firstStartWizard). */
  readonly firstStartWizard?: boolean;
}

export class CliSession {
  private constructor(
    readonly station: Station,
    private readonly handlers: Handlers,
  ) {}

  static async open(dataDir: string, opts: SessionOptions = {}): Promise<CliSession> {
    const { tokenLibrary, ...rest } = opts;
    const station = await openStation({ dataDir, ...rest, ...(tokenLibrary ? { env: { ...process.env, SOHOA_PKCS11_MODULE: tokenLibrary } } : {}) });
    const session = new CliSession(station, createHandlers(station));
    // Once the station has accounts, a command acts as someone: SOHOA_USER, with the password in
    // SOHOA_PASSWORD (secrets never travel on the command line).
    const username = process.env.SOHOA_USER;
    if (username) {
      try {
        await session.call('session.login', { username, password: process.env.SOHOA_PASSWORD ?? '' });
      } catch (e) {
        await station.close();
        throw e;
      }
    }
    return session;
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>, emit: Emit = ignore): Promise<MethodOutput<M>> {
    const ctx: CallContext = { emit };
    const result = await dispatch(this.station, this.handlers, method, input, ctx);
    if (!result.ok) throw new CallFailed(result.error);
    return result.output as MethodOutput<M>;
  }

  close(): Promise<void> {
    return this.station.close();
  }
}
