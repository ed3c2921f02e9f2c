// Who is making the current call, carried through async work without threading it through every
// function: the dispatcher runs each handler inside the caller's scope; the audit log and the
// repositories read it (the repositories apply the caller's row rules on every by-id lookup).
// Work the station does on its own (OCR resumed, sync, the imaging pipeline) runs outside any
// scope: asStation() leaves it, so that a queue started by one person's call does not go on
// under their name and rights for everyone else's work.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../../contract';

export interface Caller {
  /** null: no account exists yet (the station's first run) — acting as its administrator. */
  readonly userId: string | null;
  /** The account's user name (immutable, unlike the display name); null or absent before
   * accounts (and for the station's own work). */
  readonly username?: string | null;
  readonly name: string;
  readonly role: Role;
}

const scope = new AsyncLocalStorage<Caller>();

export function withCaller<T>(caller: Caller, fn: () => T): T {
  return scope.run(caller, fn);
}

export function currentCaller(): Caller | null {
  return scope.getStore() ?? null;
}

/** Who a caller is in the audit log: the name they go by, and their account (id, user name). */
export function actorOf(c: Caller): { readonly name: string; readonly userId: string | null; readonly username: string | null } {
  return { name: c.name, userId: c.userId, username: c.username ?? null };
}

/** Runs fn as the station itself (no caller: no row rules, the station's name in the audit). */
export function asStation<T>(fn: () => T): T {
  return scope.exit(fn);
}

/** A service whose every method runs as the station (the sync engine: it works for the station,
 * not for whoever's call happened to start it). */
export function stationScoped<T extends object>(service: T): T {
  const scoped = {} as Record<string, unknown>;
  for (const key of Object.keys(service)) {
    const f = (service as Record<string, unknown>)[key];
    scoped[key] = typeof f === 'function' ? (...args: unknown[]) => asStation(() => (f as (...a: unknown[]) => unknown).apply(service, args)) : f;
  }
  return scoped as T;
}

/** Officers and archivists see their own work; supervisors and administrators everyone's. */
export function seesEveryonesWork(caller: Caller | null): boolean {
  return caller === null || caller.role === 'supervisor' || caller.role === 'admin';
}
