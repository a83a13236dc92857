import { userSearchText, usernameKey } from '../../src/domain/people/user';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { DUTY_ROLE, jobTitle, usernameFor } from './duties';
import type { Officer } from './members';
import type { Rng } from './prng';
import { REFERENCE_TIME, type UserRoleRow, type UserRow } from './rows';

const DEMO_USERNAMES = new Set(DEMO_ACCOUNTS.map((a) => a.username));
const INACTIVE_EVERY = 30;

/** One staff account per officer, with the role its duty gives at its org. */
export function buildAccounts(
  rng: Rng,
  officers: readonly Officer[],
  passwordHash: string,
): { users: UserRow[]; userRoles: UserRoleRow[] } {
  const users: UserRow[] = [];
  const userRoles: UserRoleRow[] = [];
  let deputies = 0;
  for (const { member, org, duty } of officers) {
    const username = usernameFor(org, duty);
    // Every 30th deputy's account was switched off, as happens; the demo accounts always work.
    const inactive =
      duty === 'deputy' && !DEMO_USERNAMES.has(username) && ++deputies % INACTIVE_EVERY === 0;
    const user: UserRow = {
      id: rng.uuid(),
      username,
      username_key: usernameKey(username),
      search_folded: userSearchText(member.full_name, username),
      full_name: member.full_name,
      citizen_id: member.citizen_id,
      phone: member.phone ?? '',
      email: member.email ?? null,
      position: jobTitle(org, duty),
      org_id: org.row.id,
      status: inactive ? 'inactive' : 'active',
      member_id: member.id,
      password_hash: passwordHash,
      updated_by: null,
      created_at: REFERENCE_TIME,
      updated_at: REFERENCE_TIME,
      signature_image_sha256: null,
    };
    if (user.phone === '') throw new Error(`officer ${member.full_name} has no phone`);
    users.push(user);
    userRoles.push({
      id: rng.uuid(),
      user_id: user.id,
      role: DUTY_ROLE[duty],
      org_id: org.row.id,
      updated_at: REFERENCE_TIME,
    });
  }
  return { users, userRoles };
}
