import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const SANE_WORKER = join(REPO, 'native', 'build', 'sane-worker');
export const CLI = join(REPO, 'electron', 'cli', 'sohoa.mjs');
export const RESULTS = join(REPO, 'test-results');

/** A fresh temporary folder, removed by the returned cleanup (call it in afterEach/afterAll). */
export function tempDir(prefix: string): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), `sohoa-${prefix}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}
