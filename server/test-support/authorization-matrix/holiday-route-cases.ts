/** The matrix cases of the holiday calendar's routes (docs/decisions/0032). */
import { get, json, type RouteCase } from './model';

export const HOLIDAY_ROUTE_CASES: Record<string, RouteCase> = {
  'GET /v1/holidays': { success: 'ok', in: () => get('/v1/holidays') },
  'PUT /v1/holidays/:year': {
    success: 'ok',
    in: () =>
      json('PUT', '/v1/holidays/2027', {
        holidays: [{ date: '2027-01-01', name: 'Tết Dương lịch' }],
        makeUpDays: [],
      }),
  },
};
