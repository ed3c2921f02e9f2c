// The messages every transport carries, and turning zod failures into `invalid-input` errors
// with Vietnamese and English detail.
import { z } from 'zod';
import { formatError, WireError } from './errors';
import { validationMessageVi } from './metadata';

export type CallResult<T> = { ok: true; output: T } | { ok: false; error: WireError };

/** Browser-mode WebSocket frames. Electron IPC carries the same call/result pair. */
export const ClientFrame = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  input: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrame>;

export type ServerFrame =
  | { t: 'result'; id: number; result: CallResult<unknown> }
  | { t: 'event'; name: string; payload: unknown };

const vi = z.locales.vi();

function issueText(issue: z.core.$ZodIssue, language: 'vi' | 'en'): string {
  // Our own messages (custom issues, { error } options) are English with a registered Vietnamese
  // text (metadata.ts); zod's built-in ones are translated by its Vietnamese locale.
  const own = language === 'vi' ? validationMessageVi(issue.message) : undefined;
  if (own !== undefined) return own;
  if (language === 'vi' && issue.code !== 'custom') {
    const text = vi.localeError(issue as Parameters<typeof vi.localeError>[0]);
    if (typeof text === 'string') return text;
  }
  return issue.message;
}

/** The first problem of a failed parse, as an `invalid-input` error naming the field. */
export function invalidInput(error: z.ZodError, prefix: readonly (string | number)[] = []): WireError {
  const issue = error.issues[0];
  if (!issue) return formatError('invalid-input', { field: prefix.join('.') || 'input', detail: 'invalid' });
  const field = [...prefix, ...issue.path.map(String)].join('.') || 'input';
  return formatError('invalid-input', { field, detail: issueText(issue, 'en'), detail_vi: issueText(issue, 'vi') });
}
