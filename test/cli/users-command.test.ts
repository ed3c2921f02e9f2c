// sohoa users: the first administrator made from a terminal, then accounts managed by signing in.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';

const tmp = tempDir('users-cli');
const env = { ...process.env, SOHOA_DATA_DIR: join(tmp.path, 'data'), SOHOA_USER: '', NEW_PASSWORD: 'quan-tri-2026!', MAI_PASSWORD: 'mot-cua-xa-hoa' };

afterAll(() => tmp.cleanup());

describe('sohoa users', () => {
  it('makes the first administrator, then needs one signed in for anything else', async () => {
    const officerFirst = await runCli(['users', 'add', 'mai', '--name', 'Trần Thị Mai', '--role', 'officer', '--password-env', 'MAI_PASSWORD'], env);
    expect(officerFirst.code).toBe(2);
    expect(officerFirst.stderr).toMatch(/phải là quản trị/);
    const admin = await runCli(['users', 'add', 'admin', '--name', 'Quản trị', '--role', 'admin', '--password-env', 'NEW_PASSWORD', '--json'], env);
    expect(admin.code).toBe(0);
    expect(JSON.parse(admin.stdout)).toMatchObject({ username: 'admin', role: 'admin' });
    expect((await runCli(['users', 'list'], env)).code).toBe(2); // signed out

    const signedIn = { ...env, SOHOA_USER: 'admin', SOHOA_PASSWORD: 'quan-tri-2026!' };
    expect((await runCli(['users', 'add', 'mai', '--name', 'Trần Thị Mai', '--role', 'clerk', '--password-env', 'MAI_PASSWORD'], signedIn)).code).toBe(2);
    expect((await runCli(['users', 'add', 'mai', '--name', 'Trần Thị Mai', '--role', 'officer', '--password-env', 'MAI_PASSWORD'], signedIn)).code).toBe(0);
    expect((await runCli(['users', 'set', 'mai', '--disable'], signedIn)).code).toBe(0);
    const list = await runCli(['users', 'list', '--json'], signedIn);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ username: 'admin', disabled: false }), expect.objectContaining({ username: 'mai', disabled: true })]);
    const mai = await runCli(['list'], { ...env, SOHOA_USER: 'mai', SOHOA_PASSWORD: 'mot-cua-xa-hoa' });
    expect(mai.code).toBe(2); // a disabled account cannot sign in
  });
});
