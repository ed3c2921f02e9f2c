// Starts an imaging worker thread from the TypeScript sources (as electron/cli/sohoa.mjs does for
// the command): tsx compiles pool-worker.ts on load.
import { register } from 'tsx/esm/api';

register();
await import('./pool-worker.ts');
