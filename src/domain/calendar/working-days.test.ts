import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarOf } from './holiday-year';
import { CALENDAR_2026, YEAR_2026 } from './test-support/calendars';
import {
  addMonths,
  addWorkingDays,
  isWorkingDay,
  NO_CALENDAR,
  workingDaysBetween,
  yearsWithoutCalendar,
} from './working-days';

describe('working days', () => {
  it('skips weekends', () => {
    // Fri 9 Jan 2026 + 1 working day = Mon 12 Jan.
    expect(addWorkingDays('2026-01-09', 1, CALENDAR_2026)).toBe('2026-01-12');
    expect(isWorkingDay('2026-01-10', CALENDAR_2026)).toBe(false);
  });

  it('skips Tết 2026: the week of 16–20 Feb is off', () => {
    expect(addWorkingDays('2026-02-13', 1, CALENDAR_2026)).toBe('2026-02-23');
    expect(isWorkingDay('2026-02-17', CALENDAR_2026)).toBe(false);
  });

  it('30 working days from 2 Feb 2026 end after Tết', () => {
    // 2–13 Feb: 10 days; 23 Feb–13 Mar: 15; 16–20 Mar: 5 → 20 Mar.
    expect(addWorkingDays('2026-02-01', 30, CALENDAR_2026)).toBe('2026-03-20');
    expect(addWorkingDays('2026-02-01', 30, NO_CALENDAR)).toBe('2026-03-13');
  });

  it('holidays are data: an empty calendar counts Tết as working days', () => {
    expect(addWorkingDays('2026-02-13', 1, NO_CALENDAR)).toBe('2026-02-16');
  });

  it('counts a make-up Saturday as a working day', () => {
    const withMakeUp = calendarOf([
      { ...YEAR_2026, makeUpDays: [{ date: '2026-02-07', name: 'Làm bù cho ngày 20/02' }] },
    ]);
    expect(isWorkingDay('2026-02-07', withMakeUp)).toBe(true);
    // Fri 6 Feb + 1: the Saturday worked.
    expect(addWorkingDays('2026-02-06', 1, withMakeUp)).toBe('2026-02-07');
    expect(addWorkingDays('2026-02-06', 1, CALENDAR_2026)).toBe('2026-02-09');
    expect(workingDaysBetween('2026-02-06', '2026-02-09', withMakeUp)).toBe(2);
  });

  it('names the years a span crosses without a calendar', () => {
    expect(yearsWithoutCalendar(CALENDAR_2026, '2026-11-20', '2026-12-31')).toEqual([]);
    expect(yearsWithoutCalendar(CALENDAR_2026, '2026-11-20', '2027-01-08')).toEqual([2027]);
    expect(yearsWithoutCalendar(CALENDAR_2026, '2028-01-08', '2025-12-01')).toEqual([
      2025, 2027, 2028,
    ]);
    expect(yearsWithoutCalendar(NO_CALENDAR, '2026-03-02', '2026-04-13')).toEqual([2026]);
  });

  it('counting back agrees with adding, make-up days included', () => {
    const withMakeUp = calendarOf([
      { ...YEAR_2026, makeUpDays: [{ date: '2026-05-09', name: 'Làm bù' }] },
    ]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 80 }),
        (offset, n) => {
          const start = new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);
          const end = addWorkingDays(start, n, withMakeUp);
          expect(workingDaysBetween(start, end, withMakeUp)).toBe(n);
          if (n > 0) expect(isWorkingDay(end, withMakeUp)).toBe(true);
        },
      ),
    );
  });

  it('adds months clamped to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-15', 3)).toBe('2026-06-15');
    expect(addMonths('2026-11-30', 24)).toBe('2028-11-30');
  });
});
