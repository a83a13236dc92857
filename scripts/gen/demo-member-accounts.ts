/**
 * The demo ward's waiting account requests ("Quản lý tài khoản đảng viên"), made the way real ones
 * are: registrations through the server's registration repository, what members file through
 * `applyAccountMutation` (the push path), with the clock set back so each has a believable trail.
 * Chi bộ Tổ dân phố số 1's secretary (bithu.chibo1) finds three registrations, one filed by him on
 * a member's behalf, and info changes; the ward (bithu.phuong) a deputy secretary's position; the
 * cell moved to, a member's request to leave a wrongly chosen cell.
 */
import { randomUUID } from 'node:crypto';
import type { AccountRequestWireAction } from '../../src/api/accounts';
import type { ServerEngine } from '../../src/db/server-db';
import type { AccountRequestKind } from '../../src/domain/accounts/account-request';
import type { Caller } from '../../server/auth/caller';
import { hashPassword } from '../../server/auth/passwords';
import { applyAccountMutation } from '../../server/repositories/accounts-apply';
import { registerAccount } from '../../server/repositories/accounts-register';
import type { Db } from '../../server/repositories/db';
import { findActiveAccount } from '../../server/repositories/users';
import { buildScope } from '../../server/scope/scope';
import { DEMO_PASSWORD } from './demo-accounts';
import {
  accountHolders,
  holdsAccountRequests,
  registrationCandidates,
} from './demo-member-accounts.repo';
import { demoTransferOrgs } from './demo-transfers';
import { staffWithRoleAt } from './demo-transfers.repo';

export interface SeedDemoAccountRequestsOptions {
  engine?: ServerEngine;
  /** Today for the demo; the requests were filed before it. Default: the real clock. */
  now?: Date;
  /** Hash of the registered accounts' password; hashed from DEMO_PASSWORD when omitted. */
  passwordHash?: string;
}

export interface DemoAccountRequest {
  id: string;
  kind: AccountRequestKind;
  /** The requester's username. */
  username: string;
  fullName: string;
  /** Registered by the cell secretary on the member's behalf. */
  onBehalf: boolean;
}

export interface DemoAccountRequestsSummary {
  requests: DemoAccountRequest[];
  /** The secretary who registered a member on his behalf. */
  cellSecretary: string;
}

/** The registrations: who registers, and which field he corrects on the prefilled form. */
const REGISTRATIONS = [
  { username: 'dangky1.chibo1', onBehalf: false, correctPhone: '0912345001' },
  { username: 'dangky2.chibo1', onBehalf: false, correctPhone: null },
  { username: 'dangkyho1.chibo1', onBehalf: true, correctPhone: null },
] as const;

/**
 * Seeds the waiting requests once (a database that holds account requests is left alone and gets
 * null). Needs the demo transfers' member accounts (seedDemoTransfers) first.
 */
export async function seedDemoAccountRequests(
  db: Db,
  opts: SeedDemoAccountRequestsOptions = {},
): Promise<DemoAccountRequestsSummary | null> {
  if (await holdsAccountRequests(db)) return null;
  const orgs = await demoTransferOrgs(db);
  const cell1 = orgs.get('chibo1');
  const cell2 = orgs.get('chibo2');
  const cell3 = orgs.get('chibo3');
  if (!cell1 || !cell2 || !cell3) throw new Error('demo accounts: the ward has no cells 1–3');
  const now = opts.now ?? new Date();
  let at = new Date(now.getTime() - 3 * 86_400_000);
  const tick = () => {
    at = new Date(Math.min(at.getTime() + 97 * 60_000, now.getTime() - 60_000));
    return at;
  };
  const passwordHash = opts.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  const [secretary] = await staffWithRoleAt(db, cell1.id, 'approver');
  if (!secretary) throw new Error(`demo accounts: ${cell1.name} has no secretary`);
  const secretaryAccount = await findActiveAccount(db, secretary.id);
  const requests: DemoAccountRequest[] = [];

  // The last members of cell 1 without an account: journeys take the first ones.
  const candidates = (await registrationCandidates(db, cell1.id)).slice(-REGISTRATIONS.length);
  if (candidates.length < REGISTRATIONS.length)
    throw new Error(`demo accounts: too few members without an account in ${cell1.name}`);
  for (const [i, plan] of REGISTRATIONS.entries()) {
    const m = candidates[i]!;
    const made = await registerAccount(
      db,
      {
        declared: {
          fullName: m.fullName,
          birthDate: m.birthDate,
          sex: m.sex,
          citizenId: m.citizenId,
          cardNo: m.cardNo,
          profileNo: m.profileNo,
          homeOrgId: m.homeOrgId,
          residenceOrgId: m.residenceOrgId,
          phone: plan.correctPhone ?? m.phone ?? '0912345000',
          email: m.email,
          position: null,
        },
        username: plan.username,
        passwordHash,
        filedBy: plan.onBehalf
          ? { userId: secretary.id, fullName: secretaryAccount!.user.fullName }
          : null,
      },
      tick(),
    );
    requests.push({
      id: made.requestId,
      kind: 'registration',
      username: plan.username,
      fullName: m.fullName,
      onBehalf: plan.onBehalf,
    });
  }

  // Members who hold an account already file the rest, each his own.
  const holders = await accountHolders(db, [cell1.id, cell2.id, cell3.id]);
  if (holders.length < 4) throw new Error('demo accounts: too few member accounts in cells 1–3');
  const engine = opts.engine ?? 'sqlite';
  const file = async (holder: (typeof holders)[number], action: AccountRequestWireAction) => {
    const account = await findActiveAccount(db, holder.userId);
    if (!account) throw new Error(`demo accounts: ${holder.username} is not active`);
    const caller: Caller = {
      user: account.user,
      scope: buildScope(account.user.id, account.grants, account.user.memberId),
    };
    const id = randomUUID();
    const when = tick();
    const result = await applyAccountMutation(
      { db, engine, now: () => when, trustAnchors: [] },
      caller,
      {
        id: randomUUID(),
        entity: 'accountRequest',
        entityId: id,
        baseRev: 0,
        action,
      },
    );
    if (result.status !== 'applied')
      throw new Error(`demo accounts: ${holder.username} ${action.type}: ${result.message}`);
    return id;
  };
  const otherCell = (h: (typeof holders)[number]) =>
    h.homeOrgId === cell2.id ? cell3.id : cell2.id;
  const [phone, residence, position, move] = holders;
  const plans: [typeof phone, AccountRequestKind, AccountRequestWireAction][] = [
    [phone, 'info_change', { type: 'file_info_change', changes: { phone: '0988123456' } }],
    [
      residence,
      'info_change',
      {
        type: 'file_info_change',
        changes: {
          residenceOrgId: residence!.residenceOrgId === cell3.id ? cell2.id : cell3.id,
        },
      },
    ],
    [position, 'position', { type: 'file_position', position: 'deputy_secretary' }],
    [move, 'cell_change', { type: 'file_cell_change', toOrgId: otherCell(move!) }],
  ];
  for (const [holder, kind, action] of plans)
    requests.push({
      id: await file(holder!, action),
      kind,
      username: holder!.username,
      fullName: holder!.fullName,
      onBehalf: false,
    });
  return { requests, cellSecretary: secretary.username };
}
