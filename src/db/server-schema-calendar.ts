import type { Generated } from 'kysely';

/**
 * The holiday calendar (migration 0012_holiday_calendar): one synced row per year, id = the year
 * as text; `data` is the year's days as JSON ({ holidays, makeUpDays }, each { date, name }).
 */
export interface HolidayYearsTable {
  id: string;
  year: number;
  data: string;
  /** Null for the seeded year. */
  updated_by: string | null;
  rev: number;
  deleted: Generated<number>;
  updated_at: string;
}

/** Who changed a year when, with the year's JSON before (null: not set) and after. */
export interface HolidayYearHistoryTable {
  id: string;
  year: number;
  changed_by: string;
  changed_at: string;
  before: string | null;
  after: string;
}

export interface CalendarDatabase {
  holiday_years: HolidayYearsTable;
  holiday_year_history: HolidayYearHistoryTable;
}
