import type { ResidenceCampaign } from '../../src/domain/procedures/residence-rules';
import type { Db } from './db';

/** A committee's campaign as stored: the window it set for a year, and when. */
export interface StoredCampaign extends ResidenceCampaign {
  committeeOrgId: string;
  updatedAt: string;
}

/** The campaigns a committee set, by year (one year when given). */
export async function campaignsOf(
  db: Db,
  committeeOrgId: string,
  year?: number,
): Promise<StoredCampaign[]> {
  let q = db
    .selectFrom('residence_campaigns')
    .select(['committee_org_id', 'year', 'opens_on', 'due_on', 'updated_at'])
    .where('committee_org_id', '=', committeeOrgId);
  if (year !== undefined) q = q.where('year', '=', year);
  const rows = await q.orderBy('year').execute();
  return rows.map((r) => ({
    committeeOrgId: r.committee_org_id,
    year: Number(r.year),
    opensOn: r.opens_on,
    dueOn: r.due_on,
    updatedAt: r.updated_at,
  }));
}

/** Sets (or moves) a committee's window for a year. */
export async function putCampaign(
  db: Db,
  committeeOrgId: string,
  campaign: ResidenceCampaign,
  now: Date,
): Promise<StoredCampaign> {
  const values = {
    opens_on: campaign.opensOn,
    due_on: campaign.dueOn,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('residence_campaigns')
    .values({ committee_org_id: committeeOrgId, year: campaign.year, ...values })
    .onConflict((oc) => oc.columns(['committee_org_id', 'year']).doUpdateSet(values))
    .execute();
  return { committeeOrgId, ...campaign, updatedAt: values.updated_at };
}

export const campaignKey = (committeeOrgId: string, year: number) => `${committeeOrgId}/${year}`;

/** The due dates of the committees' campaigns, by campaignKey, of those set. */
export async function dueDatesOf(
  db: Db,
  of: readonly { committeeOrgId: string; campaignYear: number }[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const committees = [...new Set(of.map((f) => f.committeeOrgId))];
  const years = [...new Set(of.map((f) => f.campaignYear))];
  for (let i = 0; i < committees.length; i += 1000) {
    const rows = await db
      .selectFrom('residence_campaigns')
      .select(['committee_org_id', 'year', 'due_on'])
      .where('committee_org_id', 'in', committees.slice(i, i + 1000))
      .where('year', 'in', years)
      .execute();
    for (const r of rows) out.set(campaignKey(r.committee_org_id, Number(r.year)), r.due_on);
  }
  return out;
}
