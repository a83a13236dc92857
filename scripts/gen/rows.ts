import type { Selectable } from 'kysely';
import type {
  MembersTable,
  OrgBankAccountsTable,
  OrgsTable,
  UserRolesTable,
  UsersTable,
} from '../../src/db/server-schema';

/**
 * The generated rows, exactly as stored, but without `rev`: the writer numbers them from the
 * block it reserves on the global counter, in the order of the arrays.
 */
type Unnumbered<T> = Omit<Selectable<T>, 'rev' | 'deleted'>;

export type OrgRow = Unnumbered<OrgsTable>;
export type BankAccountRow = Unnumbered<OrgBankAccountsTable>;
export type MemberRow = Unnumbered<MembersTable>;
export type UserRow = Unnumbered<UsersTable>;
export type UserRoleRow = Unnumbered<UserRolesTable>;

/** The tables the generator fills, in write order (parents before the rows that refer to them). */
export const GENERATED_TABLES = [
  'orgs',
  'org_bank_accounts',
  'members',
  'users',
  'user_roles',
] as const;
export type GeneratedTable = (typeof GENERATED_TABLES)[number];

export interface GeneratedRows {
  orgs: OrgRow[];
  org_bank_accounts: BankAccountRow[];
  members: MemberRow[];
  users: UserRow[];
  user_roles: UserRoleRow[];
}

/** 2026-11-01: every generated timestamp, so two runs give identical bytes. */
export const REFERENCE_TIME = '2026-11-01T00:00:00.000Z';
export const REFERENCE_DATE = REFERENCE_TIME.slice(0, 10);
