import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/**/*.test.ts'],
    // Real scanners, databases and browsers: generous limits, never timing assertions.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    // The station key comes from a passphrase in tests (the app uses the OS keychain); child
    // processes (the CLI, browser mode) inherit it.
    env: { SOHOA_STATION_PASSPHRASE: 'trạm thử nghiệm — không dùng ngoài kiểm thử' },
  },
});
