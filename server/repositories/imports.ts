import { randomUUID } from 'node:crypto';
import type {
  ExistingMember,
  ExistingOrg,
  ImportPlan,
  ImportWorld,
} from '../../src/domain/import/import-plan';
import type { ParsedFile } from '../../src/domain/import/import-rows';
import type { Member } from '../../src/domain/people/member';
import type { CellSubtype, OrgType } from '../../src/domain/org/org-types';
import { foldForSearch } from '../../src/domain/text/fold';
import type { Db, Trx } from './db';
import { insertMember, memberColumns, moveMember } from './members';
import { moveOrg } from './org-moves';
import { insertOrg } from './orgs';
import { nextRev } from './revisions';

/** Bound parameters per `in (…)` list: well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

async function inChunks<T, R>(items: T[], query: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK)
    out.push(...(await query(items.slice(i, i + CHUNK))));
  return out;
}

const unique = <T>(items: Iterable<T>) => [...new Set(items)];

type OrgRowLite = {
  id: string;
  code: string;
  name: string;
  type: string;
  cell_subtype: string | null;
  parent_id: string | null;
  path: string;
};

function existingOrg(row: OrgRowLite, childTypes: OrgType[]): ExistingOrg {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type as OrgType,
    cellSubtype: row.cell_subtype as CellSubtype | null,
    parentId: row.parent_id,
    path: row.path,
    childTypes,
  };
}

const orgColumns = ['id', 'code', 'name', 'type', 'cell_subtype', 'parent_id', 'path'] as const;

/**
 * What the database holds of everything the file names (docs/decisions/0040): the orgs by code,
 * the parents' and home cells' codes, the members by CCCD and the holders of its card numbers.
 * Read with the transaction's connection when applying, so the plan is checked again there.
 */
export async function loadImportWorld(
  db: Db | Trx,
  rootId: string | null,
  parsed: ParsedFile,
): Promise<ImportWorld> {
  const rootRow = rootId
    ? await db
        .selectFrom('orgs')
        .select(orgColumns)
        .where('id', '=', rootId)
        .where('deleted', '=', 0)
        .executeTakeFirst()
    : undefined;
  if (rootId && !rootRow) throw new Error(`import root org ${rootId} not found`);

  const codes = unique([
    ...parsed.orgs.flatMap((o) => (o.parentCode ? [o.code, o.parentCode] : [o.code])),
    ...parsed.members.map((m) => m.cellCode),
  ]);
  const orgRows = await inChunks(codes, (chunk) =>
    db
      .selectFrom('orgs')
      .select(orgColumns)
      .where('code', 'in', chunk)
      .where('deleted', '=', 0)
      .execute(),
  );
  const citizenIds = unique(parsed.members.map((m) => m.citizenId));
  const memberRows = await inChunks(citizenIds, (chunk) =>
    db
      .selectFrom('members as m')
      .innerJoin('orgs as h', 'h.id', 'm.home_org_id')
      .selectAll('m')
      .select('h.path as home_path')
      .where('m.citizen_id', 'in', chunk)
      .where('m.deleted', '=', 0)
      .execute(),
  );
  const cardNos = unique(parsed.members.flatMap((m) => (m.cardNo ? [m.cardNo] : [])));
  const holders = await inChunks(cardNos, (chunk) =>
    db
      .selectFrom('members')
      .select(['card_no', 'citizen_id'])
      .where('card_no', 'in', chunk)
      .where('deleted', '=', 0)
      .execute(),
  );

  const known = [...orgRows, ...(rootRow ? [rootRow] : [])];
  const childRows = await inChunks(
    known.map((o) => o.id),
    (chunk) =>
      db
        .selectFrom('orgs')
        .select(['parent_id', 'type'])
        .where('parent_id', 'in', chunk)
        .where('deleted', '=', 0)
        .execute(),
  );
  const childTypes = (id: string) =>
    childRows.filter((c) => c.parent_id === id).map((c) => c.type as OrgType);

  // Codes of the orgs the plan compares against: current parents and home cells.
  const referenced = unique([
    ...known.flatMap((o) => (o.parent_id ? [o.parent_id] : [])),
    ...memberRows.map((m) => m.home_org_id),
  ]);
  const codeRows = await inChunks(referenced, (chunk) =>
    db.selectFrom('orgs').select(['id', 'code']).where('id', 'in', chunk).execute(),
  );

  return {
    root: rootRow ? existingOrg(rootRow, childTypes(rootRow.id)) : null,
    orgsByCode: new Map(orgRows.map((o) => [o.code, existingOrg(o, childTypes(o.id))])),
    codeById: new Map([...codeRows, ...known].map((o) => [o.id, o.code])),
    membersByCitizenId: new Map(
      memberRows.map((m): [string, ExistingMember] => [
        m.citizen_id,
        {
          id: m.id,
          fullName: m.full_name,
          birthDate: m.birth_date,
          sex: m.sex as ExistingMember['sex'],
          citizenId: m.citizen_id,
          cardNo: m.card_no,
          profileNo: m.profile_no,
          joinedOn: m.joined_on,
          officialOn: m.official_on,
          homeOrgId: m.home_org_id,
          homeOrgPath: m.home_path,
        },
      ]),
    ),
    citizenIdByCardNo: new Map(holders.map((h) => [h.card_no!, h.citizen_id])),
  };
}

