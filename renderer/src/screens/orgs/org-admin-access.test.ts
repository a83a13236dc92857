import { describe, expect, it } from 'vitest';
import { orgAdminAccess } from './org-admin-access';

const WARD = { id: 'w', path: '/p/w/' };
const CELL = { id: 'c', path: '/p/w/c/' };
const PROVINCE = { id: 'p', path: '/p/' };

describe('orgAdminAccess', () => {
  const wardAdmin = [{ role: 'admin' as const, orgId: 'w' }];

  it('lets a ward admin change what is below his ward and add under the ward itself', () => {
    expect(orgAdminAccess(wardAdmin, CELL)).toEqual({ change: true, addUnder: true });
    expect(orgAdminAccess(wardAdmin, WARD)).toEqual({ change: false, addUnder: true });
    expect(orgAdminAccess(wardAdmin, PROVINCE)).toEqual({ change: false, addUnder: false });
  });

  it('gives nothing to other roles, or beside the admin’s org', () => {
    expect(orgAdminAccess([{ role: 'processor', orgId: 'w' }], CELL)).toEqual({
      change: false,
      addUnder: false,
    });
    expect(orgAdminAccess(wardAdmin, { id: 'd', path: '/p/v/d/' }).change).toBe(false);
    expect(orgAdminAccess(undefined, CELL).change).toBe(false);
  });
});
