// Times in ISO 8601 with the Vietnam offset (+07:00), everywhere a time is stored, shown or
// exchanged (domain.md). Vietnam has no daylight saving, so the offset is constant and such
// strings sort correctly as text.
const OFFSET_MS = 7 * 3600_000;

export function vietnamIso(date: Date = new Date()): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().replace('Z', '+07:00');
}

/** The compact form of the national portal's exchange format: yyyyMMddHHmmss, Vietnam time. */
export function vietnamCompact(date: Date = new Date()): string {
  return vietnamIso(date).slice(0, 19).replace(/[-T:]/g, '');
}
