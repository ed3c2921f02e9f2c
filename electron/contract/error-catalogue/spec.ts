// What each error of the catalogue says: its kind (the CLI's exit status follows from it) and a
// message in Vietnamese and English that says what to do next, with {placeholders}.
export type ErrorCategory = 'input' | 'device' | 'signature' | 'sync' | 'store' | 'internal';

export interface ErrorSpec {
  readonly category: ErrorCategory;
  readonly vi: string;
  readonly en: string;
  /** What only the command line can do besides (an environment variable): printed by the CLI after
   * the message, never part of the message the app shows to people at the counter. */
  readonly cli?: { readonly vi: string; readonly en: string };
}
