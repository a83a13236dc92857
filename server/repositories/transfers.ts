import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { DossierMember, DossierWire } from '../../src/api/transfers';
import type { ServerEngine } from '../../src/db/server-db';
import type {
  TransferDossiersTable,
  TransferEventsTable,
} from '../../src/db/server-schema-transfers';
import type { OrgType } from '../../src/domain/org/org-types';
import { TransferDossier, type TransferEvent } from '../../src/domain/procedures/transfer-dossier';
import type { RouteOrg } from '../../src/domain/procedures/transfer-route';
import { pathIds, type Scope } from '../scope/scope';
import type { Db, Trx } from './db';
import { nextRev } from './revisions';
import { pathInSubtrees } from './scope-sql';

type DossierRow = Selectable<TransferDossiersTable>;
type EventRow = Selectable<TransferEventsTable>;

export interface StoredDossier {
  dossier: TransferDossier;
  currentOrgId: string;
  rev: number;
  updatedAt: string;
}

export function eventFromRow(row: EventRow): TransferEvent {
  return {
    type: row.type as TransferEvent['type'],
    orgId: row.org_id,
    actorId: row.actor_id,
    actorName: row.actor_name,
    at: row.at,
    reason: row.reason,
    nextOrgId: row.next_org_id,
    signedPdfSha256: row.signed_pdf_sha256,
  };
}

function storedFromRow(row: DossierRow): StoredDossier {
  return {
    dossier: TransferDossier.parse(JSON.parse(row.data)),
    currentOrgId: row.current_org_id,
    rev: Number(row.rev),
    updatedAt: row.updated_at,
  };
}

export const wireOf = (stored: StoredDossier, history: TransferEvent[]): DossierWire => ({
  ...stored.dossier,
  currentOrgId: stored.currentOrgId,
  updatedAt: stored.updatedAt,
  history,
});

