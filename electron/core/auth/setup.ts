// The station's first start (contract/setup.ts). Its state is one value in the station table
// beside the settings: 'demonstration' (the first start was skipped), 'continuing' (the first
// administrator exists, the wizard's later steps do not yet), 'done'. With no account the station
// is 'needed' unless skipped (or run without the wizard by scripts and tests: done); with accounts
// and no value (a station from before the wizard), done.
import type { Database } from 'better-sqlite3';
import type { Settings, SettingsUpdate, SessionState, SetupState, SetupStatus } from '../../contract';
import { StationError } from '../errors';
import type { AuditLog } from '../records/audit';
import { type Caller, actorOf } from './caller';
import type { AuthService } from './service';
import type { Session } from './session';

const KEY = 'setup';
type Stored = 'demonstration' | 'continuing' | 'done';

export interface SetupDeps {
  readonly db: Database;
  readonly auth: AuthService;
  /** false: no wizard on this station (StationOptions.firstStartWizard). */
  readonly wizard: boolean;
  readonly audit: AuditLog;
  readonly settings: () => Settings;
  readonly updateSettings: (change: SettingsUpdate, caller: Caller) => Settings;
}

export class StationSetup {
  constructor(private readonly deps: SetupDeps) {}

  status(): SetupStatus {
    const stored = this.stored();
    if (this.deps.auth.users.count() === 0) return stored === 'demonstration' ? 'demonstration' : this.deps.wizard ? 'needed' : 'done';
    return stored === 'continuing' ? 'continuing' : 'done';
  }

  /** Whatever is made now is practice (documents.demonstration, never synced). */
  inDemonstration(): boolean {
    return this.status() === 'demonstration';
  }

  state(): SetupState {
    const s = this.deps.settings();
    return { status: this.status(), agencyName: s.agencyName, unitCode: s.unitCode, level: s.level };
  }

  identity(caller: Caller, input: { agencyName: string; unitCode: string; level: Settings['level'] & string }): SetupState {
    this.deps.updateSettings({ agencyName: input.agencyName, unitCode: input.unitCode, level: input.level }, caller);
    return this.state();
  }

  firstAdmin(session: Session, caller: Caller, input: { username: string; displayName: string; password: string }): Promise<SessionState> {
    // Made for real: demonstration mode ends with it (what was made in it stays marked).
    return this.deps.auth.createFirstAdmin(session, caller, input, () => this.store('continuing', caller));
  }

  /** Skipping the wizard: only while the station has no account (a set-up station is never put
   * back into practice, which would keep its records from the province). */
  demonstration(caller: Caller): SetupState {
    this.deps.db
      .transaction(() => {
        if (this.deps.auth.users.count() > 0) throw new StationError('setup-closed', {});
        this.store('demonstration', caller);
      })
      .immediate();
    return this.state();
  }

  finish(caller: Caller): SetupState {
    if (this.deps.auth.users.count() === 0) throw new StationError('setup-incomplete', {});
    if (this.stored() !== 'done') this.store('done', caller);
    return this.state();
  }

  private stored(): Stored | null {
    const raw = this.deps.db.prepare('SELECT value FROM station WHERE key = ?').pluck().get(KEY) as string | undefined;
    return raw === 'demonstration' || raw === 'continuing' || raw === 'done' ? raw : null;
  }

  private store(value: Stored, caller: Caller): void {
    this.deps.db.prepare('INSERT INTO station (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, value);
    this.deps.audit.append('settings-update', null, { changed: ['setup'], values: { setup: value } }, actorOf(caller));
  }
}
