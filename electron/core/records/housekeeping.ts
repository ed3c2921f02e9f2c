// Start-up housekeeping for a data folder that several processes (the app, CLI runs) may share.
//
// Each process announces itself in run/<pid> and keeps its temporary files in tmp/<pid> and its
// scan spool in spool/<pid>. When a process is gone (it exited, or was killed at any moment),
// the next process to open the station removes what it left: partial files at once, and — when
// no other process is alive to be mid-write of the same content — the blobs it wrote whose
// database rows never committed (listed in its intent file).
import type { Database } from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';
import type { StationPaths } from '../paths';
import { vietnamIso } from '../time';
import { INTENTS_FILE, DRAFT_INTENTS_FILE } from './blob-store';

export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, but not ours to signal
  }
}

function pidsIn(dir: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Whether another live process is using this data folder. */
export function otherProcessesAlive(paths: StationPaths): boolean {
  return pidsIn(paths.run).some((pid) => pid !== process.pid && processAlive(pid));
}

/** Announces this process; returns the function that withdraws the announcement. */
export function registerProcess(paths: StationPaths): () => void {
  mkdirSync(paths.run, { recursive: true });
  const file = join(paths.run, String(process.pid));
  writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: vietnamIso(), argv: process.argv.slice(1, 3) }));
  return () => rmSync(file, { force: true });
}

export interface SweepReport {
  readonly deadProcesses: number;
  readonly tempFilesRemoved: number;
  readonly orphanBlobsRemoved: number;
}

/** Discards a draft (if it still is one) and returns the blobs whose rows went with it. */
export type DraftDiscarder = (documentId: string) => string[];

export function sweepDataFolder(paths: StationPaths, db: Database, blobPath: (sha: string) => string, log: Logger, discardDraft?: DraftDiscarder): SweepReport {
  const others = pidsIn(paths.run).filter((pid) => pid !== process.pid);
  const liveOthers = others.filter(processAlive);
  for (const pid of others) if (!processAlive(pid)) rmSync(join(paths.run, String(pid)), { force: true });

  const dead = new Set([...pidsIn(paths.tmp), ...pidsIn(paths.spool)].filter((pid) => !processAlive(pid)));
  let tempFilesRemoved = 0;
  let orphanBlobsRemoved = 0;
  const known = db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').pluck();
  for (const pid of dead) {
    const spool = join(paths.spool, String(pid));
    if (existsSync(spool)) {
      tempFilesRemoved += readdirSync(spool).length;
      rmSync(spool, { recursive: true, force: true });
    }
    const tmp = join(paths.tmp, String(pid));
    if (!existsSync(tmp)) continue;
    for (const name of readdirSync(tmp)) {
      if (name === INTENTS_FILE || name === DRAFT_INTENTS_FILE) continue;
      // Folders too: the SANE driver keeps its filtered copy of the system's sane.d here.
      rmSync(join(tmp, name), { recursive: true, force: true });
      tempFilesRemoved++;
    }
    // Another live process may be about to commit a blob with the same content: leave the
    // intent list for a later start-up when nobody else is running.
    if (liveOthers.length > 0) continue;
    // An import the process never answered: all or nothing, so its draft goes (its files too;
    // like orphans, only when no other process could be storing the same content right now).
    const drafts = join(tmp, DRAFT_INTENTS_FILE);
    if (discardDraft && existsSync(drafts)) {
      for (const id of new Set(readFileSync(drafts, 'utf8').split('\n').filter(Boolean))) {
        for (const sha of discardDraft(id)) {
          if (existsSync(blobPath(sha))) unlinkSync(blobPath(sha));
          orphanBlobsRemoved++;
        }
      }
    }
    const intents = join(tmp, INTENTS_FILE);
    if (existsSync(intents)) {
      for (const sha of new Set(readFileSync(intents, 'utf8').split('\n').filter((l) => /^[0-9a-f]{64}$/.test(l)))) {
        if (known.get(sha)) continue;
        const file = blobPath(sha);
        if (existsSync(file)) {
          unlinkSync(file);
          orphanBlobsRemoved++;
        }
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  }
  const report = { deadProcesses: dead.size, tempFilesRemoved, orphanBlobsRemoved };
  if (dead.size > 0) log.info('swept what earlier processes left', { ...report });
  return report;
}
