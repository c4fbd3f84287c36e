import { ValidationError } from '../../../shared/errors/domain.error';
import type { ReportPeriodInput } from './report.input';

export const MAX_REPORT_MONTHS = 24;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A run of whole months as YYYY-MM codes, oldest first, with the first day of the first and the day after the last. */
export interface MonthRange {
  months: string[];
  start: string;
  endExclusive: string;
}

export function monthIndex(month: string): number {
  const [, y, m] = MONTH.exec(month)!;
  return Number(y) * 12 + Number(m) - 1;
}

export function monthCode(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function range(from: number, to: number): MonthRange {
  const months = Array.from({ length: to - from + 1 }, (_, i) => monthCode(from + i));
  return { months, start: `${monthCode(from)}-01`, endExclusive: `${monthCode(to + 1)}-01` };
}

/** The chosen period (validated) and the same number of months just before it. */
export function reportPeriods(input: ReportPeriodInput | undefined, today: string): { current: MonthRange; previous: MonthRange } {
  const thisMonth = monthIndex(today.slice(0, 7));
  let from = thisMonth - 5;
  let to = thisMonth;
  if (input) {
    if (!MONTH.test(input.fromMonth)) throw new ValidationError('period.fromMonth', 'must be YYYY-MM');
    if (!MONTH.test(input.toMonth)) throw new ValidationError('period.toMonth', 'must be YYYY-MM');
    from = monthIndex(input.fromMonth);
    to = monthIndex(input.toMonth);
    if (from > to) throw new ValidationError('period.toMonth', 'must not be before fromMonth');
    if (to - from + 1 > MAX_REPORT_MONTHS) throw new ValidationError('period', `at most ${MAX_REPORT_MONTHS} months`);
    if (from < monthIndex('2000-01')) throw new ValidationError('period.fromMonth', 'must be 2000-01 or later');
  }
  const length = to - from + 1;
  return { current: range(from, to), previous: range(from - length, from - 1) };
}
