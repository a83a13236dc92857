import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type {
  CellChoice,
  CellSearchQuery,
  RegistrationLookupRequest,
  RegistrationPrefill,
} from '../../src/api/accounts';
import {
  duplicateFailure,
  type AccountRequest,
  type DeclaredMember,
  type DuplicateHolder,
} from '../../src/domain/accounts/account-request';
import { isCell, type OrgType } from '../../src/domain/org/org-types';
import { User } from '../../src/domain/people/user';
import { searchTokens } from '../../src/domain/text/fold';
import { pathIds } from '../scope/scope';
import { HttpError } from '../errors';
import { insertAccountRequest } from './accounts';
import type { Db, Trx } from './db';
import { isUniqueViolation } from './fees-payments';
import { memberFromRow } from './members';
import { containsWord } from './scope-sql';
import { orgNamesOf } from './transfers';
import { insertUser, UsernameTakenError } from './users';

/** Statuses of an account that holds its numbers: a refused or deleted one lets them go. */
const HOLDING_STATUSES = ['active', 'inactive', 'pending'];

/**
 * The member database's record for the registration form: only when the citizen id and the card
 * or profile number are on the same record, so one known number tells nothing.
 */
export async function lookupRegistration(
  db: Db,
  q: RegistrationLookupRequest,
): Promise<RegistrationPrefill | null> {
  const row = await db
    .selectFrom('members')
    .selectAll()
    .where('citizen_id', '=', q.citizenId)
    .where('deleted', '=', 0)
    .where((eb) =>
      eb.or([
        ...(q.cardNo !== undefined ? [eb('card_no', '=', q.cardNo)] : []),
        ...(q.profileNo !== undefined ? [eb('profile_no', '=', q.profileNo)] : []),
      ]),
    )
    .executeTakeFirst();
  if (!row) return null;
  const m = memberFromRow(row);
  const names = await orgNamesOf(db, [
    m.homeOrgId,
    ...(m.residenceOrgId ? [m.residenceOrgId] : []),
  ]);
  return {
    memberId: m.id,
    fullName: m.fullName,
    birthDate: m.birthDate,
    sex: m.sex,
    citizenId: m.citizenId,
    cardNo: m.cardNo,
    profileNo: m.profileNo,
    homeOrgId: m.homeOrgId,
    residenceOrgId: m.residenceOrgId,
    phone: m.phone,
    email: m.email,
    homeOrgName: names.get(m.homeOrgId) ?? '',
    residenceOrgName: m.residenceOrgId ? (names.get(m.residenceOrgId) ?? null) : null,
  };
}

const CELL_TYPES: OrgType[] = ['grassroots_cell', 'affiliated_cell'];

/** Active cells whose folded name holds every word, with the names above them (the tree is public). */
export async function searchRegistrationCells(db: Db, q: CellSearchQuery): Promise<CellChoice[]> {
  const tokens = searchTokens(q.q);
  if (tokens.length === 0) return [];
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('deleted', '=', 0)
    .where('status', '=', 'active')
    .where('type', 'in', CELL_TYPES)
    .where((eb) => eb.and(tokens.map((word) => containsWord(sql.ref('name_folded'), word))))
    .orderBy('name_folded')
    .orderBy('id')
    .limit(q.limit)
    .execute();
  const names = await orgNamesOf(
    db,
    rows.flatMap((r) => pathIds(r.path).slice(0, -1)),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    parents: pathIds(r.path)
      .slice(0, -1)
      .map((id) => names.get(id) ?? ''),
  }));
}

/** The identifying numbers a duplicate is looked for by; null ones are not looked for. */
export type Numbers = { [K in 'citizenId' | 'cardNo' | 'profileNo']: string | null };

/** The columns to match and the numbers to match them with, the null ones left out. */
const numberTerms = (d: Numbers) =>
  (
    [
      ['citizen_id', d.citizenId],
      ['card_no', d.cardNo],
      ['profile_no', d.profileNo],
    ] as const
  ).filter((t): t is readonly [(typeof t)[0], string] => t[1] !== null);

/**
 * Who holds one of the declared numbers already: a live account (by its own citizen id, or by the
 * member record linked to it), or a pending registration. Null when nobody does.
 */
