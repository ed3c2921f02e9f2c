// The app never tells a person at the counter to set an environment variable: what only the
// command line can do lives in an error's `cli` advice, which the CLI prints after the message
// and the app never shows. The few messages that still name one are listed here with why.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ERRORS, type ErrorCode, cliAdvice, formatError } from '../../electron/contract';
import { Output } from '../../electron/cli/output';

/** Said before the app can open (the station key) or with no screen for it yet (scanner pinning). */
const STILL_NAMING: readonly ErrorCode[] = ['station-key-wrong', 'station-key-needed', 'station-key-no-source', 'scanner-certificate-unpinned', 'scanner-certificate-mismatch'];

describe('error messages shown in the app', () => {
  it('name no environment variable (the command line’s advice is kept apart)', () => {
    const naming = (Object.keys(ERRORS) as ErrorCode[]).filter((code) => /SOHOA_/.test(ERRORS[code].vi + ERRORS[code].en) && !STILL_NAMING.includes(code));
    expect(naming).toEqual([]);
    for (const code of ['sync-not-configured', 'sync-insecure-url', 'login-required'] as const) {
      expect(formatError(code, { url: 'http://kho.example.vn' }).message.vi).not.toMatch(/SOHOA_/);
      expect(cliAdvice(code, 'vi')).toMatch(/SOHOA_/);
      expect(cliAdvice(code, 'en')).toMatch(/SOHOA_/);
    }
    expect(formatError('sync-not-configured').message.vi).toMatch(/Cài đặt → Kho dữ liệu tỉnh/);
  });

  it('the command line prints the variable after the message', () => {
    const err = new PassThrough();
    const out = new Output('en', false, new PassThrough(), err);
    out.error(formatError('sync-not-configured'));
    expect(String(err.read())).toMatch(/Ask an administrator to enter them in Settings → Provincial store\. Command line: or set SOHOA_SYNC_URL/);
  });
});
