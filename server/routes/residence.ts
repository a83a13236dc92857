import { campaignOf, residenceCampaignRoutes } from '../../src/api/residence-campaigns';
import type { ServerContext } from '../context';
import { badRequest, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { findOrg, findVisibleOrg } from '../repositories/orgs';
import { campaignsOf, putCampaign } from '../repositories/residence-campaigns';

/** The orgs that run a campaign: the committees residence cells' forms go up to (committeeAbove). */
const COMMITTEE_TYPES: readonly string[] = ['superior_committee', 'grassroots_committee'];

/** The committees' yearly campaigns of residence comments. */
export function residenceRoutesOf(route: Register, ctx: ServerContext): void {
  route(residenceCampaignRoutes.listResidenceCampaigns, async ({ query, caller }) => {
    // The committee's staff and the cells under it read it (an ancestor is in the read scope).
    const org = await findVisibleOrg(ctx.db, caller.scope, query.orgId);
    if (!org) throw notFound();
    return { items: await campaignsOf(ctx.db, org.id, query.year) };
  });

  route(residenceCampaignRoutes.putResidenceCampaign, async ({ params, body }) => {
    const org = await findOrg(ctx.db, params.orgId);
    if (!org) throw notFound();
    if (!COMMITTEE_TYPES.includes(org.type))
      throw badRequest(
        'orgId',
        'only a ward or commune committee sets a campaign',
        'Chỉ đảng ủy xã, phường mới đặt thời hạn nhận xét đảng viên nơi cư trú.',
      );
    return putCampaign(ctx.db, org.id, campaignOf(params.year, body), ctx.now());
  });
}
