import { randomUUID } from 'node:crypto';
import { sql, type SqlBool } from 'kysely';
import type { ServerEngine } from '../../src/db/server-db';
import { isCell } from '../../src/domain/org/org-types';
import { ResidenceForm } from '../../src/domain/procedures/residence-form';
import { ResidenceRequest } from '../../src/domain/procedures/residence-request';
import type { RouteOrg } from '../../src/domain/procedures/transfer-route';
import type { Scope } from '../scope/scope';
import type { Db, Trx } from './db';
import { nextRev, reserveRevs } from './revisions';
import { pathInSubtrees } from './scope-sql';

/** A list or a form as stored: the domain's state, its rev and its last change. */
export interface Stored<T> {
  value: T;
  rev: number;
  updatedAt: string;
}

/** One line of the trail of a list or form. */
export interface ResidenceEvent {
  type: string;
  actorId: string;
  actorName: string;
  at: string;
  reason: string | null;
  signedPdfSha256: string | null;
}

/** A list or form by id; on PostgreSQL `forUpdate` locks it until the transaction ends. */
async function findStored<T>(
  db: Db,
  table: 'residence_requests' | 'residence_forms',
  parse: (data: unknown) => T,
  id: string,
  opts: { forUpdate?: ServerEngine },
): Promise<Stored<T> | null> {
  let q = db
    .selectFrom(table)
    .select(['data', 'rev', 'updated_at'])
    .where('id', '=', id)
    .where('deleted', '=', 0);
  // SQLite serializes write transactions already; PostgreSQL needs the row lock.
  if (opts.forUpdate === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row
    ? { value: parse(JSON.parse(row.data)), rev: Number(row.rev), updatedAt: row.updated_at }
    : null;
}

export const findRequest = (db: Db, id: string, opts: { forUpdate?: ServerEngine } = {}) =>
  findStored(db, 'residence_requests', (d) => ResidenceRequest.parse(d), id, opts);

export const findForm = (db: Db, id: string, opts: { forUpdate?: ServerEngine } = {}) =>
  findStored(db, 'residence_forms', (d) => ResidenceForm.parse(d), id, opts);

const requestColumns = (r: ResidenceRequest) => ({
  workplace_org_id: r.workplaceOrgId,
  campaign_year: r.campaignYear,
  status: r.status,
  data: JSON.stringify(r),
});

const formColumns = (f: ResidenceForm) => ({
  request_id: f.requestId,
  member_id: f.memberId,
  workplace_org_id: f.workplaceOrgId,
  residence_org_id: f.residenceOrgId,
  committee_org_id: f.committeeOrgId,
  status: f.status,
  data: JSON.stringify(f),
});

async function writeEvent(
  trx: Trx,
  entity: 'request' | 'form',
  entityId: string,
  rev: number,
  e: ResidenceEvent,
  mutationId: string | null,
): Promise<void> {
  await trx
    .insertInto('residence_events')
    .values({
      id: randomUUID(),
      entity,
      entity_id: entityId,
      rev,
      type: e.type,
      actor_id: e.actorId,
      actor_name: e.actorName,
      at: e.at,
      reason: e.reason,
      signed_pdf_sha256: e.signedPdfSha256,
      mutation_id: mutationId,
    })
    .execute();
}

/** Stores a new list with its first event; returns its rev. */
export async function insertRequest(
  trx: Trx,
  request: ResidenceRequest,
  createdBy: string,
  event: ResidenceEvent,
  now: Date,
  mutationId: string,
): Promise<number> {
  const rev = await nextRev(trx);
  await trx
    .insertInto('residence_requests')
    .values({
      id: request.id,
      ...requestColumns(request),
      created_by: createdBy,
      rev,
      updated_at: now.toISOString(),
    })
    .execute();
  await writeEvent(trx, 'request', request.id, rev, event, mutationId);
  return rev;
}

export async function saveRequest(
  trx: Trx,
  request: ResidenceRequest,
  event: ResidenceEvent,
  now: Date,
  mutationId: string,
): Promise<number> {
  const rev = await nextRev(trx);
  await trx
    .updateTable('residence_requests')
    .set({ ...requestColumns(request), rev, updated_at: now.toISOString() })
    .where('id', '=', request.id)
    .execute();
  await writeEvent(trx, 'request', request.id, rev, event, mutationId);
  return rev;
}

/** The forms a sent list asks for, one rev each, in one go. */
export async function insertForms(trx: Trx, forms: readonly ResidenceForm[], now: Date) {
  if (forms.length === 0) return;
  const first = await reserveRevs(trx, forms.length);
  await trx
    .insertInto('residence_forms')
    .values(
      forms.map((f, i) => ({
        id: f.id,
        ...formColumns(f),
        rev: first + i,
        updated_at: now.toISOString(),
      })),
    )
    .execute();
}

export async function saveForm(
  trx: Trx,
  form: ResidenceForm,
  event: ResidenceEvent,
  now: Date,
  mutationId: string,
): Promise<number> {
  const rev = await nextRev(trx);
  await trx
    .updateTable('residence_forms')
    .set({ ...formColumns(form), rev, updated_at: now.toISOString() })
    .where('id', '=', form.id)
    .execute();
  await writeEvent(trx, 'form', form.id, rev, event, mutationId);
  return rev;
}

/** The first event after `rev`: who moved the list or form on since the user saw it. */
export async function firstResidenceEventAfter(
  db: Db,
  entityId: string,
  rev: number,
): Promise<ResidenceEvent | null> {
  const row = await db
    .selectFrom('residence_events')
    .select(['type', 'actor_id', 'actor_name', 'at', 'reason', 'signed_pdf_sha256'])
    .where('entity_id', '=', entityId)
    .where('rev', '>', rev)
    .orderBy('rev')
    .executeTakeFirst();
  return row
    ? {
        type: row.type,
        actorId: row.actor_id,
        actorName: row.actor_name,
        at: row.at,
        reason: row.reason,
        signedPdfSha256: row.signed_pdf_sha256,
      }
    : null;
}

export async function residenceTrail(db: Db, entityId: string): Promise<ResidenceEvent[]> {
  const rows = await db
    .selectFrom('residence_events')
    .select(['type', 'actor_id', 'actor_name', 'at', 'reason', 'signed_pdf_sha256'])
    .where('entity_id', '=', entityId)
    .orderBy('rev')
    .execute();
  return rows.map((row) => ({
    type: row.type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    at: row.at,
    reason: row.reason,
    signedPdfSha256: row.signed_pdf_sha256,
  }));
}

/** The forms of a list, in member order of the list. */
export async function formsOfRequest(db: Db, requestId: string): Promise<ResidenceForm[]> {
  const rows = await db
    .selectFrom('residence_forms')
    .select('data')
    .where('request_id', '=', requestId)
    .where('deleted', '=', 0)
    .execute();
  return rows.map((r) => ResidenceForm.parse(JSON.parse(r.data)));
}

/** Whether one of the paths lies in the scope's subtrees. */
export const pathsInScope = (scope: Scope, paths: readonly string[]) =>
  paths.some((p) => scope.subtreePaths.some((root) => p.startsWith(root)));

/**
 * The ward or commune committee that approves a residence cell's forms: the nearest committee
 * above the cell (since the 2025 reform ward and commune committees are "superior" committees;
 * a grassroots committee counts too where one still holds residential cells).
 */
export function committeeAbove(path: readonly RouteOrg[]): RouteOrg | null {
  for (let i = path.length - 2; i >= 0; i--) {
    const org = path[i]!;
    if (org.type === 'superior_committee' || org.type === 'grassroots_committee') return org;
  }
  return null;
}

/** A residence org must be a cell: comments are written by a cell. */
export const isResidenceCell = (path: readonly RouteOrg[] | undefined) =>
  path !== undefined && path.length > 0 && isCell(path[path.length - 1]!.type);

type Window = { afterRev: number; upTo: number | null; limit: number };

/**
 * Lists whose workplace lies in the scope, in rev order after the window's start: what pull sends
 * of lists (the residence side sees the forms, not the workplace's list).
 */
export async function requestRowsInScope(trx: Trx, scope: Scope, w: Window) {
  let q = trx
    .selectFrom('residence_requests as r')
    .innerJoin('orgs as o', 'o.id', 'r.workplace_org_id')
    .select(['r.data', 'r.rev', 'r.updated_at'])
    .where('r.rev', '>', w.afterRev)
    .where(pathInSubtrees(sql.ref('o.path'), scope.subtreePaths));
  if (w.upTo !== null) q = q.where('r.rev', '<=', w.upTo);
  const rows = await q.orderBy('r.rev').limit(w.limit).execute();
  return rows.map((row) => ({
    value: ResidenceRequest.parse(JSON.parse(row.data)),
    rev: Number(row.rev),
    updatedAt: row.updated_at,
  }));
}

/** Forms whose workplace, residence cell or committee lies in the scope, and the member's own. */
export async function formRowsInScope(trx: Trx, scope: Scope, w: Window) {
  const orgIn = (column: 'workplace_org_id' | 'residence_org_id' | 'committee_org_id') =>
    sql<SqlBool>`exists (select 1 from orgs o where o.id = f.${sql.raw(column)} and ${pathInSubtrees(sql.ref('o.path'), scope.subtreePaths)})`;
  let q = trx
    .selectFrom('residence_forms as f')
    .select(['f.data', 'f.rev', 'f.updated_at'])
    .where('f.rev', '>', w.afterRev)
    .where((eb) =>
      eb.or([
        orgIn('workplace_org_id'),
        orgIn('residence_org_id'),
        orgIn('committee_org_id'),
        ...(scope.memberId === null ? [] : [eb('f.member_id', '=', scope.memberId)]),
      ]),
    );
  if (w.upTo !== null) q = q.where('f.rev', '<=', w.upTo);
  const rows = await q.orderBy('f.rev').limit(w.limit).execute();
  return rows.map((row) => ({
    value: ResidenceForm.parse(JSON.parse(row.data)),
    rev: Number(row.rev),
    updatedAt: row.updated_at,
  }));
}

/** The trails of many lists or forms at once, each in rev order. */
export async function residenceTrails(db: Db, ids: readonly string[]) {
  const out = new Map<string, ResidenceEvent[]>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom('residence_events')
      .select(['entity_id', 'type', 'actor_id', 'actor_name', 'at', 'reason', 'signed_pdf_sha256'])
      .where('entity_id', 'in', ids.slice(i, i + 1000))
      .orderBy('rev')
      .execute();
    for (const row of rows)
      out.set(row.entity_id, [
        ...(out.get(row.entity_id) ?? []),
        {
          type: row.type,
          actorId: row.actor_id,
          actorName: row.actor_name,
          at: row.at,
          reason: row.reason,
          signedPdfSha256: row.signed_pdf_sha256,
        },
      ]);
  }
  return out;
}
