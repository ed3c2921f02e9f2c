// Which processes are running, as Linux's /proc tells it: for checking that nothing a test
// started (a killed tool, a worker) is left behind.
import { readFileSync, readdirSync } from 'node:fs';

/** What is left of processes about `text`: those alive whose command line mentions it, and any
 * child of this process that died without being reaped (a zombie's command line is empty). */
export function processesLeftBehind(text: string): { pid: number; command: string }[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)
    .flatMap((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const zombieChild = /^State:\s+Z/m.test(status) && /^PPid:\s+(\d+)/m.exec(status)?.[1] === String(process.pid);
        if (zombieChild) return [{ pid: Number(pid), command: '<unreaped child>' }];
        return command.includes(text) ? [{ pid: Number(pid), command }] : [];
      } catch {
        return []; // gone while we looked
      }
    });
}
