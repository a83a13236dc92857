import { HolidayYearWire } from '../../api/holiday-wire';
import { prepareQuery } from '../../db/client-query';
import type { SqliteHandle } from '../../db/sqlite';
import { calendarOf } from '../../domain/calendar/holiday-year';
import type { HolidayCalendar } from '../../domain/calendar/working-days';

// The holiday calendar as the last pull left it in the cache (client migration 0006): every
// deadline the desktop counts, online or offline, is counted with it.

/** Every cached year, oldest first. */
export function cachedHolidayYears(handle: SqliteHandle): HolidayYearWire[] {
  const rows = prepareQuery(handle, (db) =>
    db.selectFrom('holiday_years').select('data').orderBy('year'),
  ).all();
  return rows.map((row) => HolidayYearWire.parse(JSON.parse(row.data)));
}

/** The cached years as one calendar to count with. */
export function cachedHolidayCalendar(handle: SqliteHandle): HolidayCalendar {
  return calendarOf(cachedHolidayYears(handle));
}
