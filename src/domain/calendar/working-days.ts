import { z } from 'zod';
import { IsoDate } from '../common/schemas';

/**
 * The days off and make-up working days of the years an admin set ("Cấu hình ngày nghỉ" in the
 * admin guide), merged for counting: built from the stored years with `calendarOf`
 * (holiday-year.ts). The government fixes Tết and the compensatory days year by year, so this is
 * data, never a code default: every deadline is counted with the calendar its caller has.
 */
export const HolidayCalendar = z.object({
  /** The years set; any other year is counted on weekends only (see `yearsWithoutCalendar`). */
  years: z.array(z.number().int()),
  /** 'YYYY-MM-DD' days off that fall on weekdays (weekends are off anyway). */
  holidays: z.array(IsoDate),
  /** 'YYYY-MM-DD' Saturdays or Sundays worked instead ("ngày làm bù"). */
  makeUpDays: z.array(IsoDate),
});
export type HolidayCalendar = z.infer<typeof HolidayCalendar>;

/** No year set: weekends only. */
export const NO_CALENDAR: HolidayCalendar = { years: [], holidays: [], makeUpDays: [] };

const DAY_MS = 86_400_000;

/** Dates are calendar days, computed in UTC so no time zone shifts them. */
const toDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const isWeekend = (date: string): boolean => {
  const weekday = new Date(toDay(date) * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/** A predicate over day numbers, with the calendar's lists as sets (counting loops call it often). */
function workingDayTest(calendar: HolidayCalendar): (day: number) => boolean {
  const off = new Set(calendar.holidays);
  const worked = new Set(calendar.makeUpDays);
  return (day) => {
    const weekday = new Date(day * DAY_MS).getUTCDay();
    const date = fromDay(day);
    if (weekday === 0 || weekday === 6) return worked.has(date);
    return !off.has(date);
  };
}

export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  return workingDayTest(calendar)(toDay(date));
}

/** The date `n` working days after `start` (start itself not counted); n ≥ 0. */
export function addWorkingDays(start: string, n: number, calendar: HolidayCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays needs n ≥ 0, got ${n}`);
  const working = workingDayTest(calendar);
  let day = toDay(start);
  let left = n;
  while (left > 0) {
    day += 1;
    if (working(day)) left -= 1;
  }
  return fromDay(day);
}

/** Working days in (from, to]: 0 when to ≤ from. */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar): number {
  const working = workingDayTest(calendar);
  let count = 0;
  for (let day = toDay(from) + 1; day <= toDay(to); day++) if (working(day)) count += 1;
  return count;
}

/**
 * The years between two dates (both included) the calendar does not cover: a deadline counted
 * across them skipped weekends only, which a screen says rather than hide.
 */
export function yearsWithoutCalendar(
  calendar: HolidayCalendar,
  from: string,
  to: string,
): number[] {
  const [first, last] = from <= to ? [from, to] : [to, from];
  const missing: number[] = [];
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++)
    if (!calendar.years.includes(year)) missing.push(year);
  return missing;
}

/** The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
