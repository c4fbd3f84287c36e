const DAY_MS = 86_400_000;

/** ISO date (YYYY-MM-DD) arithmetic in whole UTC days, so demo dates never drift with time zones. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function addYears(isoDate: string, years: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export function atTime(isoDate: string, time = '10:00:00'): string {
  return `${isoDate}T${time}Z`;
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
