// The station's settings, one validated JSON value in the station table.
import type { Database } from 'better-sqlite3';
import { Settings, type SettingsUpdate } from '../../contract';

const KEY = 'settings';

export class SettingsStore {
  constructor(private readonly db: Database) {}

  get(): Settings {
    const raw = this.db.prepare('SELECT value FROM station WHERE key = ?').pluck().get(KEY) as string | undefined;
    const parsed = Settings.safeParse(raw ? JSON.parse(raw) : {});
    // Settings written by a later version may hold more than this one knows: keep what it knows.
    return parsed.success ? parsed.data : Settings.parse({});
  }

  update(change: SettingsUpdate): Settings {
    const next = Settings.parse({ ...this.get(), ...change });
    this.db.prepare('INSERT INTO station (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
    return next;
  }
}
