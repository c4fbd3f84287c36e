import {
  addMonths,
  addWorkingDays,
  bankHolidays,
  englandDateOf,
  isWorkingDay,
  rollToWorkingDay,
  workingDaysBetween,
} from '../../src/shared/calendar/working-days';

describe('the England and Wales bank holidays', () => {
  it('match the published 2027 calendar, substitute days included', () => {
    expect([...bankHolidays(2027)].filter((d) => isWeekday(d)).sort()).toEqual([
      '2027-01-01', // New Year's Day (Friday)
      '2027-03-26', // Good Friday
      '2027-03-29', // Easter Monday
      '2027-05-03', // Early May
      '2027-05-31', // Spring
      '2027-08-30', // Summer
      '2027-12-27', // Christmas Day falls on a Saturday: substitute Monday
      '2027-12-28', // Boxing Day falls on a Sunday: substitute Tuesday
    ]);
  });

  it('move New Year 2028 (a Saturday) to Monday 3 January', () => {
    expect(isWorkingDay('2028-01-01')).toBe(false);
    expect(isWorkingDay('2028-01-03')).toBe(false);
    expect(isWorkingDay('2028-01-04')).toBe(true);
  });

  it('leave out Scotland-only holidays (2 January) and observances (Easter Sunday is simply a Sunday)', () => {
    expect(isWorkingDay('2029-01-02')).toBe(true);
    expect(bankHolidays(2027).has('2027-03-28')).toBe(false);
  });
});

describe('counting working days', () => {
  it('skips weekends', () => {
    expect(addWorkingDays('2027-02-05', 1)).toBe('2027-02-08'); // Friday → Monday
    expect(addWorkingDays('2027-02-06', 1)).toBe('2027-02-08'); // from a Saturday, the next working day
    expect(addWorkingDays('2027-02-08', -1)).toBe('2027-02-05');
    expect(addWorkingDays('2027-02-10', 0)).toBe('2027-02-10');
  });

  it('skips Good Friday and Easter Monday 2027', () => {
    // Thu 25 Mar → (Fri 26 Good Friday, Sat, Sun, Mon 29 Easter Monday) → Tue 30 Mar
    expect(addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
    expect(addWorkingDays('2027-03-30', -1)).toBe('2027-03-25');
    // Thu 18 Mar + 10: 19, 22, 23, 24, 25, 30, 31, 1 Apr, 2 Apr, 5 Apr
    expect(addWorkingDays('2027-03-18', 10)).toBe('2027-04-05');
  });

  it('skips Christmas 2027 with both substitute days, and New Year 2028 with its substitute', () => {
    // Fri 24 Dec → (Sat 25, Sun 26, Mon 27 sub, Tue 28 sub) → Wed 29 Dec
    expect(addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
    // Wed 29, Thu 30, Fri 31, (Sat 1 Jan, Sun 2, Mon 3 sub) → Tue 4 Jan is the 4th
    expect(addWorkingDays('2027-12-24', 4)).toBe('2028-01-04');
    expect(addWorkingDays('2028-01-04', -4)).toBe('2027-12-24');
  });

  it('counts working days between two dates, negative when the second is earlier', () => {
    expect(workingDaysBetween('2027-03-25', '2027-03-30')).toBe(1);
    expect(workingDaysBetween('2027-03-30', '2027-03-25')).toBe(-1);
    expect(workingDaysBetween('2027-12-24', '2028-01-04')).toBe(4);
    expect(workingDaysBetween('2027-06-01', '2027-06-01')).toBe(0);
    // every addWorkingDays result is that many working days away
    for (const n of [1, 5, 10, 20, -3, -10]) expect(workingDaysBetween('2027-03-18', addWorkingDays('2027-03-18', n))).toBe(n);
  });

  it('rolls a non-working day to the working day before or after it', () => {
    expect(rollToWorkingDay('2027-03-28', 'PREVIOUS')).toBe('2027-03-25'); // Easter Sunday → Thursday
    expect(rollToWorkingDay('2027-03-28', 'NEXT')).toBe('2027-03-30'); // → Tuesday after Easter Monday
    expect(rollToWorkingDay('2027-03-31', 'NEXT')).toBe('2027-03-31');
  });

  it('adds months, keeping to the end of a shorter month', () => {
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonths('2027-08-15', -6)).toBe('2027-02-15');
    expect(addMonths('2027-12-15', 1)).toBe('2028-01-15');
  });

  it('refuses what is not a date', () => {
    expect(() => addWorkingDays('2027-02-30', 1)).toThrow('is not a YYYY-MM-DD date');
    expect(() => isWorkingDay('27/03/2027')).toThrow('is not a YYYY-MM-DD date');
    expect(() => addWorkingDays('2027-02-01', 1.5)).toThrow('not a whole number');
  });
});

describe('the date in England', () => {
  it('follows British Summer Time', () => {
    expect(englandDateOf(new Date('2027-06-30T23:30:00Z'))).toBe('2027-07-01'); // 00:30 BST
    expect(englandDateOf(new Date('2027-12-31T23:30:00Z'))).toBe('2027-12-31'); // GMT
  });
});

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}
