// A person's own choices (contract/preferences.ts), one validated JSON value per account; before
// any account exists, the station's single user keeps theirs under ''.
import type { Database } from 'better-sqlite3';
import { Preferences, type PreferencesUpdate } from '../../contract';

export class PreferencesStore {
  constructor(private readonly db: Database) {}

  get(userId: string | null): Preferences {
    const raw = this.db.prepare('SELECT value FROM preferences WHERE user_id = ?').pluck().get(userId ?? '') as string | undefined;
    const parsed = Preferences.safeParse(raw ? JSON.parse(raw) : {});
    return parsed.success ? parsed.data : Preferences.parse({});
  }

  update(userId: string | null, change: PreferencesUpdate): Preferences {
    const before = this.get(userId);
    // Another file: what was known of the old one's certificate says nothing of the new one.
    const otherFile = change.p12Path !== undefined && change.p12Path !== before.p12Path && change.p12Certificate === undefined;
    const next = Preferences.parse({ ...before, ...(otherFile ? { p12Certificate: null } : {}), ...change });
    this.db.prepare('INSERT INTO preferences (user_id, value) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET value = excluded.value').run(userId ?? '', JSON.stringify(next));
    return next;
  }
}
