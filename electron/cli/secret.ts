// Secrets (PKCS#12 passwords, token PINs) never travel on the command line (cli.md): they come
// from an environment variable the command names, or are typed at a prompt that does not echo.
import { type Parsed, badOption, stringOption } from './args';
import type { Output } from './output';

function promptHidden(out: Output, question: string): Promise<string> {
  const stdin = process.stdin;
  out.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  let value = '';
  return new Promise((resolve, reject) => {
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      out.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done();
          return resolve(value);
        }
        if (ch === '\u0003' || ch === '\u0004') {
          done();
          return reject(badOption('PIN', 'nothing was typed', 'chưa nhập gì'));
        }
        value = ch === '\u007f' || ch === '\b' ? [...value].slice(0, -1).join('') : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The secret from the variable `--<envFlag> VAR` names, else a prompt on a terminal. */
export async function readSecret(out: Output, parsed: Parsed, envFlag: string, prompt: string): Promise<string> {
  const variable = stringOption(parsed, envFlag);
  if (variable !== undefined) {
    const value = process.env[variable];
    if (!value) throw badOption(`--${envFlag}`, `the environment variable ${variable} is not set`, `biến môi trường ${variable} chưa được đặt`);
    return value;
  }
  if (!process.stdin.isTTY)
    throw badOption(`--${envFlag}`, `give --${envFlag} VAR (the secret is never taken from the command line)`, `cần --${envFlag} TÊN_BIẾN (không nhận bí mật trên dòng lệnh)`);
  const value = await promptHidden(out, prompt);
  if (!value) throw badOption(`--${envFlag}`, 'nothing was typed', 'chưa nhập gì');
  return value;
}
