// Starts the portable PDF engine's worker thread from the TypeScript sources (as
// imaging/pool-worker-entry.mjs does): tsx compiles portable-worker.ts on load.
import { register } from 'tsx/esm/api';

register();
await import('./portable-worker.ts');