/**
 * Writes a plan without problems: new and moved orgs parents first, then the members. Every row
 * written takes a rev (and a move its sync exits), so the caches pull the import.
 */
export async function writeImportPlan(
  trx: Trx,
  plan: ImportPlan,
  world: ImportWorld,
  now: Date,
): Promise<void> {
  const idByCode = new Map([...world.orgsByCode.values()].map((o) => [o.code, o.id]));
  if (world.root) idByCode.set(world.root.code, world.root.id);
  const idOf = (code: string) => {
    const id = idByCode.get(code);
    if (!id) throw new Error(`import: org ${code} was neither loaded nor written`);
    return id;
  };
  const updatedAt = now.toISOString();

  for (const write of plan.orgWrites) {
    const { row, existing } = write;
    const parentId = write.parentCode === null ? null : idOf(write.parentCode);
    if (!existing) {
      const id = randomUUID();
      await insertOrg(
        trx,
        {
          id,
          code: row.code,
          name: row.name,
          parentId,
          type: row.type,
          cellSubtype: row.cellSubtype,
          taxCode: null,
          email: null,
          phone: null,
          website: null,
          province: null,
          ward: null,
          addressDetail: null,
          description: null,
          allocationDirection: 'top_down',
          hasSeal: false,
          status: 'active',
        },
        now,
      );
      idByCode.set(row.code, id);
      continue;
    }
    if (write.moves && parentId !== null) await moveOrg(trx, existing.id, parentId, now);
    await trx
      .updateTable('orgs')
      .set({
        name: row.name,
        name_folded: foldForSearch(row.name),
        type: row.type,
        cell_subtype: row.cellSubtype,
        rev: await nextRev(trx),
        updated_at: updatedAt,
      })
      .where('id', '=', existing.id)
      .execute();
  }

  for (const write of plan.memberWrites) {
    const { row, existing } = write;
    const homeOrgId = idOf(write.cellCode);
    const fields = {
      fullName: row.fullName,
      birthDate: row.birthDate,
      sex: row.sex,
      citizenId: row.citizenId,
      cardNo: row.cardNo,
      profileNo: row.profileNo,
      joinedOn: row.joinedOn,
      officialOn: row.officialOn,
    };
    if (!existing) {
      const member: Member = {
        id: randomUUID(),
        ...fields,
        homeOrgId,
        residenceOrgId: null,
        phone: null,
        email: null,
        positions: [],
        status: 'active',
      };
      await insertMember(trx, member, now);
      continue;
    }
    // A move first: it records the exit for the caches of the old cell.
    await moveMember(trx, existing.id, { homeOrgId }, now);
    const current = await trx
      .selectFrom('members')
      .selectAll()
      .where('id', '=', existing.id)
      .executeTakeFirstOrThrow();
    const { full_name, name_folded, sort_key, birth_date, sex, card_no, profile_no } =
      memberColumns({
        ...fields,
        id: existing.id,
        homeOrgId,
        residenceOrgId: current.residence_org_id,
        phone: current.phone,
        email: current.email,
        positions: [],
        status: 'active',
      });
    await trx
      .updateTable('members')
      .set({
        full_name,
        name_folded,
        sort_key,
        birth_date,
        sex,
        card_no,
        profile_no,
        joined_on: row.joinedOn,
        official_on: row.officialOn,
        rev: await nextRev(trx),
        updated_at: updatedAt,
      })
      .where('id', '=', existing.id)
      .execute();
  }
}

export interface ImportAuditEntry {
  orgId: string | null;
  importedBy: string | null;
  source: 'api' | 'cli';
  fileSha256: string;
  fileNames: string[];
  plan: ImportPlan;
}

/** The audit entry of an applied import, in its transaction. */
export async function insertImportAudit(
  trx: Trx,
  entry: ImportAuditEntry,
  now: Date,
): Promise<string> {
  const id = randomUUID();
  const { orgs, members } = entry.plan.summary;
  await trx
    .insertInto('import_audit')
    .values({
      id,
      org_id: entry.orgId,
      imported_by: entry.importedBy,
      source: entry.source,
      imported_at: now.toISOString(),
      file_sha256: entry.fileSha256,
      file_names: JSON.stringify(entry.fileNames),
      orgs_added: orgs.add,
      orgs_updated: orgs.update,
      members_added: members.add,
      members_updated: members.update,
      unchanged: orgs.unchanged + members.unchanged,
    })
    .execute();
  return id;
}

/** A live org by its code (the command line's `--under`), or null. */
export async function findOrgIdByCode(db: Db, code: string): Promise<string | null> {
  const row = await db
    .selectFrom('orgs')
    .select('id')
    .where('code', '=', code)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row?.id ?? null;
}
