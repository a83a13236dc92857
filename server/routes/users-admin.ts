import { randomBytes, randomUUID } from 'node:crypto';
import { userAdminRoutes, type StaffRoleGrant } from '../../src/api/users-admin';
import type { UserDetail } from '../../src/api/users';
import type { DuplicateHolder } from '../../src/domain/accounts/account-request';
import { canGrant, canManageAccount } from '../../src/domain/people/admin-tiers';
import { roleLabelVi, type UserStatus } from '../../src/domain/people/user';
import { hashPassword } from '../auth/passwords';
import type { Caller } from '../auth/caller';
import type { ServerContext } from '../context';
import { forbidden, HttpError, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { duplicateHolderOf } from '../repositories/accounts-register';
import { revokeAllRefreshTokens } from '../repositories/auth-tokens';
import { isUniqueViolation } from '../repositories/fees-payments';
import type { Db, Trx } from '../repositories/db';
import { findVisibleOrg } from '../repositories/orgs';
import {
  changeRoleGrant,
  lookupMemberInSubtrees,
  managedAccount,
  recordUserHistory,
  type ManagedAccount,
} from '../repositories/users-admin';
import {
  findUserInSubtrees,
  insertUser,
  SECRET_CHANGED,
  updateUser,
  UsernameTakenError,
  type UserChanges,
} from '../repositories/users';
import { subtreesOfRole } from '../scope/scope';
import { authOptionsFromEnv, type AuthOptions } from './auth';

const unprocessable = (error: string, message: string, messageVi: string, field?: string) =>
  new HttpError(422, { error, message, messageVi, ...(field ? { field } : {}) });

const outOfTier = () =>
  new HttpError(403, {
    error: 'out_of_tier',
    message: 'An admin manages only accounts and grants of the orgs below his own',
    messageVi:
      'Bạn chỉ quản lý được tài khoản và phân quyền của các đơn vị cấp dưới; không thể thay đổi tài khoản của quản trị cùng cấp hoặc cấp trên.',
  });

const notOwnAccount = () =>
  new HttpError(403, {
    error: 'own_account',
    message: 'An admin does not change his own account or grants here',
    messageVi: 'Bạn không thể tự thay đổi tài khoản hoặc quyền của chính mình.',
  });

const cannotGrant = (grant: StaffRoleGrant) =>
  new HttpError(403, {
    error: 'grant_out_of_tier',
    message: `The caller may not grant ${grant.role} at org ${grant.orgId}`,
    messageVi: `Bạn không được cấp vai trò "${roleLabelVi[grant.role]}" tại đơn vị này: vai trò quản trị chỉ cấp cho đơn vị cấp dưới, các vai trò khác cho đơn vị của bạn hoặc cấp dưới.`,
  });

/**
 * The person already has an account (his own registration, or one an admin made): one person,
 * one account, so the admin is sent to the roles of that account instead.
 */
const personHasAccount = (holder: DuplicateHolder) => {
  const where = holder.orgName ? ` (${holder.orgName})` : '';
  return new HttpError(409, {
    error: 'duplicate_account',
    message: `${holder.field} is already held by another account`,
    messageVi:
      `Đồng chí ${holder.fullName}${where} đã có tài khoản; mỗi người chỉ có một tài khoản. ` +
      'Hãy tìm tài khoản đó trong danh sách và dùng "Phân quyền" để cấp thêm vai trò.',
    holder,
  } as ConstructorParameters<typeof HttpError>[1]);
};

const usernameTaken = (err: UsernameTakenError) =>
  new HttpError(409, { error: 'username_taken', message: err.message, messageVi: err.messageVi });

/** Statuses an admin may set; a member's registration (pending, refused) is decided elsewhere. */
const LOCKABLE: readonly UserStatus[] = ['active', 'inactive'];

/** Where the caller is admin: the roots his tier rule reads (403 when he is admin nowhere). */
function adminPaths(caller: Caller): string[] {
  const roots = subtreesOfRole(caller.scope, 'admin');
  if (roots.length === 0) throw forbidden();
  return roots;
}

/**
 * The path of an org the request names: an org the caller cannot read is absent to him (404), as
 * in the staff's registration of a member; one he reads but may not reach is refused by the tier.
 */
async function orgPathOf(db: Db, caller: Caller, orgId: string): Promise<string> {
  const org = await findVisibleOrg(db, caller.scope, orgId);
  if (!org) throw notFound();
  return org.path;
}

async function checkGrantable(db: Db, caller: Caller, roots: string[], grant: StaffRoleGrant) {
  const orgPath = await orgPathOf(db, caller, grant.orgId);
  if (!canGrant(roots, { role: grant.role, orgPath })) throw cannotGrant(grant);
}

/** A fresh password of 12 characters, shown once; only its hash is stored. */
const newInitialPassword = () => randomBytes(9).toString('base64url');

/**
 * User administration (docs/decisions/0033). Every write happens in one transaction with its
 * history entry; the account is read again inside it, so the tier check and the write agree.
 */
export function userAdminRoutesOf(
  route: Register,
  ctx: ServerContext,
  options: AuthOptions = authOptionsFromEnv(process.env),
): void {
  const hash = (password: string) => hashPassword(password, options.passwords.scrypt);

  /** The account named by the route, if the caller may manage it (404 unseen, 403 out of tier). */
  async function manageable(trx: Db, caller: Caller, id: string): Promise<ManagedAccount> {
    const roots = adminPaths(caller);
    if (id === caller.user.id) throw notOwnAccount();
    const account = await managedAccount(trx, caller.scope.subtreePaths, id);
    if (!account) throw notFound();
    if (!canManageAccount(caller.user.id, roots, { id, ...account })) throw outOfTier();
    return account;
  }

  /** The account as written, inside the transaction that wrote it. */
  const reread = async (trx: Trx, caller: Caller, id: string): Promise<UserDetail> =>
    (await findUserInSubtrees(trx, caller.scope.subtreePaths, id))!;

  /** Changes of a manageable account, with its lock or unlock; the same values write nothing. */
  const edit = (caller: Caller, id: string, changes: UserChanges) =>
    ctx.db.transaction().execute(async (trx) => {
      const { detail } = await manageable(trx, caller, id);
      const { status } = changes;
      if (status !== undefined && status !== detail.status && !LOCKABLE.includes(detail.status))
        throw unprocessable(
          'status_not_lockable',
          `Account ${id} is ${detail.status}; only active and inactive accounts are locked or unlocked`,
          'Tài khoản này chưa được phê duyệt hoặc đã bị xóa, không khóa hoặc mở khóa được.',
          'status',
        );
      const now = ctx.now();
      await updateUser(trx, id, changes, caller.user.id, now);
      // A locked account is signed out everywhere.
      if (status === 'inactive') await revokeAllRefreshTokens(trx, id, now);
      return reread(trx, caller, id);
    });

  route(userAdminRoutes.lookupMember, async ({ body, caller }) => {
    const roots = adminPaths(caller);
    return { record: await lookupMemberInSubtrees(ctx.db, roots, body) };
  });

  route(userAdminRoutes.createUser, async ({ body, caller }) => {
    const roots = adminPaths(caller);
    const orgPath = await orgPathOf(ctx.db, caller, body.orgId);
    if (!roots.some((root) => orgPath.startsWith(root))) throw outOfTier();
    for (const grant of body.roles) await checkGrantable(ctx.db, caller, roots, grant);
    const member = await lookupMemberInSubtrees(ctx.db, roots, body.lookup);
    if (!member)
      throw unprocessable(
        'member_not_found',
        'No member record in the caller’s subtrees has this citizen id, name and birth date',
        'Không tìm thấy đảng viên có số CCCD, họ tên và ngày sinh này trong CSDL Đảng viên của đơn vị.',
        'lookup',
      );
    const numbers = { citizenId: member.citizenId, cardNo: null, profileNo: null };
    const initialPassword = newInitialPassword();
    const passwordHash = await hash(initialPassword);
    const now = ctx.now();
    const user = {
      id: randomUUID(),
      username: body.username.trim(),
      fullName: member.fullName,
      citizenId: member.citizenId,
      phone: body.phone,
      email: body.email,
      position: body.position,
      orgId: body.orgId,
      status: body.active ? ('active' as const) : ('inactive' as const),
      // The same grant twice is one grant.
      roles: body.roles.filter(
        (g, i) => body.roles.findIndex((o) => o.role === g.role && o.orgId === g.orgId) === i,
      ),
    };
    try {
      const made = await ctx.db.transaction().execute(async (trx) => {
        // Checked in the transaction that writes, so the window for a second one is the insert.
        const holder = await duplicateHolderOf(trx, numbers);
        if (holder) throw personHasAccount(holder);
        const detail = await insertUser(
          trx,
          { user, passwordHash, memberId: member.memberId, createdBy: caller.user.id },
          now,
        );
        const { id: _id, roles, ...fields } = user;
        await recordUserHistory(
          trx,
          user.id,
          caller.user.id,
          {
            // What the account starts with; an empty email or position says nothing.
            ...Object.fromEntries(
              Object.entries(fields)
                .filter(([, v]) => v !== null)
                .map(([k, v]) => [k, [null, v]]),
            ),
            roles: [[], roles],
            password: [null, SECRET_CHANGED],
          },
          now,
        );
        return detail;
      });
      return { user: made, initialPassword };
    } catch (err) {
      if (err instanceof UsernameTakenError) throw usernameTaken(err);
      // Lost a race on the unique username: the winner has committed.
      if (isUniqueViolation(err)) throw usernameTaken(new UsernameTakenError(user.username));
      throw err;
    }
  });

  route(userAdminRoutes.editUser, ({ params, body, caller }) => edit(caller, params.id, body));
  route(userAdminRoutes.lockUser, ({ params, caller }) =>
    edit(caller, params.id, { status: 'inactive' }),
  );
  route(userAdminRoutes.unlockUser, ({ params, caller }) =>
    edit(caller, params.id, { status: 'active' }),
  );

  route(userAdminRoutes.resetPassword, async ({ params, caller }) => {
    const initialPassword = newInitialPassword();
    const passwordHash = await hash(initialPassword);
    return ctx.db.transaction().execute(async (trx) => {
      await manageable(trx, caller, params.id);
      const now = ctx.now();
      await updateUser(trx, params.id, { passwordHash }, caller.user.id, now);
      // Whoever held the old password is signed out everywhere.
      await revokeAllRefreshTokens(trx, params.id, now);
      return { user: await reread(trx, caller, params.id), initialPassword };
    });
  });

  const roleChange =
    (op: 'grant' | 'revoke') =>
    async ({
      params,
      body,
      caller,
    }: {
      params: { id: string };
      body: StaffRoleGrant;
      caller: Caller;
    }) =>
      ctx.db.transaction().execute(async (trx) => {
        const { detail } = await manageable(trx, caller, params.id);
        await checkGrantable(trx, caller, adminPaths(caller), body);
        const staffGrants = detail.roles.filter((g) => g.role !== 'member');
        const revokesLast =
          op === 'revoke' &&
          staffGrants.length === 1 &&
          staffGrants[0]!.role === body.role &&
          staffGrants[0]!.orgId === body.orgId;
        if (revokesLast)
          throw unprocessable(
            'last_role',
            'A staff account keeps at least one role; lock it instead',
            'Tài khoản phải có ít nhất một vai trò. Nếu không dùng nữa, hãy khóa tài khoản.',
          );
        await changeRoleGrant(trx, detail, { op, grant: body }, caller.user.id, ctx.now());
        return reread(trx, caller, params.id);
      });

  route(userAdminRoutes.grantUserRole, roleChange('grant'));
  route(userAdminRoutes.revokeUserRole, roleChange('revoke'));
}
