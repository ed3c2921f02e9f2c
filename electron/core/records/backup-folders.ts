// A backup lives in its own sohoa-backup-… folder inside the folder (drive) it was written to, and
// restore wants that inner folder. People naturally give the drive instead: rather than calling
// it an incomplete backup, or guessing which backup they meant, say which folder to give.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StationError } from '../errors';
import { BACKUP_PREFIX, MANIFEST, type Manifest, readManifest } from './backup-files';

/** The complete backups directly inside dir, newest first. */
async function backupsInside(dir: string): Promise<{ path: string; manifest: Manifest }[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(BACKUP_PREFIX));
  const found: { path: string; manifest: Manifest }[] = [];
  for (const name of names) {
    const manifest = await readManifest(join(dir, name)).catch(() => undefined); // interrupted or foreign: not offered
    if (manifest) found.push({ path: join(dir, name), manifest });
  }
  return found.sort((a, b) => (a.manifest.createdAt < b.manifest.createdAt ? 1 : a.manifest.createdAt > b.manifest.createdAt ? -1 : 0));
}

/** Refuses a folder that is not a backup but holds some, naming the one to give. A folder that
 * is a backup (has a manifest), or holds none, is left to the manifest's own checks. */
export async function refuseFolderHoldingBackups(dir: string): Promise<void> {
  if (existsSync(join(dir, MANIFEST))) return;
  const inside = await backupsInside(dir);
  if (inside.length === 1) throw new StationError('backup-in-outer-folder', { path: dir, backup: inside[0]!.path });
  if (inside.length > 1) throw new StationError('backups-in-outer-folder', { path: dir, count: inside.length, newest: inside[0]!.path });
}
