import { holidayRoutes } from '../../src/api/holidays';
import { HolidayYear } from '../../src/domain/calendar/holiday-year';
import type { ServerContext } from '../context';
import { badRequest } from '../errors';
import type { Register } from '../http/register-route';
import { holidayYears, putHolidayYear } from '../repositories/holidays';

/**
 * The holiday calendar (docs/decisions/0032). The route's access already holds a PUT to the top
 * org's admin (scope 'top-org'); the year's own rules (days within it, holidays on weekdays,
 * make-up days on weekends) are checked here with the year of the path.
 */
export function holidayRoutesOf(route: Register, ctx: ServerContext): void {
  route(holidayRoutes.listHolidays, async () => ({ items: await holidayYears(ctx.db) }));

  route(holidayRoutes.putHolidayYear, async ({ params, body, caller }) => {
    const parsed = HolidayYear.safeParse({ year: params.year, ...body });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw badRequest(
        issue.path.join('.'),
        `the ${params.year} calendar is refused at ${issue.path.join('.')}`,
        issue.message,
      );
    }
    return putHolidayYear(ctx.db, parsed.data, caller.user.id, ctx.now());
  });
}
