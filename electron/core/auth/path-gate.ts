// Paths on the station's disk come from the person, never from the wire. Each transport brings
// its own gate: the command line takes what its person typed (the shell is theirs already); the
// desktop app takes only what its person picked in a system dialog (ipc-router.ts); browser mode,
// which has no dialogs, only what lies inside the folders the administrator opened to it.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { PathUse } from '../../contract';
import { StationError } from '../errors';

export interface PathGate {
  /** Throws path-not-allowed unless the path may be used so. */
  check(path: string, use: PathUse, field: string): void;
}

type Why = { why: string; why_vi: string };

function refuse(path: string, why: Why): never {
  throw new StationError('path-not-allowed', { path, ...why });
}

/** The command line: its person typed the path in their own shell. */
export const commandLineGate: PathGate = { check: () => undefined };

/** The desktop app: exactly the paths its window's person picked in a system dialog, for the use
 * the dialog was for (an Open dialog grants reading, a Save dialog writing that one file). */
export function dialogGate(granted: (path: string, use: PathUse) => boolean): PathGate {
  return {
    check(path, use) {
      if (!granted(resolve(path), use))
        refuse(path, { why: 'the desktop app takes only files picked in its Open or Save dialog', why_vi: 'ứng dụng chỉ nhận tệp chọn bằng hộp thoại Mở hoặc Lưu' });
    },
  };
}

/** The real path of what exists, or of the nearest folder above it that does (a file to write). */
function realOrParent(path: string): string {
  let at = resolve(path);
  const rest: string[] = [];
  while (!existsSync(at)) {
    const up = dirname(at);
    if (up === at) break;
    rest.unshift(at.slice(up.length).replace(/^[\\/]/, ''));
    at = up;
  }
  return resolve(realpathSync(at), ...rest);
}

function inside(child: string, folder: string): boolean {
  const rel = relative(folder, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
}

export interface FolderRules {
  readonly readFolders: readonly string[];
  readonly writeFolders: readonly string[];
  /** The station's own data folder: never read or written through a path, whatever is open. */
  readonly dataDir: string;
}

/** Browser mode: reading inside the read (or write) folders, writing inside the write folders,
 * symbolic links followed before the check (a link inside pointing outside is outside), and
 * never the station's data folder. */
export function folderGate(rules: () => FolderRules): PathGate {
  return {
    check(path, use) {
      const { readFolders, writeFolders, dataDir } = rules();
      if (!isAbsolute(path)) refuse(path, { why: 'it is not a full path', why_vi: 'đường dẫn chưa đầy đủ' });
      const real = realOrParent(path);
      const folders = (use === 'read' ? [...readFolders, ...writeFolders] : writeFolders).filter((f) => existsSync(f)).map((f) => realpathSync(f));
      if (inside(real, realOrParent(dataDir)))
        refuse(path, { why: 'it is inside the station’s own data folder', why_vi: 'đường dẫn nằm trong thư mục dữ liệu của trạm' });
      // Writing a file: never through a link someone left at that name.
      if (use === 'write' && existsSync(path) && lstatSync(path).isSymbolicLink())
        refuse(path, { why: 'it is a symbolic link', why_vi: 'đó là một liên kết tượng trưng' });
      if (!folders.some((f) => inside(real, f))) {
        const list = (use === 'read' ? [...readFolders, ...writeFolders] : writeFolders).join(', ');
        const verb = use === 'read' ? { en: 'reads files', vi: 'đọc tệp' } : { en: 'writes files', vi: 'ghi tệp' };
        refuse(
          path,
          list
            ? { why: `browser mode ${verb.en} only inside the folders the administrator opened to it (${list})`, why_vi: `chế độ trình duyệt chỉ ${verb.vi} trong các thư mục quản trị đã mở (${list})` }
            : { why: `browser mode ${verb.en} only inside folders the administrator opens to it (Settings → Files), and none is open`, why_vi: `chế độ trình duyệt chỉ ${verb.vi} trong các thư mục quản trị mở cho nó (Cài đặt → Tệp), và chưa có thư mục nào` },
        );
      }
    },
  };
}