export async function duplicateHolderOf(
  db: Db,
  d: Numbers,
  /** The account asking, whose own numbers do not count (an info change). */
  exceptUserId: string | null = null,
): Promise<DuplicateHolder | null> {
  const orgName = async (orgId: string | null) =>
    orgId ? ((await orgNamesOf(db, [orgId])).get(orgId) ?? null) : null;
  const byUser =
    d.citizenId === null
      ? undefined
      : await db
          .selectFrom('users')
          .select(['full_name', 'org_id'])
          .where('citizen_id', '=', d.citizenId)
          .where('id', '!=', exceptUserId ?? '')
          .where('deleted', '=', 0)
          .where('status', 'in', HOLDING_STATUSES)
          .executeTakeFirst();
  if (byUser)
    return {
      field: 'citizenId',
      fullName: byUser.full_name,
      orgName: await orgName(byUser.org_id),
    };
  const linked = await db
    .selectFrom('users as u')
    .innerJoin('members as m', 'm.id', 'u.member_id')
    .select(['m.full_name', 'm.home_org_id', 'm.citizen_id', 'm.card_no', 'm.profile_no'])
    .where('u.deleted', '=', 0)
    .where('u.id', '!=', exceptUserId ?? '')
    .where('u.status', 'in', HOLDING_STATUSES)
    .where((eb) => eb.or(numberTerms(d).map(([column, value]) => eb(`m.${column}`, '=', value))))
    .executeTakeFirst();
  if (linked)
    return {
      field: fieldHeld(linked, d),
      fullName: linked.full_name,
      orgName: await orgName(linked.home_org_id),
    };
  const pending = await db
    .selectFrom('account_requests')
    .select(['data', 'deciding_org_id', 'citizen_id', 'card_no', 'profile_no'])
    .where('kind', '=', 'registration')
    .where('status', '=', 'pending')
    .where('deleted', '=', 0)
    .where('requester_user_id', '!=', exceptUserId ?? '')
    .where((eb) => eb.or(numberTerms(d).map(([column, value]) => eb(column, '=', value))))
    .executeTakeFirst();
  if (pending) {
    const request = JSON.parse(pending.data) as { declared: { fullName: string } };
    return {
      field: fieldHeld(pending, d),
      fullName: request.declared.fullName,
      orgName: await orgName(pending.deciding_org_id),
    };
  }
  return null;
}

/** Another live member record carrying one of the numbers (`exceptMemberId`'s own do not count). */
export async function recordHoldingNumbers(
  db: Db,
  d: Numbers,
  exceptMemberId: string | null,
): Promise<DuplicateHolder | null> {
  if (d.citizenId === null && d.cardNo === null && d.profileNo === null) return null;
  const row = await db
    .selectFrom('members')
    .select(['full_name', 'home_org_id', 'citizen_id', 'card_no', 'profile_no'])
    .where('deleted', '=', 0)
    .where('id', '!=', exceptMemberId ?? '')
    .where((eb) => eb.or(numberTerms(d).map(([column, value]) => eb(column, '=', value))))
    .executeTakeFirst();
  if (!row) return null;
  return {
    field: fieldHeld(row, d),
    fullName: row.full_name,
    orgName: (await orgNamesOf(db, [row.home_org_id])).get(row.home_org_id) ?? null,
  };
}

function fieldHeld(
  held: { citizen_id: string | null; card_no: string | null; profile_no: string | null },
  d: Numbers,
): DuplicateHolder['field'] {
  if (d.citizenId !== null && held.citizen_id === d.citizenId) return 'citizenId';
  if (d.cardNo !== null && held.card_no === d.cardNo) return 'cardNo';
  return 'profileNo';
}

/** The 409 of a duplicate registration: the ApiError body and the holder (TH1 of the guide). */
export function duplicateAccount(holder: DuplicateHolder): HttpError {
  const failure = duplicateFailure(holder);
  return new HttpError(409, {
    error: failure.code,
    message: failure.message,
    messageVi: failure.messageVi,
    holder,
  } as ConstructorParameters<typeof HttpError>[1]);
}

const usernameTaken = (err: UsernameTakenError) =>
  new HttpError(409, { error: 'username_taken', message: err.message, messageVi: err.messageVi });

