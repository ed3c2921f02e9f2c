#!/usr/bin/env node
// The `sohoa` command (docs: cli.md). It runs the TypeScript sources through tsx, so a fresh
// clone needs no build step before `npx sohoa`.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`sohoa devices | head`) closes the pipe: like every Unix tool, stop
// quietly instead of dying on an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
