// sohoa backup / sohoa restore: the real command on a station in use, its refusals (exit 2, in
// Vietnamese or English), and kill -9 at moments all along a restore: the data folder then holds
// the old station or the new one, whole, and the next restore clears what the dead one left.
import sharp from 'sharp';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreStation } from '../../electron/core/records/restore';
import { runCli, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';
import { sha256OfFile } from '../helpers/files';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let folders = 0;

const sha = sha256OfFile;
// Each run starts the real command (seconds each on a loaded machine): room for them, not a timing claim.
const CLI_RUNS = 600_000;
const folder = (name: string) => {
  const dir = join(tmp.path, `${name}-${++folders}`);
  mkdirSync(dir);
  return dir;
};
const backup = async (dir = folder('usb')) => t.call('station.backup', { dir });
const documentIds = (s: TestStation) =>
  s.station.documents
    .list({ limit: 1000, offset: 0 })
    .map((d) => d.id)
    .sort();
const leftovers = (target: string) => readdirSync(dirname(target)).filter((n) => n.startsWith(`${basename(target)}.`));

beforeAll(async () => {
  tmp = tempDir('backup-cli');
  t = await openTestStation();
  const page = join(tmp.path, 'trang.png');
  await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#f4f0e6' } }).png().toFile(page);
  await t.call('documents.import', { paths: [page, page], ocr: 'skip', metadata: { title: 'Giấy khai sinh' } });
});

afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

describe('sohoa backup / restore', () => {
  it('backs up the station in use, restores, and refuses with exit 2 in Vietnamese or English', async () => {
    const env = { ...process.env, SOHOA_DATA_DIR: t.dataDir };
    const dest = folder('cli');
    const b = await runCli(['backup', dest, '--json'], env);
    expect(b.code, b.stderr).toBe(0);
    const made = JSON.parse(b.stdout) as { path: string; files: number };
    expect(existsSync(join(made.path, 'manifest.json'))).toBe(true);

    const target = join(folder('cli-target'), 'data');
    const r = await runCli(['restore', made.path, '--data-dir', target], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Đã khôi phục trạm .* SHA-256 khớp/);
    // The backup carries no key: the restore says which one to supply.
    expect(r.stdout).toContain('Bản sao lưu không mang theo khóa của trạm: mở trạm đã khôi phục bằng passphrase (SOHOA_STATION_PASSPHRASE).');
    expect(readdirSync(made.path)).not.toContain('station.key');
    const again = await runCli(['restore', made.path, '--data-dir', target], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/\[restore-target-exists\].*đã có dữ liệu.*--force/);
    const en = await runCli(['restore', made.path, '--data-dir', target, '--lang', 'en', '--json'], env);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/already holds data/);
    expect(JSON.parse(en.stdout)).toMatchObject({ error: { code: 'restore-target-exists' } });

    // The drive, not the backup in it: restore names the folder to give, and does not guess.
    const parent = await runCli(['restore', dest, '--data-dir', join(tmp.path, 'x')], env);
    expect(parent.code).toBe(2);
    expect(parent.stderr).toContain(`[backup-in-outer-folder]: Thư mục “${dest}” là nơi chứa bản sao lưu, không phải chính bản sao lưu: chọn thư mục bên trong nó, “${made.path}”.`);
    expect((await runCli(['backup'], env)).code).toBe(2);
    expect(existsSync(join(tmp.path, 'x'))).toBe(false);
  }, CLI_RUNS);

  it('prints the sohoa-backup-… folder it wrote and the restore that takes it; with two backups in the drive, restore names the newest and restores neither', async () => {
    const dest = folder('drive');
    const b = await runCli(['--data-dir', t.dataDir, 'backup', dest], process.env);
    expect(b.code, b.stderr).toBe(0);
    const written = readdirSync(dest).filter((n) => n.startsWith('sohoa-backup-'));
    expect(written).toHaveLength(1);
    const inner = join(dest, written[0]!);
    expect(b.stdout).toContain(`Đã sao lưu vào ${inner}:`);
    expect(b.stdout).toContain(`Để khôi phục: sohoa restore ${inner}`);
    const second = await runCli(['backup', dest, '--json', '--lang', 'en', '--data-dir', t.dataDir], process.env);
    expect(second.code, second.stderr).toBe(0);
    const newest = (JSON.parse(second.stdout) as { path: string }).path;
    expect(dirname(newest)).toBe(dest);
    expect(basename(newest)).toMatch(/^sohoa-backup-[0-9a-f]{8}-\d{8}-\d{6}(-\d+)?$/);

    const target = join(tmp.path, 'never-made');
    const two = await runCli(['--lang', 'en', '--json', 'restore', dest, '--data-dir', target], process.env);
    expect(two.code).toBe(2);
    expect(JSON.parse(two.stdout)).toMatchObject({ error: { code: 'backups-in-outer-folder', details: { path: dest, count: 2, newest } } });
    expect(two.stderr).toContain(`choose one sohoa-backup-… folder inside it, for example the newest, “${newest}”`);
    expect(existsSync(target)).toBe(false);
  }, CLI_RUNS);

  it('says in --help of backup and restore that the backup is a new folder inside the one given, and that restore wants that folder', async () => {
    const backupHelp = await runCli(['backup', '--help'], process.env);
    expect(backupHelp.code).toBe(0);
    expect(backupHelp.stdout).toContain('Mỗi lần sao lưu ghi vào một thư mục MỚI bên trong THƯ_MỤC đã cho');
    expect(backupHelp.stdout).toContain('THƯ_MỤC/sohoa-backup-');
    const restoreHelp = await runCli(['--lang', 'en', 'restore', '--help'], process.env);
    expect(restoreHelp.code).toBe(0);
    expect(restoreHelp.stdout).toContain('BACKUP_DIR is the sohoa-backup-… folder');
    expect(restoreHelp.stdout).toContain('Given the outer folder (/media/usb), restore refuses and names the sohoa-backup-… folder to give.');
  }, CLI_RUNS);

  it('kill -9 at any moment of a restore leaves the old station or the new one, whole; the next restore clears the remains', async () => {
    // Pages of noise (incompressible): a backup big enough that the kills land during the copy,
    // the check and the switch, not only before or after them.
    const w = 2480;
    const h = 3508;
    const noise = join(tmp.path, 'noise.png');
    await sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } }).png().toFile(noise);
    for (let i = 0; i < 3; i++) await t.call('documents.import', { paths: [noise], ocr: 'skip', metadata: { title: `Nhiễu ${i}` } });
    const b = await backup();
    const target = join(folder('killed'), 'data');
    const o = await openTestStation({ dataDir: target });
    await o.close();
    const asides = () => leftovers(target).filter((n) => n.includes('.before-restore-'));
    for (const delayMs of [0, 60, 110, 140, 180, 300]) {
      const before = sha(join(target, 'station.sqlite'));
      const asidesBefore = asides().length;
      const child = startCli(['restore', b.path, '--data-dir', target, '--force'], process.env);
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (!leftovers(target).some((n) => n.includes(`.restoring-${child.pid}-`)) && child.exitCode === null) return;
          clearInterval(poll);
          setTimeout(() => resolve(void child.kill('SIGKILL')), delayMs);
        }, 1);
      });
      if (child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
      if (!existsSync(target)) {
        // Between the two renames: the old station aside, the new one whole beside it.
        expect(asides().length).toBe(asidesBefore + 1);
        break;
      }
      if (sha(join(target, 'station.sqlite')) === before) {
        expect(asides().length, `killed after ${delayMs} ms`).toBe(asidesBefore); // untouched
        continue;
      }
      expect(asides().length, `killed after ${delayMs} ms`).toBe(asidesBefore + 1); // replaced, the old one kept
      const s = await openTestStation({ dataDir: target });
      try {
        expect(documentIds(s)).toEqual(documentIds(t));
        expect(await s.call('audit.verify', {})).toMatchObject({ ok: true });
      } finally {
        await s.close();
      }
    }
    const r = await restoreStation(b.path, target, { force: existsSync(target) });
    expect(leftovers(target).filter((n) => n.includes('.restoring-'))).toEqual([]);
    if (r.movedAside) expect(existsSync(join(r.movedAside, 'station.sqlite'))).toBe(true);
  }, CLI_RUNS); // six CLI restores and three noise-page imports: minutes on a loaded machine
});
