// Starts the camera pages' thread from the TypeScript sources (as the archive's
// sheet-worker-entry.mjs does): tsx compiles camera-worker.ts on load.
import { register } from 'tsx/esm/api';

register();
await import('./camera-worker.ts');
