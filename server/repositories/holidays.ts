import { randomUUID } from 'node:crypto';
import type { HolidayYearWire } from '../../src/api/holiday-wire';
import {
  calendarOf,
  HolidayYear,
  sortedYear,
  type CalendarDay,
} from '../../src/domain/calendar/holiday-year';
import type { HolidayCalendar } from '../../src/domain/calendar/working-days';
import type { HolidayYearsTable } from '../../src/db/server-schema-calendar';
import type { Db, Trx } from './db';
import { nextRev } from './revisions';

/** What `data` holds: the year's days, without the year (the row's own column). */
interface StoredDays {
  holidays: CalendarDay[];
  makeUpDays: CalendarDay[];
}

type Row = Pick<HolidayYearsTable, 'year' | 'data' | 'updated_at' | 'updated_by'>;

/** A stored row as the wire and the domain see it; parsed, so a bad row fails loudly here. */
export function holidayYearFromRow(row: Row): HolidayYearWire {
  const days = JSON.parse(row.data) as StoredDays;
  const year = HolidayYear.parse({ year: Number(row.year), ...days });
  return { ...year, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/** Every year set, oldest first. */
export async function holidayYears(db: Db): Promise<HolidayYearWire[]> {
  const rows = await db
    .selectFrom('holiday_years')
    .select(['year', 'data', 'updated_at', 'updated_by'])
    .where('deleted', '=', 0)
    .orderBy('year')
    .execute();
  return rows.map(holidayYearFromRow);
}

/** The stored calendar to count deadlines with (server side: transfers, letters). */
export async function loadHolidayCalendar(db: Db): Promise<HolidayCalendar> {
  return calendarOf(await holidayYears(db));
}

const daysJson = (y: HolidayYear): string => {
  const sorted = sortedYear(y);
  return JSON.stringify({ holidays: sorted.holidays, makeUpDays: sorted.makeUpDays });
};

/**
 * Replaces a year's days, with a new rev so every cache pulls it, and records who changed it,
 * when, before and after (holiday_year_history). One transaction: the audit entry exists exactly
 * when the change does.
 */
export async function putHolidayYear(
  db: Db,
  year: HolidayYear,
  userId: string,
  now: Date,
): Promise<HolidayYearWire> {
  return db.transaction().execute(async (trx: Trx) => {
    const before = await trx
      .selectFrom('holiday_years')
      .select('data')
      .where('id', '=', String(year.year))
      .executeTakeFirst();
    const rev = await nextRev(trx);
    const at = now.toISOString();
    const data = daysJson(year);
    const values = { data, updated_by: userId, rev, deleted: 0, updated_at: at };
    await trx
      .insertInto('holiday_years')
      .values({ id: String(year.year), year: year.year, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    await trx
      .insertInto('holiday_year_history')
      .values({
        id: randomUUID(),
        year: year.year,
        changed_by: userId,
        changed_at: at,
        before: before?.data ?? null,
        after: data,
      })
      .execute();
    return holidayYearFromRow({ year: year.year, data, updated_at: at, updated_by: userId });
  });
}

/** Pull: the years changed in the window; everyone receives every year. */
export async function holidayYearRowsAfter(
  trx: Trx,
  w: { afterRev: number; upTo: number | null; limit: number },
) {
  let q = trx
    .selectFrom('holiday_years')
    .select(['id', 'year', 'data', 'updated_at', 'updated_by', 'rev'])
    .where('rev', '>', w.afterRev);
  if (w.upTo !== null) q = q.where('rev', '<=', w.upTo);
  return q.orderBy('rev').limit(w.limit).execute();
}

/**
 * Sets the years not set yet, as data shipped rather than a user's change (no author, no history
 * entry): a year an admin already set is left as he set it.
 */
export async function seedHolidayYears(
  db: Db,
  years: readonly HolidayYear[],
  now: Date,
): Promise<number[]> {
  return db.transaction().execute(async (trx: Trx) => {
    const set = await trx.selectFrom('holiday_years').select('year').execute();
    const known = new Set(set.map((r) => Number(r.year)));
    const added: number[] = [];
    for (const year of years) {
      if (known.has(year.year)) continue;
      await trx
        .insertInto('holiday_years')
        .values({
          id: String(year.year),
          year: year.year,
          data: daysJson(HolidayYear.parse(year)),
          updated_by: null,
          rev: await nextRev(trx),
          deleted: 0,
          updated_at: now.toISOString(),
        })
        .execute();
      added.push(year.year);
    }
    return added;
  });
}
