// Starts the archive's examining thread from the TypeScript sources (as the imaging pool's
// pool-worker-entry.mjs does): tsx compiles sheet-worker.ts on load.
import { register } from 'tsx/esm/api';

register();
await import('./sheet-worker.ts');
