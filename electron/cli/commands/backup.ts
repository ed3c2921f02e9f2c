// sohoa backup DIR [--full] [--json]: a consistent backup of the station (database snapshot and
// its files) into a new folder DIR/sohoa-backup-…, while the station may be in use (the app, a
// scan); it prints that folder's path (`path` with --json), which is what restore wants.
// sohoa restore DIR [--force] [--json]: restores that folder into the data folder (--data-dir),
// every file checked against its SHA-256. Restore opens no station on the target: it must not
// create one there, and it refuses a folder that a running station uses.
import { resolve } from 'node:path';
import { defaultDataDir } from '../../core/paths';
import { restoreStation } from '../../core/records/restore';
import { badOption, stringOption } from '../args';
import type { Command } from '../command';

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

function folderArgument(positionals: readonly string[], en: string, vi: string): string {
  if (positionals.length !== 1 || !positionals[0]) throw badOption('DIR', en, vi);
  return resolve(positionals[0]);
}

export const backupCommand: Command = {
  options: { full: { type: 'boolean' } },
  help: 'helpBackup',
  async run({ out, parsed, session }) {
    const dir = folderArgument(parsed.positionals, 'give one folder or drive to back up into', 'cần đúng một thư mục hoặc ổ đĩa để sao lưu vào');
    const r = await (await session()).call('station.backup', { dir, incremental: !parsed.values.full });
    out.result(r, () => [
      out.t('backupDone', { path: r.path, files: r.files, mb: mb(r.bytes), linked: r.linkedFiles, seconds: (r.durationMs / 1000).toFixed(1) }),
      ...(r.missingBlobs.length ? [out.t('backupMissing', { count: r.missingBlobs.length })] : []),
      // The folder written is inside the one given: the exact command that restores it.
      out.t('backupRestoreWith', { path: r.path }),
    ]);
    return 0;
  },
};

export const restoreCommand: Command = {
  options: { force: { type: 'boolean' } },
  help: 'helpRestore',
  async run({ out, parsed }) {
    const from = folderArgument(parsed.positionals, 'give the sohoa-backup-… folder to restore', 'cần thư mục sohoa-backup-… để khôi phục');
    const dataDir = resolve(stringOption(parsed, 'data-dir') ?? defaultDataDir());
    out.note(out.t('restoring', { from, path: dataDir }));
    const r = await restoreStation(from, dataDir, { force: Boolean(parsed.values.force) });
    out.result(r, () => [
      out.t('restoreDone', { path: r.dataDir, stationId: r.stationId, createdAt: r.backupCreatedAt, files: r.files, mb: mb(r.bytes) }),
      ...(r.movedAside ? [out.t('restoreMovedAside', { path: r.movedAside })] : []),
      ...(r.missingBlobs.length ? [out.t('backupMissing', { count: r.missingBlobs.length })] : []),
      out.t('restoreKey', { ways: r.opensWith.join(' / ') }),
    ]);
    return 0;
  },
};
