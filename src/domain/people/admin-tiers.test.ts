import { describe, expect, it } from 'vitest';
import { canGrant, canManageAccount } from './admin-tiers';

const PROVINCE = '/p/';
const WARD = '/p/w/';
const CELL = '/p/w/c/';
const SIBLING = '/p/v/';

describe('canGrant', () => {
  it('lets an admin grant admin strictly below his org, other staff roles at it or below', () => {
    expect(canGrant([WARD], { role: 'admin', orgPath: CELL })).toBe(true);
    expect(canGrant([WARD], { role: 'admin', orgPath: WARD })).toBe(false);
    expect(canGrant([WARD], { role: 'processor', orgPath: WARD })).toBe(true);
    expect(canGrant([WARD], { role: 'approver', orgPath: CELL })).toBe(true);
    expect(canGrant([PROVINCE], { role: 'admin', orgPath: WARD })).toBe(true);
  });

  it('never above, beside, or the member role', () => {
    expect(canGrant([WARD], { role: 'processor', orgPath: PROVINCE })).toBe(false);
    expect(canGrant([WARD], { role: 'admin', orgPath: PROVINCE })).toBe(false);
    expect(canGrant([WARD], { role: 'clerk', orgPath: SIBLING })).toBe(false);
    // A path that only begins like the ward's is not under it.
    expect(canGrant(['/p/w'], { role: 'clerk', orgPath: '/p/ww/' })).toBe(true);
    expect(canGrant([WARD], { role: 'clerk', orgPath: '/p/ww/' })).toBe(false);
    expect(canGrant([WARD], { role: 'member', orgPath: CELL })).toBe(false);
  });
});

describe('canManageAccount', () => {
  const account = (grants: { role: 'admin' | 'processor' | 'member'; orgPath: string }[]) => ({
    id: 'u2',
    orgPath: WARD,
    grants,
  });

  it('manages the ward’s processors and the cells’ admins', () => {
    expect(canManageAccount('u1', [WARD], account([{ role: 'processor', orgPath: WARD }]))).toBe(
      true,
    );
    expect(
      canManageAccount('u1', [WARD], {
        id: 'u2',
        orgPath: CELL,
        grants: [{ role: 'admin', orgPath: CELL }],
      }),
    ).toBe(true);
  });

  it('never himself, a peer admin, a higher tier, or an account outside his subtree', () => {
    expect(canManageAccount('u2', [WARD], account([{ role: 'processor', orgPath: WARD }]))).toBe(
      false,
    );
    expect(canManageAccount('u1', [WARD], account([{ role: 'admin', orgPath: WARD }]))).toBe(false);
    expect(
      canManageAccount('u1', [WARD], account([{ role: 'processor', orgPath: PROVINCE }])),
    ).toBe(false);
    expect(canManageAccount('u1', [WARD], { id: 'u2', orgPath: SIBLING, grants: [] })).toBe(false);
  });

  it('ignores member grants, which follow the member’s cell', () => {
    expect(canManageAccount('u1', [WARD], account([{ role: 'member', orgPath: '/p/v/c9/' }]))).toBe(
      true,
    );
  });
});
