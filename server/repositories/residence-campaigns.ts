import type { ResidenceCampaign } from '../../src/domain/procedures/residence-rules';
import type { Db, Trx } from './db';
import { reserveRevs } from './revisions';

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
 * Sets (or moves) a committee's window for a year. A moved due date travels with each form
 * (pull adds it), so the committee's forms still under way get new revs: every cache holding
 * them pulls them again, with the new date, in the same transaction as the move.
 */
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
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('residence_campaigns')
      .select('due_on')
      .where('committee_org_id', '=', committeeOrgId)
      .where('year', '=', campaign.year)
      .executeTakeFirst();
    await trx
      .insertInto('residence_campaigns')
      .values({ committee_org_id: committeeOrgId, year: campaign.year, ...values })
      .onConflict((oc) => oc.columns(['committee_org_id', 'year']).doUpdateSet(values))
      .execute();
    if (before?.due_on !== campaign.dueOn) await resendOpenForms(trx, committeeOrgId, now);
  });
  return { committeeOrgId, ...campaign, updatedAt: values.updated_at };
}

/** New revs for the committee's forms not yet sent (those of other years too: few, harmless). */
async function resendOpenForms(trx: Trx, committeeOrgId: string, now: Date): Promise<void> {
  const open = await trx
    .selectFrom('residence_forms')
    .select('id')
    .where('committee_org_id', '=', committeeOrgId)
    .where('status', '!=', 'sent')
    .where('deleted', '=', 0)
    .orderBy('id')
    .execute();
  if (open.length === 0) return;
  // One rev per row: pull pages by rev, and a page may end between two rows.
  const first = await reserveRevs(trx, open.length);
  for (const [i, { id }] of open.entries())
    await trx
      .updateTable('residence_forms')
      .set({ rev: first + i, updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
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
