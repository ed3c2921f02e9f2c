// The station's log: one JSON object per line in <data>/logs/station.log. Errors that reach a
// person as `internal` point here. Synchronous appends: the log is small and must survive a
// crash right after the line is written.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { vietnamIso } from './time';

export interface Logger {
  readonly path: string;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, error?: unknown, fields?: Record<string, unknown>): void;
}

export function createLogger(path: string): Logger {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    try {
      // For the station's OS account only (0600 when created): a log names documents and people.
      appendFileSync(path, `${JSON.stringify({ time: vietnamIso(), pid: process.pid, level, message, ...fields })}\n`, { mode: 0o600 });
    } catch {
      // A log that cannot be written must never take the station down with it.
    }
  };
  return {
    path,
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, e, f) =>
      write('error', m, { ...f, error: e instanceof Error ? { message: e.message, stack: e.stack } : e }),
  };
}
