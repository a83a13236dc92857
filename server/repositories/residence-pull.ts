import type { PullChange } from '../../src/api/sync';
import type { ResidenceEventWire } from '../../src/api/residence';
import type { Scope } from '../scope/scope';
import type { Trx } from './db';
import {
  formRowsInScope,
  requestRowsInScope,
  residenceTrails,
  type ResidenceEvent,
} from './residence';
import { campaignKey, dueDatesOf } from './residence-campaigns';
import { orgNamesOf } from './transfers';

type Window = { afterRev: number; upTo: number | null; limit: number };

const eventWire = (e: ResidenceEvent): ResidenceEventWire => ({
  type: e.type,
  actorName: e.actorName,
  at: e.at,
  reason: e.reason,
  signedPdfSha256: e.signedPdfSha256,
});

/** Names by id, of those found. */
const pick = <T>(names: Map<string, T>, ids: readonly string[]) =>
  Object.fromEntries(ids.flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : [])));

interface MemberFacts {
  names: Map<string, string>;
  birthDates: Map<string, string | null>;
}

async function memberFactsOf(trx: Trx, ids: readonly string[]): Promise<MemberFacts> {
  const out: MemberFacts = { names: new Map(), birthDates: new Map() };
  const wanted = [...new Set(ids)];
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = await trx
      .selectFrom('members')
      .select(['id', 'full_name', 'birth_date'])
      .where('id', 'in', wanted.slice(i, i + 1000))
      .execute();
    for (const r of rows) {
      out.names.set(r.id, r.full_name);
      out.birthDates.set(r.id, r.birth_date);
    }
  }
  return out;
}

/**
 * Pull reader of residence comments: lists to their workplace's staff; forms to the workplace,
 * the residence cell, its committee and the member himself. Each with its trail and the names a
 * cache outside the member's own orgs lacks; a form with its committee's due date as it stood
 * when the form last changed (a moved date reaches forms with their next change). Kept, never
 * deleted: upserts only.
 */
export async function readResidenceChanges(
  trx: Trx,
  scope: Scope,
  w: Window,
): Promise<PullChange[]> {
  const requests = await requestRowsInScope(trx, scope, w);
  const forms = await formRowsInScope(trx, scope, w);
  if (requests.length === 0 && forms.length === 0) return [];
  const trails = await residenceTrails(trx, [
    ...requests.map((r) => r.value.id),
    ...forms.map((f) => f.value.id),
  ]);
  const orgIds = [
    ...requests.flatMap((r) => [
      r.value.workplaceOrgId,
      ...r.value.items.flatMap((i) => (i.residenceOrgId ? [i.residenceOrgId] : [])),
    ]),
    ...forms.flatMap((f) => [
      f.value.workplaceOrgId,
      f.value.residenceOrgId,
      f.value.committeeOrgId,
    ]),
  ];
  const memberIds = [
    ...requests.flatMap((r) => r.value.items.map((i) => i.memberId)),
    ...forms.map((f) => f.value.memberId),
  ];
  const orgNames = await orgNamesOf(trx, orgIds);
  const members = await memberFactsOf(trx, memberIds);
  const dueDates = await dueDatesOf(
    trx,
    forms.map((f) => f.value),
  );
  return [
    ...requests.map((r): PullChange => ({
      op: 'upsert',
      entity: 'residenceRequest',
      id: r.value.id,
      rev: r.rev,
      data: {
        ...r.value,
        updatedAt: r.updatedAt,
        history: (trails.get(r.value.id) ?? []).map(eventWire),
        orgNames: pick(orgNames, [
          r.value.workplaceOrgId,
          ...r.value.items.flatMap((i) => (i.residenceOrgId ? [i.residenceOrgId] : [])),
        ]),
        memberNames: pick(
          members.names,
          r.value.items.map((i) => i.memberId),
        ),
        memberBirthDates: pick(
          members.birthDates,
          r.value.items.map((i) => i.memberId),
        ),
      },
    })),
    ...forms.map((f): PullChange => ({
      op: 'upsert',
      entity: 'residenceForm',
      id: f.value.id,
      rev: f.rev,
      data: {
        ...f.value,
        updatedAt: f.updatedAt,
        history: (trails.get(f.value.id) ?? []).map(eventWire),
        orgNames: pick(orgNames, [
          f.value.workplaceOrgId,
          f.value.residenceOrgId,
          f.value.committeeOrgId,
        ]),
        memberNames: pick(members.names, [f.value.memberId]),
        memberBirthDates: pick(members.birthDates, [f.value.memberId]),
        dueOn: dueDates.get(campaignKey(f.value.committeeOrgId, f.value.campaignYear)) ?? null,
      },
    })),
  ];
}
