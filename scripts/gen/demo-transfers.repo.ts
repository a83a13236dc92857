import type { Db } from '../../server/repositories/db';
import { subtreeUpperBound } from '../../server/scope/scope';

/** An org of the demo ward (or the province office) as the demo scenarios name it. */
export interface DemoOrgRow {
  id: string;
  code: string;
  name: string;
  type: string;
  parentId: string | null;
  status: string;
}

/**
 * The orgs the demo transfers use: the demo ward's subtree, the province committee above it and
 * the province's own cells (the office cell sends a dossier into the ward).
 */
export async function demoWardOrgs(
  db: Db,
  wardName: string,
): Promise<{ wardId: string; orgs: DemoOrgRow[] } | null> {
  const ward = await db
    .selectFrom('orgs')
    .select(['id', 'path', 'parent_id'])
    .where('name', '=', wardName)
    .where('type', '=', 'superior_committee')
    .where('deleted', '=', 0)
    .orderBy('code')
    .executeTakeFirst();
  if (!ward) return null;
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'type', 'parent_id', 'status'])
    .where('deleted', '=', 0)
    .where((eb) =>
      eb.or([
        eb.and([eb('path', '>=', ward.path), eb('path', '<', subtreeUpperBound(ward.path))]),
        ...(ward.parent_id
          ? [eb('id', '=', ward.parent_id), eb('parent_id', '=', ward.parent_id)]
          : []),
      ]),
    )
    .orderBy('code')
    .execute();
  return {
    wardId: ward.id,
    orgs: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      type: r.type,
      parentId: r.parent_id,
      status: r.status,
    })),
  };
}

/** A member with no position and no account: the kind who asks for a transfer. */
export interface OrdinaryMember {
  id: string;
  fullName: string;
  birthDate: string;
  citizenId: string;
  phone: string;
  email: string | null;
}

/** Active members of a cell without positions, accounts or dossiers, with a phone, by name. */
export async function ordinaryMembersOf(db: Db, cellId: string): Promise<OrdinaryMember[]> {
  const rows = await db
    .selectFrom('members as m')
    .select(['m.id', 'm.full_name', 'm.birth_date', 'm.citizen_id', 'm.phone', 'm.email'])
    .where('m.home_org_id', '=', cellId)
    .where('m.deleted', '=', 0)
    .where('m.status', '=', 'active')
    .where('m.positions', '=', '[]')
    .where('m.phone', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.member_id', '=', 'm.id')),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('transfer_dossiers as d')
            .select('d.id')
            .whereRef('d.member_id', '=', 'm.id'),
        ),
      ),
    )
    .orderBy('m.sort_key')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fullName: r.full_name,
    birthDate: r.birth_date,
    citizenId: r.citizen_id,
    phone: r.phone!,
    email: r.email,
  }));
}

/** Active accounts holding `role` exactly at `orgId`, by username. */
export async function staffWithRoleAt(
  db: Db,
  orgId: string,
  role: string,
): Promise<{ id: string; username: string }[]> {
  return db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.username'])
    .where('r.org_id', '=', orgId)
    .where('r.role', '=', role)
    .where('r.deleted', '=', 0)
    .where('u.deleted', '=', 0)
    .where('u.status', '=', 'active')
    .orderBy('u.username')
    .execute();
}

/** Whether the database already holds transfer dossiers (the demo seeds them once). */
export async function holdsDossiers(db: Db): Promise<boolean> {
  const row = await db.selectFrom('transfer_dossiers').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
