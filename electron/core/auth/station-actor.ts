// Who a record or an audit row names when no account is behind the work (the station's first
// start, a demonstration, the station's own background work): a name someone configured — the
// operator given for this process (SOHOA_OPERATOR), the station's operator setting — else the
// station itself by its agency or unit code. Never the OS account: "root" or "Administrator" on
// a record says nothing about who converted the paper (issue 16).
import type { Settings } from '../../contract';

export function stationName(s: Pick<Settings, 'agencyName' | 'unitCode'>): string {
  if (s.agencyName) return `Trạm Số hóa – ${s.agencyName}`;
  if (s.unitCode) return `Trạm Số hóa ${s.unitCode}`;
  return 'Trạm Số hóa';
}

export function stationActorName(s: Pick<Settings, 'agencyName' | 'unitCode' | 'operatorName'>, env: Readonly<Record<string, string | undefined>>): string {
  return env.SOHOA_OPERATOR?.trim() || s.operatorName || stationName(s);
}
