// Where the built renderer is, building it first in a development checkout when it is missing
// or older than its sources (the packaged app ships it built).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_OUT = join(REPO_ROOT, 'out', 'renderer');

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

export function rendererIsCurrent(): boolean {
  const index = join(RENDERER_OUT, 'index.html');
  if (!existsSync(index)) return false;
  const sources = [join(REPO_ROOT, 'renderer'), join(REPO_ROOT, 'electron', 'contract')];
  return statSync(index).mtimeMs >= Math.max(...sources.map(newest));
}

export async function ensureRenderer(note: (text: string) => void): Promise<string> {
  if (!rendererIsCurrent()) {
    note('Building the UI (renderer)…');
    const vite = await import('vite');
    await vite.build({ configFile: join(REPO_ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  }
  return RENDERER_OUT;
}
