// The procedure catalogue: the shipped default is valid and real-looking; the province's file in
// the data folder overrides it; a bad file is refused with a coded error naming the problem, and
// the station keeps the last good catalogue — also across a restart.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalogue } from '../../electron/contract';
import { CatalogueStore, LAST_GOOD_CATALOGUE, STATION_CATALOGUE } from '../../electron/core/intake/catalogue';
import { REPO, tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

const SHIPPED = join(REPO, 'assets', 'catalogue', 'thu-tuc.json');
const shipped = () => JSON.parse(readFileSync(SHIPPED, 'utf8')) as { version: string; procedures: { code: string; name: string; components: unknown[] }[] };

let tmp: ReturnType<typeof tempDir> | undefined;
let t: TestStation | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  tmp?.cleanup();
  tmp = undefined;
});

describe('the procedure catalogue', () => {
  it('ships a valid default of one-stop procedures with Vietnamese component names', () => {
    const c = Catalogue.parse(shipped());
    expect(c.procedures.length).toBeGreaterThanOrEqual(5);
    for (const p of c.procedures) {
      expect(p.code).toMatch(/^\d\.\d{6}$/);
      expect(p.components.length).toBeGreaterThan(0);
    }
    const death = c.procedures.find((p) => p.code === '1.000656');
    expect(death?.name).toBe('Đăng ký khai tử');
    expect(death?.components.map((x) => x.code)).toEqual(['TP01', 'TP02', 'TP03']);
    expect(death?.components[2]).toMatchObject({ docTypeCodes: ['CCCD', 'CC'], preset: 'id-card', required: true });
  });

  it('uses the province’s file, keeps the last good one when a new one is bad, and says what is wrong', () => {
    tmp = tempDir('catalogue');
    const store = new CatalogueStore(SHIPPED, tmp.path);
    expect(store.state()).toMatchObject({ source: 'default', problem: null });

    const province = { ...shipped(), version: '2026.7', procedures: [{ code: '2.001234', name: 'Thủ tục của tỉnh', components: [{ code: 'TP01', name: 'Đơn đề nghị' }] }] };
    writeFileSync(join(tmp.path, STATION_CATALOGUE), JSON.stringify(province));
    const good = store.state();
    expect(good).toMatchObject({ source: 'station', problem: null, catalogue: { version: '2026.7' } });
    expect(good.catalogue.procedures[0]?.components[0]).toMatchObject({ required: true, preset: 'a4', docTypeCodes: [] });

    // A component without a name: refused, named, and the province's last good file stays in use.
    const broken = { ...province, version: '2026.8', procedures: [{ ...province.procedures[0], components: [{ code: 'TP01' }] }] };
    writeFileSync(join(tmp.path, STATION_CATALOGUE), JSON.stringify(broken, null, 2));
    const kept = store.state();
    expect(kept).toMatchObject({ source: 'last-good', catalogue: { version: '2026.7' } });
    expect(kept.problem).toMatchObject({ code: 'catalogue-invalid', details: { file: STATION_CATALOGUE, field: 'procedures.0.components.0.name' } });
    expect(kept.problem?.message.vi).toMatch(/Trạm vẫn dùng danh mục hợp lệ gần nhất/);

    // After a restart the copy of the last good file is used while the bad one is still there.
    const restarted = new CatalogueStore(SHIPPED, tmp.path);
    expect(restarted.state()).toMatchObject({ source: 'last-good', catalogue: { version: '2026.7' }, problem: { code: 'catalogue-invalid' } });
    expect(JSON.parse(readFileSync(join(tmp.path, LAST_GOOD_CATALOGUE), 'utf8'))).toMatchObject({ version: '2026.7' });

    // Not JSON at all; then a duplicated procedure code.
    writeFileSync(join(tmp.path, STATION_CATALOGUE), '{ "publisher": ');
    expect(store.state().problem).toMatchObject({ code: 'catalogue-invalid', details: { field: 'JSON' } });
    writeFileSync(join(tmp.path, STATION_CATALOGUE), JSON.stringify({ ...province, procedures: [province.procedures[0], province.procedures[0]] }));
    expect(store.state().problem?.message.en).toMatch(/procedure 2\.001234 appears twice/);
  });

  it('installs a file through the contract only when it is valid (administrators)', async () => {
    t = await openTestStation();
    tmp = tempDir('catalogue-install');
    const bad = join(tmp.path, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...shipped(), updatedAt: '2026-02-30' }));
    const error = await refused(t.call('intake.installCatalogue', { path: bad }));
    expect(error).toMatchObject({ code: 'catalogue-invalid', details: { file: 'bad.json', field: 'updatedAt' } });
    await expect(t.call('intake.catalogue', {})).resolves.toMatchObject({ source: 'default', problem: null });

    const good = join(tmp.path, 'good.json');
    writeFileSync(good, JSON.stringify({ ...shipped(), version: '2027.1' }));
    await expect(t.call('intake.installCatalogue', { path: good })).resolves.toMatchObject({ source: 'station', catalogue: { version: '2027.1' } });
    await expect(t.call('intake.catalogue', {})).resolves.toMatchObject({ source: 'station', stationFile: join(t.dataDir, STATION_CATALOGUE) });
  });

  it('refuses to open a dossier for a procedure the catalogue does not list', async () => {
    t = await openTestStation();
    const error = await refused(t.call('intake.open', { code: '000.00.01.H12-250123-0001', procedureCode: '9.999999' }));
    expect(error).toMatchObject({ code: 'procedure-unknown', details: { procedure: '9.999999' } });
    expect(t.station.dossiers.get('000.00.01.H12-250123-0001')).toBeNull();
  });
});
