// The contract: imported by the core, the CLI, the bridge, Electron main and preload, and the
// renderer. It must stay free of `node:` and `electron` imports (a lint rule enforces it).
export * from './archive';
export * from './audit';
export * from './camera';
export * from './auth';
export * from './errors';
export * from './events';
export * from './format';
export * from './imaging';
export * from './intake';
export * from './metadata';
export * from './methods';
export * from './model';
export * from './pages';
export * from './policy';
export * from './preferences';
export * from './presets';
export * from './reports';
export * from './reuse';
export * from './settings';
export * from './setup';
export * from './signature-problems';
export * from './signing';
export * from './supervision';
export * from './stitch';
export * from './sync';
export * from './wire';
