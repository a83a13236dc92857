import { z } from 'zod';
import { CalendarDay, CalendarYear } from '../domain/calendar/holiday-year';
import { HolidayYearWire } from './holiday-wire';
import type { RouteSpec } from './routes';

/**
 * The holiday calendar ("Cấu hình ngày nghỉ", docs/decisions/0032): every signed-in user reads
 * it (every deadline is counted with it), the top org's admin sets a year. It also travels to the
 * caches through pull (entity `holidayYear`).
 */

export const HolidaysResponse = z.object({ items: z.array(HolidayYearWire) });
export type HolidaysResponse = z.infer<typeof HolidaysResponse>;

export const HolidayYearParams = z.object({ year: z.coerce.number().pipe(CalendarYear) });

/** A year's days; checked with the year of the path (HolidayYear) by the handler. */
export const PutHolidayYearRequest = z.object({
  holidays: z.array(CalendarDay).max(60),
  makeUpDays: z.array(CalendarDay).max(30),
});
export type PutHolidayYearRequest = z.infer<typeof PutHolidayYearRequest>;

export const holidayRoutes = {
  listHolidays: {
    method: 'GET',
    path: '/v1/holidays',
    summary: 'The holiday calendar: each year set, its days off and make-up working days',
    tag: 'calendar',
    auth: true,
    status: 200,
    response: HolidaysResponse,
    errors: [401, 403],
    access: { roles: 'any', scope: 'shared' },
  },
  putHolidayYear: {
    method: 'PUT',
    path: '/v1/holidays/:year',
    summary: 'Set a year of the holiday calendar (replaces its days); the top org’s admin only',
    tag: 'calendar',
    auth: true,
    params: HolidayYearParams,
    body: PutHolidayYearRequest,
    status: 200,
    response: HolidayYearWire,
    errors: [400, 401, 403, 415],
    access: { roles: ['admin'], scope: 'top-org' },
  },
} as const satisfies Record<string, RouteSpec>;
