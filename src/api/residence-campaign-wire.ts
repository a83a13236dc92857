import { z } from 'zod';
import { Id, IsoDate } from '../domain/common/schemas';

/**
 * A committee's residence campaign as the campaign routes answer it and pull carries it (entity
 * `residenceCampaign`). Apart from the routes (residence-campaigns.ts) so that the pull's schema
 * does not import the route table.
 */
export const ResidenceCampaignView = z.object({
  committeeOrgId: Id,
  year: z.number().int(),
  opensOn: IsoDate,
  dueOn: IsoDate,
  updatedAt: z.string(),
});
export type ResidenceCampaignView = z.infer<typeof ResidenceCampaignView>;
