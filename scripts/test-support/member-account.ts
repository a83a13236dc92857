import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../server/auth/passwords';
import { insertUser } from '../../server/repositories/users';
import { openServerDb, type ServerDb, type ServerDbConfig } from '../../src/db/server-db';
import { User } from '../../src/domain/people/user';
import { DEMO_PASSWORD } from '../gen/demo-accounts';

/**
 * A member account (role "Đảng viên" at his cell, the demo password) for the first member of the
 * named cell of a generated database, which holds staff accounts only. Test support only.
 */
export async function addMemberAccount(
  config: ServerDbConfig,
  cellName: string,
  username: string,
): Promise<void> {
  const server = await openServerDb(config);
  try {
    const cell = await server.db
      .selectFrom('orgs')
      .select('id')
      .where('name', '=', cellName)
      .executeTakeFirstOrThrow();
    const member = await server.db
      .selectFrom('members')
      .select(['id'])
      .where('home_org_id', '=', cell.id)
      .where('deleted', '=', 0)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await insertMemberAccount(server, { cellId: cell.id, memberId: member.id, username });
  } finally {
    await server.close();
  }
}

/** A member account for one member of the cell, as an approved registration leaves it. */
export async function addAccountForMember(
  config: ServerDbConfig,
  account: { cellId: string; memberId: string; username: string },
): Promise<void> {
  const server = await openServerDb(config);
  try {
    await insertMemberAccount(server, account);
  } finally {
    await server.close();
  }
}

async function insertMemberAccount(
  server: ServerDb,
  { cellId, memberId, username }: { cellId: string; memberId: string; username: string },
): Promise<void> {
  const member = await server.db
    .selectFrom('members')
    .select(['full_name', 'citizen_id', 'phone'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
  const user = User.parse({
    id: randomUUID(),
    username,
    fullName: member.full_name,
    citizenId: member.citizen_id,
    phone: member.phone ?? '0912345678',
    email: null,
    position: null,
    orgId: cellId,
    status: 'active',
    roles: [{ role: 'member', orgId: cellId }],
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
  await server.db
    .transaction()
    .execute((trx) => insertUser(trx, { user, passwordHash, memberId }, new Date()));
}
