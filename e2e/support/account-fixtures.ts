/**
 * The world of the accounts journey (issue 13): the transfer journeys' world (the generated ward,
 * a central server on a SQLite file) with the demo's waiting account requests, two members of
 * Chi bộ Tổ dân phố số 1 who have no account yet (one registers himself, the secretary registers
 * the other on his behalf), and the demo's member waiting to leave a wrongly chosen cell. Test
 * support only.
 */
import { DEMO_PASSWORD } from '../../scripts/gen/demo-accounts';
import {
  seedDemoAccountRequests,
  type DemoAccountRequestsSummary,
} from '../../scripts/gen/demo-member-accounts';
import { registrationCandidates } from '../../scripts/gen/demo-member-accounts.repo';
import { staffWithRoleAt } from '../../scripts/gen/demo-transfers.repo';
import { hashPassword } from '../../server/auth/passwords';
import { openServerDb } from '../../src/db/server-db';
import type { Member } from '../../src/domain/people/member';
import { CHEAP_SCRYPT, openTransferWorld, type TransferWorld } from './transfer-fixtures';

/** The demo's member who registered in the wrong cell and asked the right one to take him. */
export interface WrongCellMember {
  username: string;
  fullName: string;
  memberId: string;
  /** The right cell, whose secretary approves the move. */
  toOrgId: string;
  toOrgName: string;
  toSecretary: string;
}

export interface AccountsWorld extends TransferWorld {
  /** The demo's waiting requests (registrations, info changes, a position, a cell change). */
  demoRequests: DemoAccountRequestsSummary;
  cellSecretary: string;
  /** The approver of the ward, who decides the cells' position requests. */
  wardApprover: string;
  /** Members of cell 1 without an account: the first registers, the secretary the second. */
  registrant: Member;
  onBehalf: Member;
  wrongCell: WrongCellMember;
}

/** Builds the world; the demo's registrations took the cell's last candidates, these the first. */
export async function openAccountsWorld(): Promise<AccountsWorld> {
  const world = await openTransferWorld({ officers: [] });
  const cell = world.orgs.get('chibo1')!;
  await world.server.stop();
  const db = await openServerDb({ sqliteFile: world.server.sqliteFile });
  let registrant: Member | undefined;
  let onBehalf: Member | undefined;
  let wrongCell: WrongCellMember;
  let demoRequests: DemoAccountRequestsSummary;
  try {
    const passwordHash = await hashPassword(DEMO_PASSWORD, CHEAP_SCRYPT);
    const demo = await seedDemoAccountRequests(db.db, { passwordHash });
    if (!demo) throw new Error('the generated ward held account requests already');
    demoRequests = demo;
    [registrant, onBehalf] = await registrationCandidates(db.db, cell.id);
    const move = demo.requests.find((r) => r.kind === 'cell_change');
    if (!move) throw new Error('the demo has no cell change waiting');
    const row = await db.db
      .selectFrom('account_requests as r')
      .innerJoin('orgs as o', 'o.id', 'r.deciding_org_id')
      .select(['r.member_id', 'r.deciding_org_id', 'o.name'])
      .where('r.id', '=', move.id)
      .executeTakeFirstOrThrow();
    const [toSecretary] = await staffWithRoleAt(db.db, row.deciding_org_id, 'approver');
    if (!toSecretary || !row.member_id) throw new Error(`${row.name} has no secretary`);
    wrongCell = {
      username: move.username,
      fullName: move.fullName,
      memberId: row.member_id,
      toOrgId: row.deciding_org_id,
      toOrgName: row.name,
      toSecretary: toSecretary.username,
    };
  } finally {
    await db.close();
    await world.server.start();
  }
  if (!registrant || !onBehalf) throw new Error(`${cell.name} has too few members to register`);
  const wardApprover = world.approvers.get('phuong');
  if (!wardApprover) throw new Error('the demo ward has no approver');
  return {
    ...world,
    demoRequests,
    cellSecretary: demoRequests.cellSecretary,
    wardApprover,
    registrant,
    onBehalf,
    wrongCell,
  };
}
