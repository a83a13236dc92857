import { ACCOUNT_DECIDER_ROLES } from '../../src/domain/accounts/account-request';
import type { Role, RoleGrant } from '../../src/domain/people/user';
import {
  ACCOUNT_ROLES,
  CELL_FEE_ROLES,
  FEE_STAFF_ROLES,
  STAFF_ROLES,
} from '../../src/desktop/contract-access';
import { OVERSIGHT_ROLES } from '../../src/desktop/contract-oversight';
import type { AccountsView, AccountView, FeeView, ResidenceView, Screen } from './navigation';

/** Who acts on dossiers (transfer-machine: processors and approvers of the org holding one). */
const TRANSFER_ROLES = ['processor', 'approver'] as const satisfies readonly Role[];

/** A screen as the menu knows it: its name, and its view for the screens that have views. */
export type ScreenFamily =
  | Exclude<Screen['name'], 'fees' | 'residence' | 'accounts' | 'myAccount'>
  | `fees:${FeeView}`
  | `residence:${ResidenceView}`
  | `accounts:${AccountsView}`
  | `myAccount:${AccountView}`;

/**
 * The roles that can use each screen: the same groups as the server's access table, so the menu
 * offers only what the server then allows (docs/authorization-matrix.md). The org tree and member
 * search are staff work; a member reads only his own payments and the regulations.
 */
export const SCREEN_ROLES: Record<ScreenFamily, readonly Role[] | 'any'> = {
  orgs: STAFF_ROLES,
  members: STAFF_ROLES,
  users: ['admin'],
  // Every admin reads the calendar; the top org's admin edits it (the server decides, 0032).
  holidays: ['admin'],
  // An admin imports orgs and members under his own org (the server checks the subtree, 0040).
  imports: ['admin'],
  transfers: TRANSFER_ROLES,
  // A member files and follows his own transfers.
  myTransfers: ['member'],
  // Whatever this machine still has to send, whoever queued it.
  outbox: STAFF_ROLES,
  'fees:approval': CELL_FEE_ROLES,
  'fees:cellPayment': CELL_FEE_ROLES,
  'fees:transactions': [...FEE_STAFF_ROLES, 'member'],
  'fees:statements': ACCOUNT_ROLES,
  'fees:ledger': FEE_STAFF_ROLES,
  'fees:bankAccounts': ACCOUNT_ROLES,
  // Regulations: every signed-in account, with or without a grant.
  'fees:rules': 'any',
  // The member pays his own month (the server's self payment).
  'fees:memberPayment': ['member'],
  // Quy định 213: staff of the workplace, the residence cell and the ward committee act on lists
  // and forms (docs/decisions/0028: access is scoped by org on the server); the member reports.
  'residence:newList': TRANSFER_ROLES,
  'residence:lists': TRANSFER_ROLES,
  'residence:write': TRANSFER_ROLES,
  'residence:approve': ['approver'],
  'residence:sign': ['approver'],
  'residence:paper': TRANSFER_ROLES,
  'residence:receive': TRANSFER_ROLES,
  'residence:report': ['member'],
  // Member accounts: approvers and admins of the deciding org decide (decision 0031).
  'accounts:registrations': ACCOUNT_DECIDER_ROLES,
  'accounts:changes': ACCOUNT_DECIDER_ROLES,
  'accounts:positions': ACCOUNT_DECIDER_ROLES,
  // The member's own account page and the requests he files about himself (issue 13).
  'myAccount:info': ['member'],
  'myAccount:change': ['member'],
  // Who signs documents with his token keeps his own signature image (decision 0039).
  'myAccount:signature': ['approver'],
  // Oversight of the subtree: its admins and the committee's staff (docs/decisions/0034).
  dashboard: OVERSIGHT_ROLES,
  readiness: OVERSIGHT_ROLES,
};

export const familyOf = (screen: Screen): ScreenFamily =>
  screen.name === 'fees'
    ? `fees:${screen.view}`
    : screen.name === 'residence'
      ? `residence:${screen.view}`
      : screen.name === 'accounts'
        ? `accounts:${screen.view}`
        : screen.name === 'myAccount'
          ? `myAccount:${screen.view}`
          : screen.name;

/** The roles of the session user's grants, each once. */
export const rolesOf = (grants: readonly RoleGrant[]): Role[] => [
  ...new Set(grants.map((g) => g.role)),
];

export function mayUse(family: ScreenFamily, roles: readonly Role[]): boolean {
  const allowed = SCREEN_ROLES[family];
  return allowed === 'any' || roles.some((role) => allowed.includes(role));
}

export const canOpen = (screen: Screen, roles: readonly Role[]): boolean =>
  mayUse(familyOf(screen), roles);

/**
 * Where each role's work is, most pressing first, for a user with several: dossiers have legal
 * deadlines, fee approval is monthly, the catalogue is occasional. A member starts on his own
 * account page.
 */
const START_BY_ROLE: readonly [Role, Screen][] = [
  ['approver', { name: 'transfers', variant: 'official', side: 'outgoing', awaitingMe: true }],
  ['processor', { name: 'transfers', variant: 'official', side: 'outgoing', awaitingMe: true }],
  ['fee_officer', { name: 'fees', view: 'approval' }],
  ['admin', { name: 'orgs' }],
  ['clerk', { name: 'orgs' }],
  ['member', { name: 'myAccount', view: 'info' }],
];

/** The screen a user starts on after logging in. */
export function startScreen(roles: readonly Role[]): Screen {
  const start = START_BY_ROLE.find(([role]) => roles.includes(role));
  // No grant at all: the regulations are open to every account.
  return start?.[1] ?? { name: 'fees', view: 'rules' };
}
