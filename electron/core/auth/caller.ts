// Who is making the current call, carried through async work without threading it through every
// function: the dispatcher runs each handler inside the caller's scope; the audit log and the
// repositories read it. Work the station does on its own (OCR, sync) runs outside any scope.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../../contract';

export interface Caller {
  /** null: no account exists yet (the station's first run) — acting as its administrator. */
  readonly userId: string | null;
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

/** Officers and archivists see their own work; supervisors and administrators everyone's. */
export function seesEveryonesWork(caller: Caller | null): boolean {
  return caller === null || caller.role === 'supervisor' || caller.role === 'admin';
}
