import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addWorkingDays,
  HOLIDAYS_2026,
  isWorkingDay,
  workingDaysBetween,
} from './working-days';

describe('working days', () => {
  it('skips weekends', () => {
    // Fri 9 Jan 2026 + 1 working day = Mon 12 Jan.
    expect(addWorkingDays('2026-01-09', 1)).toBe('2026-01-12');
    expect(isWorkingDay('2026-01-10')).toBe(false);
  });

  it('skips Tết 2026: the week of 16–20 Feb is off', () => {
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(isWorkingDay('2026-02-17')).toBe(false);
  });

  it('30 working days from 2 Feb 2026 end after Tết', () => {
    // 2–13 Feb: 10 days; 23 Feb–13 Mar: 15; 16–20 Mar: 5 → 20 Mar.
    expect(addWorkingDays('2026-02-01', 30)).toBe('2026-03-20');
    expect(addWorkingDays('2026-02-01', 30, { holidays: [] })).toBe('2026-03-13');
  });

  it('holidays are data: an empty calendar counts Tết as working days', () => {
    expect(addWorkingDays('2026-02-13', 1, { holidays: [] })).toBe('2026-02-16');
  });

  it('counting back agrees with adding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 80 }),
        (offset, n) => {
          const start = new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);
          const end = addWorkingDays(start, n, HOLIDAYS_2026);
          expect(workingDaysBetween(start, end, HOLIDAYS_2026)).toBe(n);
          if (n > 0) expect(isWorkingDay(end, HOLIDAYS_2026)).toBe(true);
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
