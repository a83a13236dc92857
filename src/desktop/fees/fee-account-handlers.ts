import { randomUUID } from 'node:crypto';
import { ACCOUNT_ROLES } from '../../api/access';
import { bankAccountFlagLabelVi } from '../../domain/fees/bank-account-check';
import type { OrgType } from '../../domain/org/org-types';
import type { FeeBankAccountRow, feeCalls } from '../contract-fees';
import type { HandlersFor } from '../service-context';
import { accountFlags, orgAccountFlags } from './bank-account-flags';
import { isOffline, type FeeHandlerSupport } from './fee-handler-support';

/** Orgs that collect fees and so hold a beneficiary account. */
const COLLECTING: ReadonlySet<string> = new Set<OrgType>([
  'province_committee',
  'superior_committee',
  'grassroots_committee',
  'grassroots_cell',
]);

type AccountCalls = 'feeBankAccounts' | 'saveFeeBankAccount';

/** The row of an org with no account yet: listed so that it can be given one. */
const withoutAccount = (
  org: Pick<FeeBankAccountRow, 'orgId' | 'orgName' | 'orgPath' | 'depth' | 'canEdit'>,
  flags: string[],
): FeeBankAccountRow => ({
  ...org,
  id: null,
  accountNo: null,
  holder: null,
  bankName: null,
  citadCode: null,
  isActive: false,
  flags,
});

/**
 * "Tài khoản ngân hàng": the accounts of the orgs below as the server checks them when online
 * (the superior's admin cross-checks; admins above an org add or change its accounts), as the
 * cache holds them offline.
 */
export function feeAccountHandlers(
  support: FeeHandlerSupport,
): HandlersFor<AccountCalls & keyof typeof feeCalls> {
  const { api, cache, user, grantPaths, covers, online, noNet, ctx } = support;

  /** The orgs of the user's account roles, without those inside another one's subtree. */
  function roots(): { orgId: string; path: string }[] {
    const granted = user()
      .roles.filter((g) => (ACCOUNT_ROLES as readonly string[]).includes(g.role))
      .map((g) => ({ orgId: g.orgId, path: cache.pathOf(g.orgId) }))
      .filter((r): r is { orgId: string; path: string } => r.path !== null);
    return granted.filter(
      (r, i) =>
        !granted.some((o) => o.path !== r.path && r.path.startsWith(o.path)) &&
        granted.findIndex((o) => o.path === r.path) === i,
    );
  }

  function fromCache(): FeeBankAccountRow[] {
    const rows: FeeBankAccountRow[] = [];
    const seen = new Set<string>();
    const editable = grantPaths(['admin']);
    for (const root of grantPaths(ACCOUNT_ROLES)) {
      for (const org of cache.orgsUnder(root)) {
        if (!COLLECTING.has(org.type) || seen.has(org.id)) continue;
        seen.add(org.id);
        const accounts = cache.accountsOf(org.id).map((a) => ({
          id: a.id,
          orgId: a.org_id,
          accountNo: a.account_no,
          holder: a.holder,
          bankName: a.bank_name,
          citadCode: a.citad_code,
          isActive: a.is_active === 1,
        }));
        const orgLevel = orgAccountFlags(accounts);
        const base = {
          orgId: org.id,
          orgName: org.name,
          orgPath: org.path,
          depth: org.depth,
          canEdit: covers(editable, org.path),
        };
        if (accounts.length === 0) rows.push(withoutAccount(base, orgLevel));
        for (const a of accounts)
          rows.push({ ...base, ...a, flags: [...orgLevel, ...accountFlags(a)] });
      }
    }
    return rows;
  }

  async function fromServer(): Promise<FeeBankAccountRow[]> {
    const rows: FeeBankAccountRow[] = [];
    const editable = grantPaths(['admin']);
    const types = new Map<string, string>();
    for (const root of roots()) {
      for (const org of cache.orgsUnder(root.path)) types.set(org.id, org.type);
      const { items } = await api.subordinateBankAccounts(root.orgId);
      for (const org of items) {
        // The same orgs as offline: those that collect (an unknown one is shown rather than lost).
        const type = types.get(org.orgId);
        if (type !== undefined && !COLLECTING.has(type)) continue;
        const path = cache.pathOf(org.orgId) ?? '';
        const base = {
          orgId: org.orgId,
          orgName: org.orgName,
          orgPath: path,
          depth: org.depth,
          canEdit: path !== '' && covers(editable, path),
        };
        if (org.accounts.length === 0)
          rows.push({ ...withoutAccount(base, org.problemsVi), bin: null });
        for (const a of org.accounts)
          rows.push({
            ...base,
            id: a.id,
            accountNo: a.accountNo,
            holder: a.holder,
            bankName: a.bankName,
            citadCode: a.citadCode,
            isActive: a.isActive,
            flags: [...org.problemsVi, ...a.flagsVi],
            bin: a.bin,
          });
      }
    }
    return rows;
  }

  return {
    async feeBankAccounts({ onlyFlagged }) {
      let rows: FeeBankAccountRow[];
      let source: 'server' | 'cache' = 'server';
      try {
        ctx.requireServerSession();
        rows = await fromServer();
      } catch (err) {
        if (!isOffline(err)) throw err;
        rows = fromCache();
        source = 'cache';
      }
      return { items: onlyFlagged ? rows.filter((r) => r.flags.length > 0) : rows, source };
    },

    saveFeeBankAccount: ({ orgId, accountId, ...account }) =>
      online(noNet('lưu tài khoản ngân hàng'), async () => {
        const saved = await api.putBankAccount(orgId, accountId ?? randomUUID(), account);
        return { ...saved, flagsVi: saved.flags.map((f) => bankAccountFlagLabelVi[f]) };
      }),
  };
}
