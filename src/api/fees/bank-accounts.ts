import { z } from 'zod';
import { Id } from '../../domain/common/schemas';
import { BankAccount } from '../../domain/org/org';
import { ACCOUNT_ROLES } from '../access';
import { authed, feeRoute as route, OrgIdParams } from './shared';

/** The beneficiary accounts fees are paid into: the superior's cross-check, adding and changing one. */

export const BankAccountFlagSchema = z.enum(['treasury', 'personal_holder', 'bank_unknown']);
export const SubordinateBankAccounts = z.object({
  items: z.array(
    z.object({
      orgId: z.string(),
      orgCode: z.string(),
      orgName: z.string(),
      parentId: z.string().nullable(),
      depth: z.number().int(),
      /** The org's accounts, active first; empty = none registered. */
      accounts: z.array(
        BankAccount.extend({
          flags: z.array(BankAccountFlagSchema),
          flagsVi: z.array(z.string()),
          bin: z.string().nullable(),
        }),
      ),
      /** Org-level problems: no account, no active account. */
      problemsVi: z.array(z.string()),
    }),
  ),
});
export type SubordinateBankAccounts = z.infer<typeof SubordinateBankAccounts>;
export const BankAccountParams = z.object({ id: Id, accountId: Id });
export const PutBankAccountRequest = z.object({
  accountNo: z.string().max(40),
  holder: z.string().max(200),
  bankName: z.string().max(200),
  citadCode: z.string().max(20),
  /** "Sử dụng": making this one active makes the org's other accounts inactive. */
  isActive: z.boolean(),
});
export const PutBankAccountResponse = BankAccount.extend({
  flags: z.array(BankAccountFlagSchema),
  rev: z.number().int(),
});

/** The routes of fees-bank-accounts (server/routes/fees-bank-accounts.ts). */
export const feeBankAccountRouteSpecs = {
  subordinateBankAccounts: route({
    method: 'GET',
    path: '/v1/fees/orgs/:orgId/bank-accounts',
    summary:
      "The bank accounts of the org and the orgs below it, flagged, for the superior's admin",
    tag: 'fees',
    auth: true,
    params: OrgIdParams,
    status: 200,
    response: SubordinateBankAccounts,
    errors: authed,
    access: { roles: ACCOUNT_ROLES, scope: 'org-subtree', param: 'orgId' },
  }),
  putBankAccount: route({
    method: 'PUT',
    path: '/v1/orgs/:id/bank-accounts/:accountId',
    summary:
      "Create or update an org's beneficiary account (admins above it); personal and treasury accounts are refused",
    tag: 'fees',
    auth: true,
    params: BankAccountParams,
    body: PutBankAccountRequest,
    status: 200,
    response: PutBankAccountResponse,
    errors: [...authed, 409],
    access: { roles: ['admin'], scope: 'org-subtree', param: 'id' },
  }),
};
