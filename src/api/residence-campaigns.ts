import { z } from 'zod';
import { Id, IsoDate } from '../domain/common/schemas';
import { ResidenceCampaign } from '../domain/procedures/residence-rules';
import { RESIDENCE_LIST_ROLES, STAFF_ROLES } from './access';
import { ResidenceCampaignView } from './residence-campaign-wire';
import type { RouteSpec } from './routes';

/**
 * The yearly campaign of residence comments (Quy định 213): each ward or commune committee sets
 * when lists open and when its residence cells' forms are due back; pulled forms carry `dueOn`.
 */
const Year = z.coerce.number().int().min(2020).max(2100);

export const ResidenceCampaignQuery = z.object({
  /** The ward or commune committee. */
  orgId: Id,
  /** One year; every year the committee set when absent. */
  year: Year.optional(),
});
export type ResidenceCampaignQuery = z.infer<typeof ResidenceCampaignQuery>;

export const ResidenceCampaignParams = z.object({ orgId: Id, year: Year });

/** The window of one year, as the committee sets it. */
export const PutResidenceCampaignRequest = z
  .object({ opensOn: IsoDate, dueOn: IsoDate })
  .refine((c) => c.dueOn > c.opensOn, {
    message: 'Hạn gửi phiếu phải sau ngày bắt đầu đợt nhận xét.',
    path: ['dueOn'],
  });
export type PutResidenceCampaignRequest = z.infer<typeof PutResidenceCampaignRequest>;

export { ResidenceCampaignView };

export const ResidenceCampaignList = z.object({ items: z.array(ResidenceCampaignView) });
export type ResidenceCampaignList = z.infer<typeof ResidenceCampaignList>;

// Keeps the wire's window the domain's: the same fields and rule as ResidenceCampaign.
export const campaignOf = (year: number, body: PutResidenceCampaignRequest) =>
  ResidenceCampaign.parse({ year, ...body });

export const residenceCampaignRoutes = {
  listResidenceCampaigns: {
    method: 'GET',
    path: '/v1/residence/campaigns',
    summary:
      'The residence-comment campaigns a ward or commune committee set (its staff and the cells under it)',
    tag: 'residence',
    auth: true,
    querystring: ResidenceCampaignQuery,
    status: 200,
    response: ResidenceCampaignList,
    errors: [400, 401, 403, 404],
    access: { roles: STAFF_ROLES, scope: 'filtered' },
  },
  putResidenceCampaign: {
    method: 'PUT',
    path: '/v1/residence/campaigns/:orgId/:year',
    summary:
      'Set the year’s campaign of a ward or commune committee: when lists open, when forms are due',
    tag: 'residence',
    auth: true,
    params: ResidenceCampaignParams,
    body: PutResidenceCampaignRequest,
    status: 200,
    response: ResidenceCampaignView,
    errors: [400, 401, 403, 404, 415],
    access: { roles: RESIDENCE_LIST_ROLES, scope: 'org-subtree', param: 'orgId' },
  },
} as const satisfies Record<string, RouteSpec>;
