import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/people/user';
import { canOpen, rolesOf, startScreen } from './role-screens';

const A = '0b9f3b5e-3f4a-4f57-9d6c-1a2b3c4d5e6f';
const B = '1c8e2a4d-2e3b-4c46-8e5b-2b3c4d5e6f70';

describe('where each role starts', () => {
  it.each<[string, Role[], unknown]>([
    [
      'a cell secretary: the dossiers waiting for him',
      ['approver'],
      { name: 'transfers', variant: 'official', side: 'outgoing', awaitingMe: true },
    ],
    [
      'a processor: the same inbox',
      ['processor'],
      { name: 'transfers', variant: 'official', side: 'outgoing', awaitingMe: true },
    ],
    ['a fee officer: fee approval', ['fee_officer'], { name: 'fees', view: 'approval' }],
    ['an admin: the org list', ['admin'], { name: 'orgs' }],
    ['a clerk: the org list', ['clerk'], { name: 'orgs' }],
    ['a member: his own account page', ['member'], { name: 'myAccount', view: 'info' }],
    ['an account without a grant: the regulations', [], { name: 'fees', view: 'rules' }],
    [
      'an admin who is also secretary: the inbox first',
      ['admin', 'approver'],
      {
        name: 'transfers',
        variant: 'official',
        side: 'outgoing',
        awaitingMe: true,
      },
    ],
  ])('%s', (_who, roles, start) => {
    expect(startScreen(roles)).toEqual(start);
    // Nobody starts on a screen he may not open.
    expect(canOpen(startScreen(roles), roles)).toBe(true);
  });
});

describe('what each role may open', () => {
  it('keeps the catalogue and member search for staff', () => {
    expect(canOpen({ name: 'orgs' }, ['member'])).toBe(false);
    expect(canOpen({ name: 'members' }, ['member'])).toBe(false);
    expect(canOpen({ name: 'orgs' }, ['fee_officer'])).toBe(true);
  });

  it('gives the account approvals to approvers and admins, who decide them', () => {
    for (const view of ['registrations', 'changes', 'positions'] as const) {
      expect(canOpen({ name: 'accounts', view }, ['approver'])).toBe(true);
      expect(canOpen({ name: 'accounts', view }, ['admin'])).toBe(true);
      expect(canOpen({ name: 'accounts', view }, ['processor'])).toBe(false);
      expect(canOpen({ name: 'accounts', view }, ['member'])).toBe(false);
    }
  });

  it('gives the user list to admins only', () => {
    expect(canOpen({ name: 'users' }, ['admin'])).toBe(true);
    for (const role of ['processor', 'approver', 'fee_officer', 'clerk', 'member'] as const)
      expect(canOpen({ name: 'users' }, [role])).toBe(false);
  });

  it('gives dossiers to those who act on them', () => {
    const inbox = { name: 'transfers', variant: 'internal', side: 'incoming' } as const;
    expect(canOpen(inbox, ['approver'])).toBe(true);
    expect(canOpen(inbox, ['processor'])).toBe(true);
    expect(canOpen(inbox, ['admin'])).toBe(false);
    expect(canOpen(inbox, ['fee_officer'])).toBe(false);
  });

  it('follows the fee routes of the access table', () => {
    const fees = (view: 'approval' | 'statements' | 'bankAccounts' | 'transactions' | 'rules') =>
      ({ name: 'fees', view }) as const;
    expect(canOpen(fees('approval'), ['approver'])).toBe(true);
    expect(canOpen(fees('approval'), ['admin'])).toBe(false);
    expect(canOpen(fees('statements'), ['approver'])).toBe(false);
    expect(canOpen(fees('bankAccounts'), ['admin'])).toBe(true);
    expect(canOpen(fees('transactions'), ['member'])).toBe(true);
    expect(canOpen(fees('transactions'), ['clerk'])).toBe(false);
    expect(canOpen(fees('rules'), [])).toBe(true);
  });

  it('gives the residence steps to staff, the committee’s decisions to approvers, the report to members', () => {
    const view = (
      v: 'newList' | 'lists' | 'write' | 'approve' | 'sign' | 'paper' | 'receive' | 'report',
    ) => ({ name: 'residence', view: v }) as const;
    for (const v of ['newList', 'lists', 'write', 'paper', 'receive'] as const) {
      expect(canOpen(view(v), ['processor'])).toBe(true);
      expect(canOpen(view(v), ['member'])).toBe(false);
    }
    expect(canOpen(view('approve'), ['processor'])).toBe(false);
    expect(canOpen(view('sign'), ['approver'])).toBe(true);
    expect(canOpen(view('sign'), ['fee_officer'])).toBe(false);
    expect(canOpen(view('report'), ['member'])).toBe(true);
    expect(canOpen(view('report'), ['admin'])).toBe(false);
  });

  it('reads the roles of the grants once each', () => {
    expect(
      rolesOf([
        { role: 'approver', orgId: A },
        { role: 'approver', orgId: B },
        { role: 'fee_officer', orgId: A },
      ]),
    ).toEqual(['approver', 'fee_officer']);
  });
});
