// Where the station keeps its things inside the data folder, and where that folder is by default.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface StationPaths {
  readonly root: string;
  readonly database: string;
  readonly blobs: string;
  /** Per-process temporary folders (tmp/<pid>): swept when their process is gone. */
  readonly tmp: string;
  /** Per-process spool folders where scan workers write raw pages (spool/<pid>). */
  readonly spool: string;
  readonly logs: string;
  /** One file per live process using this data folder (run/<pid>). */
  readonly run: string;
}

export function stationPaths(root: string): StationPaths {
  return {
    root,
    database: join(root, 'station.sqlite'),
    blobs: join(root, 'blobs'),
    tmp: join(root, 'tmp'),
    spool: join(root, 'spool'),
    logs: join(root, 'logs'),
    run: join(root, 'run'),
  };
}

/** The per-user application data folder (cli.md): SOHOA_DATA_DIR, else the OS convention. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.SOHOA_DATA_DIR) return env.SOHOA_DATA_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'SoHoa Station', 'data');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'SoHoa Station', 'data');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'sohoa-station');
}
