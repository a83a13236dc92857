import type { ResidenceCampaign } from '../../src/domain/procedures/residence-rules';
import type { ResidenceCampaignView } from '../../src/api/residence-campaign-wire';
import type { Db, Trx } from './db';
import { nextRev } from './revisions';

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

/**
 * Sets (or moves) a committee's window for a year, with a new rev: every cache pulls the campaign
 * again (entity `residenceCampaign`), and with it the due date of the committee's forms.
 */
export async function putCampaign(
  db: Db,
  committeeOrgId: string,
  campaign: ResidenceCampaign,
  now: Date,
): Promise<StoredCampaign> {
  return db.transaction().execute(async (trx) => {
    const values = {
      opens_on: campaign.opensOn,
      due_on: campaign.dueOn,
      updated_at: now.toISOString(),
      rev: await nextRev(trx),
    };
    await trx
      .insertInto('residence_campaigns')
      .values({ committee_org_id: committeeOrgId, year: campaign.year, ...values })
      .onConflict((oc) => oc.columns(['committee_org_id', 'year']).doUpdateSet(values))
      .execute();
    return { committeeOrgId, ...campaign, updatedAt: values.updated_at };
  });
}

/** The pulled row's id: a committee has one campaign a year. */
export const campaignKey = (committeeOrgId: string, year: number) => `${committeeOrgId}/${year}`;

/**
 * Pull: the campaigns changed in the window, to every cache. A campaign is a committee's dates,
 * and the forms that need them reach workplace cells anywhere, so no scope narrows it.
 */
export async function campaignsAfter(
  trx: Trx,
  w: { afterRev: number; upTo: number | null; limit: number },
): Promise<{ id: string; rev: number; data: ResidenceCampaignView }[]> {
  let q = trx
    .selectFrom('residence_campaigns')
    .select(['committee_org_id', 'year', 'opens_on', 'due_on', 'updated_at', 'rev'])
    .where('rev', '>', w.afterRev);
  if (w.upTo !== null) q = q.where('rev', '<=', w.upTo);
  const rows = await q.orderBy('rev').limit(w.limit).execute();
  return rows.map((r) => ({
    id: campaignKey(r.committee_org_id, Number(r.year)),
    rev: Number(r.rev),
    data: {
      committeeOrgId: r.committee_org_id,
      year: Number(r.year),
      opensOn: r.opens_on,
      dueOn: r.due_on,
      updatedAt: r.updated_at,
    },
  }));
}

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
