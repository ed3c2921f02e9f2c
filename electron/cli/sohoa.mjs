#!/usr/bin/env node
// The `sohoa` command (docs: cli.md). It runs the TypeScript sources through tsx, so a fresh
// clone needs no build step before `npx sohoa`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
