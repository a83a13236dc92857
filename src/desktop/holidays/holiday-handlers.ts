import type { HolidayYearWire } from '../../api/holiday-wire';
import { holidayRoutes } from '../../api/holidays';
import { prepareQuery } from '../../db/client-query';
import { calendarOf } from '../../domain/calendar/holiday-year';
import { yearsWithoutCalendar } from '../../domain/calendar/working-days';
import type { HolidayYearView, holidayCalls } from '../contract-holidays';
import { isOffline } from '../fees/fee-handler-support';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';
import { cachedHolidayYears } from './holiday-cache';

const view = (y: HolidayYearWire): HolidayYearView => ({
  year: y.year,
  holidays: y.holidays,
  makeUpDays: y.makeUpDays,
  updatedAt: y.updatedBy === null ? null : y.updatedAt,
});

/** "Cấu hình ngày nghỉ": the cached calendar, and saving a year through the server. */
export function holidayHandlers(ctx: ServiceContext): HandlersFor<keyof typeof holidayCalls> {
  /** Orgs at the top of the tree (no parent): their admin sets the calendar. */
  const topOrgIds = prepareQuery(ctx.handle, (db) =>
    db.selectFrom('orgs').select('id').where('parent_id', 'is', null),
  );

  return {
    holidayCalendar: () => {
      const years = cachedHolidayYears(ctx.handle);
      const user = ctx.currentUser();
      const tops = new Set(topOrgIds.all().map((o) => o.id));
      const thisYear = new Date().getUTCFullYear();
      return {
        years: years.map(view),
        canEdit: user?.roles.some((g) => g.role === 'admin' && tops.has(g.orgId)) ?? false,
        missingYears: yearsWithoutCalendar(
          calendarOf(years),
          `${thisYear}-01-01`,
          `${thisYear + 1}-12-31`,
        ),
      };
    },

    saveHolidayYear: async ({ year, holidays, makeUpDays }) => {
      let saved: HolidayYearWire;
      try {
        const user = ctx.requireServerSession();
        saved = await ctx.tracked(
          ctx.api.request(holidayRoutes.putHolidayYear, {
            params: { year: String(year) },
            body: { holidays, makeUpDays },
          }),
        );
        // The cache counts every deadline: bring the year into it now rather than at the next
        // sync. Saved already, so a failed pull only delays it.
        await ctx.engine.sync({ userId: user.id, serverUrl: ctx.serverUrl }).catch(() => undefined);
      } catch (err) {
        if (isOffline(err))
          return fail(
            'offline',
            'saving the holiday calendar needs the server, which is unreachable',
            'Cần kết nối mạng để lưu lịch ngày nghỉ. Vui lòng thử lại khi có kết nối.',
          );
        throw err;
      }
      return view(saved);
    },
  };
}