/** The member database's record of the declared person: by citizen id, else by card or profile. */
async function memberOnFile(trx: Trx, d: DeclaredMember): Promise<string | null> {
  const byCitizen = await trx
    .selectFrom('members')
    .select('id')
    .where('citizen_id', '=', d.citizenId)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  if (byCitizen) return byCitizen.id;
  if (d.cardNo === null && d.profileNo === null) return null;
  const byNumber = await trx
    .selectFrom('members')
    .select('id')
    .where('deleted', '=', 0)
    .where((eb) =>
      eb.or([
        ...(d.cardNo !== null ? [eb('card_no', '=', d.cardNo)] : []),
        ...(d.profileNo !== null ? [eb('profile_no', '=', d.profileNo)] : []),
      ]),
    )
    .executeTakeFirst();
  return byNumber?.id ?? null;
}

const badDeclared = (field: string, error: string, message: string, messageVi: string) =>
  new HttpError(400, { error, message, messageVi, field: `declared.${field}` });

/** The declared cells exist and are cells; the account needs a phone (the admin guide). */
export async function checkDeclared(db: Db, d: DeclaredMember): Promise<void> {
  const ids = [d.homeOrgId, ...(d.residenceOrgId ? [d.residenceOrgId] : [])];
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'type', 'status'])
    .where('id', 'in', ids)
    .where('deleted', '=', 0)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [field, id] of [
    ['homeOrgId', d.homeOrgId],
    ['residenceOrgId', d.residenceOrgId],
  ] as const) {
    if (id === null) continue;
    const org = byId.get(id);
    if (!org || org.status !== 'active' || !isCell(org.type as OrgType))
      throw badDeclared(
        field,
        'unknown_cell',
        `${field} ${id} is not an active cell`,
        'Chi bộ đã chọn không tồn tại hoặc không còn hoạt động. Vui lòng chọn lại.',
      );
  }
  if (d.phone === null)
    throw badDeclared(
      'phone',
      'phone_required',
      'an account needs a phone number',
      'Vui lòng nhập Số điện thoại.',
    );
}

export interface NewRegistration {
  declared: DeclaredMember;
  username: string;
  /** Null: the account signs in only through the OpenID provider. */
  passwordHash: string | null;
  /** Staff registering on the member's behalf; null when the member registers himself. */
  filedBy: { userId: string; fullName: string } | null;
}

/**
 * Makes the pending account and its registration request in one transaction. Duplicates are
 * refused with the holder named: the check finds the holder, the partial unique indexes on
 * pending registrations (migration 0011) make the loser of a race fail, and then the holder is
 * looked up again to name him.
 */
export async function registerAccount(
  db: Db,
  input: NewRegistration,
  now: Date,
): Promise<{ requestId: string; userId: string }> {
  const { declared } = input;
  try {
    return await db.transaction().execute(async (trx) => {
      const holder = await duplicateHolderOf(trx, declared);
      if (holder) throw duplicateAccount(holder);
      const userId = randomUUID();
      const requestId = randomUUID();
      const user = User.parse({
        id: userId,
        username: input.username,
        fullName: declared.fullName,
        citizenId: declared.citizenId,
        phone: declared.phone,
        email: declared.email,
        position: null,
        orgId: declared.homeOrgId,
        status: 'pending',
        roles: [],
      });
      await insertUser(
        trx,
        {
          user,
          passwordHash: input.passwordHash,
          ...(input.filedBy ? { createdBy: input.filedBy.userId } : {}),
        },
        now,
      );
      const at = now.toISOString();
      const request: AccountRequest = {
        id: requestId,
        status: 'pending',
        requesterUserId: userId,
        filedByUserId: input.filedBy?.userId ?? userId,
        decidingOrgId: declared.homeOrgId,
        reason: null,
        createdAt: at,
        decidedAt: null,
        kind: 'registration',
        declared,
        userId,
        username: user.username,
        memberId: await memberOnFile(trx, declared),
      };
      await insertAccountRequest(
        trx,
        request,
        {
          type: 'filed',
          actorUserId: input.filedBy?.userId ?? userId,
          actorName: input.filedBy?.fullName ?? declared.fullName,
          at,
          reason: null,
        },
        now,
      );
      return { requestId, userId };
    });
  } catch (err) {
    if (err instanceof UsernameTakenError) throw usernameTaken(err);
    if (!isUniqueViolation(err)) throw err;
    // Lost a race: the winner has committed, name him.
    const holder = await duplicateHolderOf(db, declared);
    if (holder) throw duplicateAccount(holder);
    throw usernameTaken(new UsernameTakenError(input.username));
  }
}
