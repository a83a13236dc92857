import { ApiClientError } from '../../api/client';
import { accountRoutes, DuplicateAccountError, type RegistrationPrefill } from '../../api/accounts';
import { prepareQuery, type Params } from '../../db/client-query';
import type { ClientMembersTable } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import type { DeclaredMember, DuplicateHolder } from '../../domain/accounts/account-request';
import { Sex } from '../../domain/people/sex';
import { isOffline } from '../fees/fee-handler-support';
import { fail, type ServiceContext } from '../service-context';
import type { AccountModel } from './account-model';

export interface RecordQuery {
  citizenId?: string | undefined;
  cardNo?: string | undefined;
  profileNo?: string | undefined;
}

/** Members of the cache by any of the three numbers (null matches nothing). */
function membersByNumber(handle: SqliteHandle) {
  return prepareQuery(
    handle,
    (
      db,
      p: Params<{ citizenId: string | null; cardNo: string | null; profileNo: string | null }>,
    ) =>
      db
        .selectFrom('members')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('citizen_id', '=', p.citizenId),
            eb('card_no', '=', p.cardNo),
            eb('profile_no', '=', p.profileNo),
          ]),
        )
        .orderBy('id')
        .limit(20),
  );
}

/** How many of the asked numbers the member has: the best match prefills the form. */
const score = (row: ClientMembersTable, q: RecordQuery) =>
  (q.citizenId !== undefined && row.citizen_id === q.citizenId ? 4 : 0) +
  (q.cardNo !== undefined && row.card_no === q.cardNo ? 2 : 0) +
  (q.profileNo !== undefined && row.profile_no === q.profileNo ? 1 : 0);

/** "Đăng ký hộ": the member database's record in the cache, to prefill the form. */
export function memberRecordLookup(
  m: AccountModel,
  handle: SqliteHandle,
  q: RecordQuery,
): { record: RegistrationPrefill | null } {
  if (q.citizenId === undefined && q.cardNo === undefined && q.profileNo === undefined)
    return { record: null };
  const rows = membersByNumber(handle).all({
    citizenId: q.citizenId ?? null,
    cardNo: q.cardNo ?? null,
    profileNo: q.profileNo ?? null,
  });
  const best = rows.sort((a, b) => score(b, q) - score(a, q))[0];
  if (!best) return { record: null };
  const orgs = m.base.repo.orgs(
    [best.home_org_id, best.residence_org_id].filter((id): id is string => id !== null),
  );
  return {
    record: {
      memberId: best.id,
      fullName: best.full_name,
      birthDate: best.birth_date,
      sex: Sex.parse(best.sex),
      citizenId: best.citizen_id,
      cardNo: best.card_no,
      profileNo: best.profile_no,
      homeOrgId: best.home_org_id,
      residenceOrgId: best.residence_org_id,
      phone: best.phone,
      email: best.email,
      homeOrgName: orgs.get(best.home_org_id)?.name ?? best.home_org_id,
      residenceOrgName: best.residence_org_id
        ? (orgs.get(best.residence_org_id)?.name ?? best.residence_org_id)
        : null,
    },
  };
}

export type OnBehalfOutcome =
  | { ok: true; requestId: string; username: string; initialPassword: string }
  | { ok: false; messageVi: string; holder: DuplicateHolder };

/**
 * "Đăng ký hộ" (online): the server makes the pending account and answers its initial password
 * once; a number another account holds answers who holds it, for the form to say.
 */
export async function registerMemberOnBehalf(
  ctx: ServiceContext,
  input: { username: string; declared: DeclaredMember },
): Promise<OnBehalfOutcome> {
  try {
    const user = ctx.requireServerSession();
    const receipt = await ctx.tracked(
      ctx.api.request(accountRoutes.registerOnBehalf, { body: input }),
    );
    // The new request reaches the cache by pull: fetch it now, the lists read again after.
    void ctx.engine
      .sync({ userId: user.id, serverUrl: ctx.serverUrl })
      .then(() => ctx.emit({ type: 'accounts-changed' }))
      .catch((err: unknown) => console.warn('sync after registering on behalf failed', err));
    return {
      ok: true,
      requestId: receipt.requestId,
      username: input.username,
      initialPassword: receipt.initialPassword,
    };
  } catch (err) {
    if (isOffline(err))
      return fail(
        'offline',
        'registering on behalf needs the server, which is unreachable',
        'Cần kết nối mạng để đăng ký hộ tài khoản.',
      );
    if (err instanceof ApiClientError && err.status === 409) {
      const duplicate = DuplicateAccountError.safeParse(err.body);
      if (duplicate.success)
        return { ok: false, messageVi: duplicate.data.messageVi, holder: duplicate.data.holder };
    }
    throw err;
  }
}
