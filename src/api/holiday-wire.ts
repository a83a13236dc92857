import { z } from 'zod';
import { HolidayYear } from '../domain/calendar/holiday-year';

/**
 * A stored year of the holiday calendar, as GET /v1/holidays answers it and pull carries it
 * (entity `holidayYear`): the domain's year and who last set it (null: shipped with the server).
 * Apart from the routes (holidays.ts) so that the pull's schema does not import the route table.
 */
export const HolidayYearWire = HolidayYear.and(
  z.object({ updatedAt: z.string(), updatedBy: z.string().nullable() }),
);
export type HolidayYearWire = z.infer<typeof HolidayYearWire>;
