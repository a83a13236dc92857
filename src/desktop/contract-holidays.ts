import { z } from 'zod';
import { CalendarDay, HolidayYear } from '../domain/calendar/holiday-year';

/**
 * The DesktopApi calls of the holiday calendar ("Cấu hình ngày nghỉ", docs/decisions/0032): the
 * years the cache holds, and saving a year (online: the server decides, the next pull brings it
 * to every cache). Merged into `desktopCalls` by contract.ts.
 */

export const HolidayYearView = z.object({
  year: z.number().int(),
  holidays: z.array(CalendarDay),
  makeUpDays: z.array(CalendarDay),
  /** When it was last set; null for the year shipped with the server. */
  updatedAt: z.string().nullable(),
});
export type HolidayYearView = z.infer<typeof HolidayYearView>;

export const HolidayCalendarState = z.object({
  years: z.array(HolidayYearView),
  /** The user is an admin of the top org, the only one who sets the calendar. */
  canEdit: z.boolean(),
  /** This year and the next when not set: their deadlines count weekends only. */
  missingYears: z.array(z.number().int()),
});
export type HolidayCalendarState = z.infer<typeof HolidayCalendarState>;

export const holidayCalls = {
  /** The calendar in the cache (works offline). */
  holidayCalendar: { input: z.object({}), output: HolidayCalendarState },
  /** Replaces a year's days; online only, the top org's admin only (the server checks). */
  saveHolidayYear: { input: HolidayYear, output: HolidayYearView },
} as const;
