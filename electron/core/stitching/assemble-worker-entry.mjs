// Starts the assembly thread from the TypeScript sources (tests, `sohoa` from the repository): tsx
// compiles assemble-worker.ts on load. The built app starts ./stitch-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./assemble-worker.ts');
