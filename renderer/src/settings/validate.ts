// What the settings forms check before they ask the core (which checks the same again and refuses
// with a coded error): each problem as a message key that says what to fix.
import { Password, UNIT_CODE_PATTERN, Username } from '../../../electron/contract';
import type { MessageKey } from '../i18n';

export type Problems<F extends string> = Partial<Record<F, MessageKey>>;

export function unitCodeProblem(value: string): MessageKey | null {
  if (!value.trim()) return 'setUnitCodeMissing';
  return UNIT_CODE_PATTERN.test(value.trim()) ? null : 'setUnitCodeForm';
}

/** An http(s) address (the store, a timestamp authority). */
export function urlProblem(value: string, required: boolean): MessageKey | null {
  if (!value.trim()) return required ? 'setUrlMissing' : null;
  try {
    const u = new URL(value.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? null : 'setUrlForm';
  } catch {
    return 'setUrlForm';
  }
}

export function dpiProblem(dpi: number): MessageKey | null {
  if (!Number.isInteger(dpi) || dpi > 4800) return 'setDpiForm';
  return dpi < 200 ? 'setDpiLow' : null;
}

export function usernameProblem(value: string): MessageKey | null {
  return Username.safeParse(value).success ? null : 'usersNameForm';
}

export function passwordProblem(password: string, confirm: string): MessageKey | null {
  if (!Password.safeParse(password).success) return 'usersPasswordShort';
  return password === confirm ? null : 'usersPasswordMismatch';
}

export const hasProblems = (p: Problems<string>) => Object.values(p).some(Boolean);

/** Lines of a textarea as a list (blank lines dropped): folders, libraries. */
export const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
