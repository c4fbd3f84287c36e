import { englandDateOf } from './london-date';
import Holidays from 'date-holidays';

/**
 * The England and Wales working-day calendar: Monday to Friday except bank holidays (with their
 * substitute days), from the maintained `date-holidays` data. Dates are ISO `YYYY-MM-DD` strings
 * and all arithmetic is in whole UTC days, so nothing drifts with the server's time zone.
 */
const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

let calendar: Holidays | undefined;
const bankHolidaysByYear = new Map<number, ReadonlySet<string>>();

/** England and Wales bank holidays of a year (computed once per year, then cached). */
export function bankHolidays(year: number): ReadonlySet<string> {
  let found = bankHolidaysByYear.get(year);
  if (!found) {
    calendar ??= new Holidays('GB', 'ENG');
    // `public` are the bank holidays, substitute days included; the `date` field is the local date.
    found = new Set(calendar.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    bankHolidaysByYear.set(year, found);
  }
  return found;
}

export function isBankHoliday(date: string): boolean {
  return bankHolidays(yearOf(checkDate(date))).has(date);
}

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(toMs(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(date);
}

export function addCalendarDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * DAY_MS);
}

/** Adds whole months; a day that does not exist in the target month becomes its last day (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = checkDate(date).split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return fromMs(target.getTime());
}

/**
 * `n` working days after `date` (before it when `n` is negative), not counting `date` itself:
 * one working day after Thursday 25 March 2027 is Tuesday 30 March (Good Friday and Easter Monday
 * are skipped). With `n = 0` the date is returned unchanged.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`addWorkingDays: ${n} is not a whole number of days`);
  let current = checkDate(date);
  const step = Math.sign(n);
  for (let remaining = Math.abs(n); remaining > 0; ) {
    current = addCalendarDays(current, step);
    if (isWorkingDay(current)) remaining -= 1;
  }
  return current;
}

/**
 * Working days from `from` to `to`: how many working days fall after `from` up to and including
 * `to`; negative (the days after `to` up to `from`) when `to` is earlier. So a deadline due on the
 * next working day is 1 away, one due today 0, and one that passed yesterday (a working day) −1.
 */
export function workingDaysBetween(from: string, to: string): number {
  const key = `${from}/${to}`;
  let days = betweenCache.get(key);
  if (days === undefined) {
    days = countWorkingDaysBetween(from, to);
    if (betweenCache.size >= BETWEEN_CACHE_SIZE) betweenCache.clear();
    betweenCache.set(key, days);
  }
  return days;
}

/** Every caseload row asks how far its next deadline is: the same few date pairs, counted day by day. */
const betweenCache = new Map<string, number>();
const BETWEEN_CACHE_SIZE = 10_000;

function countWorkingDaysBetween(from: string, to: string): number {
  checkDate(from);
  checkDate(to);
  if (from === to) return 0;
  const [start, end, sign] = from < to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = addCalendarDays(start, 1); day <= end; day = addCalendarDays(day, 1)) if (isWorkingDay(day)) count += 1;
  return sign * count;
}

/** The date itself if it is a working day, else the nearest working day before or after it. */
export function rollToWorkingDay(date: string, direction: 'PREVIOUS' | 'NEXT'): string {
  let current = checkDate(date);
  while (!isWorkingDay(current)) current = addCalendarDays(current, direction === 'NEXT' ? 1 : -1);
  return current;
}

function checkDate(date: string): string {
  if (!ISO_DATE.test(date) || fromMs(Date.parse(`${date}T00:00:00Z`)) !== date) {
    throw new Error(`${JSON.stringify(date)} is not a YYYY-MM-DD date`);
  }
  return date;
}

function toMs(date: string): number {
  return Date.parse(`${checkDate(date)}T00:00:00Z`);
}

function fromMs(ms: number): string {
  return Number.isNaN(ms) ? 'invalid' : new Date(ms).toISOString().slice(0, 10);
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export { englandDateOf };
