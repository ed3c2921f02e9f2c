// electron-builder's Windows `dir` pack, in a process of its own (windows-pack.ts starts it: inside
// a clean environment: see windows-pack.ts). argv[2]: a
// JSON file with { projectDir, config }.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { projectDir, config } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const builder = createRequire(`${projectDir}/package.json`)('electron-builder');
await builder.build({ projectDir, targets: builder.Platform.WINDOWS.createTarget('dir', builder.Arch.x64), publish: 'never', config });
