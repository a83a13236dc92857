import { z } from 'zod';
import { IsoDate, NonBlankText } from '../common/schemas';
import { isWeekend, type HolidayCalendar } from './working-days';

export const CalendarYear = z.number().int().min(2000).max(2100);

/** One dated day of a year's calendar, named as the government's notice names it. */
export const CalendarDay = z.object({
  date: IsoDate,
  /** "Tết Nguyên đán", "Quốc khánh", "Làm bù cho ngày 02/01" … */
  name: NonBlankText(100),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

const vnDate = (iso: string) => iso.split('-').reverse().join('/');

/**
 * One year of "Cấu hình ngày nghỉ": the weekdays off and the weekend days worked instead. A
 * holiday on a weekend changes nothing and a make-up day on a weekday means nothing, so both are
 * refused rather than stored as noise; every day lies within its year and appears once.
 */
export const HolidayYear = z
  .object({
    year: CalendarYear,
    holidays: z.array(CalendarDay).max(60),
    makeUpDays: z.array(CalendarDay).max(30),
  })
  .superRefine((y, ctx) => {
    const seen = new Set<string>();
    const check = (list: 'holidays' | 'makeUpDays') =>
      y[list].forEach((day, i) => {
        const path = [list, i, 'date'];
        const issue = (message: string) => ctx.addIssue({ code: 'custom', path, message });
        if (!day.date.startsWith(`${y.year}-`))
          return issue(`Ngày ${vnDate(day.date)} không thuộc năm ${y.year}.`);
        if (seen.has(day.date)) return issue(`Ngày ${vnDate(day.date)} được khai hai lần.`);
        seen.add(day.date);
        if (list === 'holidays' && isWeekend(day.date))
          issue(
            `Ngày ${vnDate(day.date)} là thứ Bảy hoặc Chủ nhật: ngày nghỉ chỉ khai cho ngày làm việc trong tuần.`,
          );
        if (list === 'makeUpDays' && !isWeekend(day.date))
          issue(`Ngày làm bù ${vnDate(day.date)} phải là thứ Bảy hoặc Chủ nhật.`);
      });
    check('holidays');
    check('makeUpDays');
  });
export type HolidayYear = z.infer<typeof HolidayYear>;

/** The years as one calendar to count with. */
export function calendarOf(years: readonly HolidayYear[]): HolidayCalendar {
  return {
    years: years.map((y) => y.year).sort((a, b) => a - b),
    holidays: years.flatMap((y) => y.holidays.map((d) => d.date)).sort(),
    makeUpDays: years.flatMap((y) => y.makeUpDays.map((d) => d.date)).sort(),
  };
}

/** A year's days in date order (how screens list them and how it is stored). */
export const sortedYear = (y: HolidayYear): HolidayYear => ({
  year: y.year,
  holidays: [...y.holidays].sort((a, b) => a.date.localeCompare(b.date)),
  makeUpDays: [...y.makeUpDays].sort((a, b) => a.date.localeCompare(b.date)),
});
