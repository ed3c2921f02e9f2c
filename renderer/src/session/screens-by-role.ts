// Which tabs each role has, and where each lands (issue 16). A tab is shown only where the role
// may use what it is for (contract/policy.ts audiences: the supervision screen needs 'supervision',
// the archive 'archive'), and only where it is that person's work: a counter officer does not get
// the archive's tab, nor an archivist the counter's. The core enforces the rights either way.
import type { Role } from '../../../electron/contract';
import { SCREENS, type ScreenName } from '../shortcuts/registry';

const BY_ROLE: Readonly<Record<Role, ReadonlySet<ScreenName>>> = {
  officer: new Set(['intake', 'scan', 'documents', 'settings']),
  archivist: new Set(['archive', 'scan', 'documents', 'settings']),
  supervisor: new Set(['supervisor', 'archive', 'documents', 'settings']),
  admin: new Set(SCREENS),
};

/** The tabs of a role, in the header's order (Alt+1 is the first of these). */
export function screensOf(role: Role): readonly ScreenName[] {
  return SCREENS.filter((s) => BY_ROLE[role].has(s));
}

/** Where a role starts: officers at the counter, archivists on their batches, supervisors on
 * supervision; an administrator on a station still being set up (or a demonstration) at the
 * settings, else at supervision. */
export function landingOf(role: Role, freshStation: boolean): ScreenName {
  switch (role) {
    case 'officer':
      return 'intake';
    case 'archivist':
      return 'archive';
    case 'supervisor':
      return 'supervisor';
    case 'admin':
      return freshStation ? 'settings' : 'supervisor';
  }
}
