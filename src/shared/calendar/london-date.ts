const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in England at an instant (YYYY-MM-DD): the day practitioners and deadlines count in. */
export function englandDateOf(instant: Date): string {
  return LONDON_DATE.format(instant);
}
