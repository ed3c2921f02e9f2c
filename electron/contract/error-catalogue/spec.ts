// What each error of the catalogue says: its kind (the CLI's exit status follows from it) and a
// message in Vietnamese and English that says what to do next, with {placeholders}.
export type ErrorCategory = 'input' | 'device' | 'signature' | 'sync' | 'store' | 'internal';

export interface ErrorSpec {
  readonly category: ErrorCategory;
  readonly vi: string;
  readonly en: string;
}
