// A token library joins the station's allowed list only if it looks like one an administrator
// installed: an existing regular file, not writable by anyone but its owner, in a folder that
// others cannot write either. A library anyone could replace would let them run code inside the
// station, with the PINs typed into it.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StationError } from '../errors';

function refuse(path: string, en: string, vi: string): never {
  throw new StationError('invalid-input', { field: 'pkcs11Modules', detail: `${path}: ${en}`, detail_vi: `${path}: ${vi}` });
}

/** Checks the libraries a settings change adds (those already allowed stay as they are). */
export function checkTokenLibraries(next: readonly string[], current: readonly string[]): void {
  for (const path of next) {
    if (current.includes(path)) continue;
    let file;
    try {
      file = statSync(path);
    } catch {
      refuse(path, 'no such file', 'không có tệp này');
    }
    if (!file.isFile()) refuse(path, 'not a file', 'không phải là tệp');
    if (process.platform === 'win32') continue; // NTFS permissions are not mode bits: the installer's folder is the check
    if ((file.mode & 0o022) !== 0) refuse(path, 'others can change this file', 'người khác sửa được tệp này');
    const folder = statSync(dirname(path));
    if ((folder.mode & 0o002) !== 0 && (folder.mode & 0o1000) === 0) refuse(path, 'anyone can replace files in its folder', 'ai cũng thay được tệp trong thư mục này');
  }
}
