/** The matrix cases of the dashboard and the readiness review (docs/decisions/0034). */
import { get, pick, type RouteCase } from './model';

const oversight = (path: string): RouteCase => ({
  success: 'ok',
  in: (w, a) => get(`${path}?orgId=${pick(a, w.ids.ward, w.ids.cell1)}`),
  out: (w, a) => get(`${path}?orgId=${pick(a, w.ids.otherWard, w.ids.cell2)}`),
});

export const OVERSIGHT_ROUTE_CASES: Record<string, RouteCase> = {
  'GET /v1/oversight/readiness': oversight('/v1/oversight/readiness'),
  'GET /v1/oversight/dashboard': oversight('/v1/oversight/dashboard'),
};
