import { z } from 'zod';
import { IsoDate } from '../common/schemas';

/**
 * Days off besides weekends, as data ("Cấu hình ngày nghỉ" in the admin guide): the government
 * fixes Tết and the compensatory days year by year, so an admin corrects this list, not the code.
 */
export const HolidayCalendar = z.object({
  /** 'YYYY-MM-DD' days off that fall on weekdays (weekends are off anyway). */
  holidays: z.array(IsoDate),
});
export type HolidayCalendar = z.infer<typeof HolidayCalendar>;

/**
 * 2026 as announced: New Year; Tết Bính Ngọ (Mon 16 – Fri 20 Feb, the break runs 14–22 Feb);
 * Hùng Kings (10/3 lunar falls on Sun 26 Apr, off on Mon 27); 30/4 and 1/5; National Day
 * (1–2 Sep).
 */
export const HOLIDAYS_2026: HolidayCalendar = {
  holidays: [
    '2026-01-01',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-04-27',
    '2026-04-30',
    '2026-05-01',
    '2026-09-01',
    '2026-09-02',
  ],
};

const DAY_MS = 86_400_000;

/** Dates are calendar days, computed in UTC so no time zone shifts them. */
const toDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function isWorkingDay(date: string, calendar: HolidayCalendar = HOLIDAYS_2026): boolean {
  const weekday = new Date(toDay(date) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.includes(date);
}

/** The date `n` working days after `start` (start itself not counted); n ≥ 0. */
export function addWorkingDays(
  start: string,
  n: number,
  calendar: HolidayCalendar = HOLIDAYS_2026,
): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays needs n ≥ 0, got ${n}`);
  const off = new Set(calendar.holidays);
  let day = toDay(start);
  let left = n;
  while (left > 0) {
    day += 1;
    const weekday = new Date(day * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !off.has(fromDay(day))) left -= 1;
  }
  return fromDay(day);
}

/** Working days in (from, to]: 0 when to ≤ from. */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: HolidayCalendar = HOLIDAYS_2026,
): number {
  const off = new Set(calendar.holidays);
  let count = 0;
  for (let day = toDay(from) + 1; day <= toDay(to); day++) {
    const weekday = new Date(day * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !off.has(fromDay(day))) count += 1;
  }
  return count;
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