/** A dossier by id; on PostgreSQL `forUpdate` locks it until the transaction ends. */
export async function findDossier(
  db: Db,
  id: string,
  opts: { forUpdate?: ServerEngine } = {},
): Promise<StoredDossier | null> {
  let q = db
    .selectFrom('transfer_dossiers')
    .selectAll()
    .where('id', '=', id)
    .where('deleted', '=', 0);
  // SQLite serializes write transactions already; PostgreSQL needs the row lock.
  if (opts.forUpdate === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? storedFromRow(row) : null;
}

export async function historyOf(db: Db, dossierId: string): Promise<TransferEvent[]> {
  const rows = await db
    .selectFrom('transfer_events')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('seq')
    .execute();
  return rows.map(eventFromRow);
}

/** Histories of many dossiers, each in order. */
export async function historiesOf(
  db: Db,
  dossierIds: string[],
): Promise<Map<string, TransferEvent[]>> {
  const out = new Map<string, TransferEvent[]>(dossierIds.map((id) => [id, []]));
  if (dossierIds.length === 0) return out;
  const rows = await db
    .selectFrom('transfer_events')
    .selectAll()
    .where('dossier_id', 'in', dossierIds)
    .orderBy('dossier_id')
    .orderBy('seq')
    .execute();
  for (const row of rows) out.get(row.dossier_id)?.push(eventFromRow(row));
  return out;
}

/** Names of the given orgs (deleted ones too: a route keeps the orgs it visited), by id. */
export async function orgNamesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  const out = new Map<string, string>();
  // Chunks keep the bound parameters well under SQLite's and PostgreSQL's limits.
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = await db
      .selectFrom('orgs')
      .select(['id', 'name'])
      .where('id', 'in', wanted.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

/** The members of dossiers as their route's orgs see them (pull sends it along), by id. */
export async function dossierMembersOf(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, DossierMember>> {
  const wanted = [...new Set(ids)];
  const out = new Map<string, DossierMember>();
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = await db
      .selectFrom('members')
      .select(['id', 'full_name', 'birth_date', 'citizen_id', 'card_no', 'profile_no'])
      .select(['joined_on', 'official_on'])
      .where('id', 'in', wanted.slice(i, i + 1000))
      .execute();
    for (const r of rows)
      out.set(r.id, {
        fullName: r.full_name,
        birthDate: r.birth_date,
        citizenId: r.citizen_id,
        cardNo: r.card_no,
        profileNo: r.profile_no,
        joinedOn: r.joined_on,
        officialOn: r.official_on,
      });
  }
  return out;
}

/** The first event that moved the dossier past `rev`: who acted first, for a conflict's message. */
export async function firstEventAfter(
  db: Db,
  dossierId: string,
  rev: number,
): Promise<(TransferEvent & { orgName: string | null }) | null> {
  const row = await db
    .selectFrom('transfer_events as e')
    .leftJoin('orgs as o', 'o.id', 'e.org_id')
    .selectAll('e')
    .select('o.name as org_name')
    .where('e.dossier_id', '=', dossierId)
    .where('e.rev', '>', rev)
    .orderBy('e.seq')
    .executeTakeFirst();
  return row ? { ...eventFromRow(row), orgName: row.org_name } : null;
}

/**
 * The tree paths (root first, with types) of the given orgs, for the route rules. Unknown or
 * deleted orgs are absent from the map.
 */
export async function loadOrgPaths(db: Db, ids: string[]): Promise<Map<string, RouteOrg[]>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const targets = await db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('id', 'in', wanted)
    .where('deleted', '=', 0)
    .execute();
  const all = [...new Set(targets.flatMap((t) => pathIds(t.path)))];
  const types = new Map(
    (await db.selectFrom('orgs').select(['id', 'type']).where('id', 'in', all).execute()).map(
      (o) => [o.id, o.type as OrgType],
    ),
  );
  return new Map(
    targets.map((t) => [t.id, pathIds(t.path).map((id) => ({ id, type: types.get(id)! }))]),
  );
}

/** The materialized path string of a RouteOrg path. */
export const pathString = (path: readonly RouteOrg[]) => `/${path.map((o) => o.id).join('/')}/`;

async function writeEvents(
  trx: Trx,
  dossierId: string,
  rev: number,
  events: TransferEvent[],
  mutationId: string | null,
): Promise<void> {
  if (events.length === 0) return;
  const last = await trx
    .selectFrom('transfer_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('dossier_id', '=', dossierId)
    .executeTakeFirst();
  const start = Number(last?.seq ?? 0) + 1;
  await trx
    .insertInto('transfer_events')
    .values(
      events.map((e, i) => ({
        id: randomUUID(),
        dossier_id: dossierId,
        rev,
        seq: start + i,
        type: e.type,
        org_id: e.orgId,
        actor_id: e.actorId,
        actor_name: e.actorName,
        at: e.at,
        reason: e.reason,
        next_org_id: e.nextOrgId,
        signed_pdf_sha256: e.signedPdfSha256,
        mutation_id: mutationId,
      })),
    )
    .execute();
}

async function writeRouteOrgs(trx: Trx, dossier: TransferDossier, replace: boolean) {
  if (replace)
    await trx.deleteFrom('transfer_route_orgs').where('dossier_id', '=', dossier.id).execute();
  await trx
    .insertInto('transfer_route_orgs')
    .values(dossier.route.orgIds.map((org_id) => ({ dossier_id: dossier.id, org_id })))
    .execute();
}

const columnsOf = (d: TransferDossier) => ({
  variant: d.variant,
  member_id: d.memberId,
  from_org_id: d.fromOrgId,
  current_org_id: d.route.orgIds[d.position]!,
  status: d.status,
  data: JSON.stringify(d),
  submitted_at: d.submittedAt,
  present_by: d.presentBy,
});

export async function insertDossier(
  trx: Trx,
  dossier: TransferDossier,
  events: TransferEvent[],
  now: Date,
): Promise<number> {
  const rev = await nextRev(trx);
  await trx
    .insertInto('transfer_dossiers')
    .values({ id: dossier.id, ...columnsOf(dossier), rev, updated_at: now.toISOString() })
    .execute();
  await writeRouteOrgs(trx, dossier, false);
  await writeEvents(trx, dossier.id, rev, events, null);
  return rev;
}

/** Writes the machine's new state and its events; returns the dossier's new rev. */
export async function saveDossier(
  trx: Trx,
  before: TransferDossier,
  after: TransferDossier,
  events: TransferEvent[],
  now: Date,
  mutationId: string | null,
): Promise<number> {
  const rev = await nextRev(trx);
  await trx
    .updateTable('transfer_dossiers')
    .set({ ...columnsOf(after), rev, updated_at: now.toISOString() })
    .where('id', '=', after.id)
    .execute();
  // A re-planned route keeps the orgs already visited, so those keep seeing the dossier.
  const added = after.route.orgIds.filter((id) => !before.route.orgIds.includes(id));
  if (added.length > 0)
    await trx
      .insertInto('transfer_route_orgs')
      .values(added.map((org_id) => ({ dossier_id: after.id, org_id })))
      .execute();
  await writeEvents(trx, after.id, rev, events, mutationId);
  return rev;
}

/** A member's own dossiers, newest first. */
export async function dossiersOfMember(db: Db, memberId: string): Promise<StoredDossier[]> {
  const rows = await db
    .selectFrom('transfer_dossiers')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('deleted', '=', 0)
    .orderBy('submitted_at', 'desc')
    .execute();
  return rows.map(storedFromRow);
}

/** Whether the dossier's route touches the scope's subtrees. */
export async function dossierTouchesScope(db: Db, scope: Scope, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('transfer_route_orgs as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select('r.org_id')
    .where('r.dossier_id', '=', id)
    .where(pathInSubtrees(sql.ref('o.path'), scope.subtreePaths))
    .executeTakeFirst();
  return row !== undefined;
}

/** Records where a completed temporary transfer put the member, until when. */
export async function insertTemporaryMembership(
  trx: Trx,
  input: { memberId: string; orgId: string; dossierId: string; startOn: string; endOn: string },
  now: Date,
): Promise<void> {
  await trx
    .insertInto('temporary_memberships')
    .values({
      id: randomUUID(),
      member_id: input.memberId,
      org_id: input.orgId,
      dossier_id: input.dossierId,
      start_on: input.startOn,
      end_on: input.endOn,
      created_at: now.toISOString(),
    })
    .execute();
}

export async function temporaryMembershipsOf(db: Db, memberId: string) {
  return db
    .selectFrom('temporary_memberships')
    .select(['org_id', 'dossier_id', 'start_on', 'end_on'])
    .where('member_id', '=', memberId)
    .execute();
}

/** Pull: dossiers whose route touches the scope, rev in the window, lowest `limit` first. */
export async function dossierChangesInScope(
  trx: Trx,
  scope: Scope,
  w: { afterRev: number; upTo: number | null; limit: number },
): Promise<{ stored: StoredDossier; history: TransferEvent[] }[]> {
  let q = trx
    .selectFrom('transfer_dossiers as d')
    .selectAll('d')
    .where('d.rev', '>', w.afterRev)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('transfer_route_orgs as r')
            .innerJoin('orgs as o', 'o.id', 'r.org_id')
            .select(sql`1`.as('one'))
            .whereRef('r.dossier_id', '=', 'd.id')
            .where(pathInSubtrees(sql.ref('o.path'), scope.subtreePaths)),
        ),
        // The caller's own dossiers, wherever their route goes (the member's self-scope).
        ...(scope.memberId === null ? [] : [eb('d.member_id', '=', scope.memberId)]),
      ]),
    );
  if (w.upTo !== null) q = q.where('d.rev', '<=', w.upTo);
  const rows = await q.orderBy('d.rev').limit(w.limit).execute();
  const histories = await historiesOf(
    trx,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ stored: storedFromRow(row), history: histories.get(row.id) ?? [] }));
}
