import { buildAccounts } from './accounts';
import { bankAccountsFor } from './banks';
import { buildMembers } from './members';
import type { PlannedOrg } from './org-builder';
import { planOrgs, type Tier } from './org-plan';
import { Rng } from './prng';
import { REFERENCE_TIME, type BankAccountRow, type GeneratedRows } from './rows';

export { TIERS, type Tier } from './org-plan';

/**
 * The streams of one run. Each concern draws from its own fork, so the org tree is the same
 * whether or not members are generated after it.
 */
function streams(tier: Tier, seed: number) {
  const root = new Rng(seed, `gen/${tier}`);
  return {
    orgs: root.fork('orgs'),
    banks: root.fork('banks'),
    members: root.fork('members'),
    accounts: root.fork('accounts'),
  };
}

/** Just the org tree with each cell's member count: the cheap way to size a tier. */
export function planTier(tier: Tier, seed: number): PlannedOrg[] {
  return planOrgs(tier, streams(tier, seed).orgs);
}

function bankAccounts(rng: Rng, orgs: readonly PlannedOrg[]): BankAccountRow[] {
  const rows: BankAccountRow[] = [];
  for (const org of orgs) {
    for (const draft of bankAccountsFor(rng, org.row.name, org.province.code)) {
      rows.push({
        id: rng.uuid(),
        org_id: org.row.id,
        account_no: draft.accountNo,
        holder: draft.holder,
        bank_name: draft.bankName,
        citad_code: draft.citadCode,
        is_active: draft.isActive ? 1 : 0,
        updated_at: REFERENCE_TIME,
      });
    }
  }
  return rows;
}

/**
 * Every row of a tier, built from the seed alone (no I/O, no clock): the same tier, seed and
 * password hash give identical rows, ids included.
 */
export function buildModel(tier: Tier, seed: number, passwordHash: string): GeneratedRows {
  const rng = streams(tier, seed);
  const orgs = planOrgs(tier, rng.orgs);
  const { members, officers } = buildMembers(rng.members, orgs);
  const { users, userRoles } = buildAccounts(rng.accounts, officers, passwordHash);
  return {
    orgs: orgs.map((o) => o.row),
    org_bank_accounts: bankAccounts(rng.banks, orgs),
    members,
    users,
    user_roles: userRoles,
  };
}
