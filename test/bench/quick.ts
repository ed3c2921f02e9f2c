// Quick mode (`npm run bench -- --quick`, or SOHOA_BENCH_QUICK=1): every bench on small inputs, in
// seconds, so that npm test runs each one and none can rot unnoticed (test/bench/quick-mode.test.ts).
// Its figures prove only that the bench runs and prints; they are not measurements.
export const QUICK = process.argv.includes('--quick') || process.env.SOHOA_BENCH_QUICK === '1';

/** The full bench's size, or the quick mode's. */
export const scaled = <T>(full: T, quick: T): T => (QUICK ? quick : full);
