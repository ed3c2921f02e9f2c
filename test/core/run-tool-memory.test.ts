// runTool's memory limit (issue 20, point 2): every tool runs under prlimit's RLIMIT_AS on Linux.
// A real pdftoppm asked for a bitmap past its limit is stopped and answered tool-memory-limit,
// nothing left running; within its limit the same run succeeds; a missing tool is still ENOENT
// for the caller to explain, although prlimit is what started.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStationError } from '../../electron/core/errors';
import { runTool, toolMemoryLimitBytes } from '../../electron/core/tools/run-tool';
import { tempDir } from '../helpers/paths';
import { processesLeftBehind } from '../helpers/processes';

const tmp = tempDir('run-tool-memory');
const page = join(tmp.path, 'gs.pdf');
beforeAll(() => {
  execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${page}`, '-c', '/Helvetica findfont 24 scalefont setfont 72 720 moveto (So ho tich) show showpage']);
});
afterAll(() => tmp.cleanup());

describe('runTool under a memory limit', () => {
  it('stops pdftoppm past its limit with tool-memory-limit, and runs it within its own', async () => {
    const args = ['-r', '600', '-singlefile', '-png', page, join(tmp.path, 'big')];
    const e = await runTool('pdftoppm', args, { file: page, memoryBytes: 24 << 20 }).then(
      () => null,
      (x: unknown) => x,
    );
    expect(isStationError(e) && e.code).toBe('tool-memory-limit');
    expect(isStationError(e) && e.details).toEqual({ tool: 'pdftoppm', file: page, limitMb: 24 });
    expect(processesLeftBehind(tmp.path)).toEqual([]);
    // The tool's own limit (2.5 GiB for pdftoppm) leaves room for the same page.
    expect(toolMemoryLimitBytes('pdftoppm')).toBe(2560 * 2 ** 20);
    const ok = await runTool('pdftoppm', args, { file: page });
    expect(ok.code).toBe(0);
    expect(existsSync(join(tmp.path, 'big.png'))).toBe(true);
  });

  it('answers a tool that is not installed as ENOENT, as before prlimit', async () => {
    const e = await runTool('sohoa-no-such-tool', [], { file: page }).then(
      () => null,
      (x: unknown) => x as NodeJS.ErrnoException,
    );
    expect(e?.code).toBe('ENOENT');
  });
});
