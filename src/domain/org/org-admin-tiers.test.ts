import { describe, expect, it } from 'vitest';
import { canChangeOrg, canPlaceUnder, isWithinSubtree } from './org-admin-tiers';

const PROVINCE = '/p/';
const WARD = '/p/w/';
const CELL = '/p/w/c/';
const SIBLING = '/p/v/';
const SIBLING_CELL = '/p/v/d/';

describe('canChangeOrg', () => {
  it('lets an admin change the orgs strictly below his own', () => {
    expect(canChangeOrg([WARD], CELL)).toBe(true);
    expect(canChangeOrg([PROVINCE], WARD)).toBe(true);
    expect(canChangeOrg([PROVINCE], CELL)).toBe(true);
  });

  it('never his own org, one above, or one beside', () => {
    expect(canChangeOrg([WARD], WARD)).toBe(false);
    expect(canChangeOrg([WARD], PROVINCE)).toBe(false);
    expect(canChangeOrg([WARD], SIBLING_CELL)).toBe(false);
    // A path that only begins like the ward's is not under it.
    expect(canChangeOrg([WARD], '/p/ww/c/')).toBe(false);
  });
});

describe('canPlaceUnder', () => {
  it('places under his own org or below, never above or beside', () => {
    expect(canPlaceUnder([WARD], WARD)).toBe(true);
    expect(canPlaceUnder([WARD], CELL)).toBe(true);
    expect(canPlaceUnder([WARD], PROVINCE)).toBe(false);
    expect(canPlaceUnder([WARD], SIBLING)).toBe(false);
    expect(canPlaceUnder([WARD, SIBLING], SIBLING)).toBe(true);
  });
});

describe('isWithinSubtree', () => {
  it('says a parent in the moved subtree, the org itself included, loops', () => {
    expect(isWithinSubtree(WARD, WARD)).toBe(true);
    expect(isWithinSubtree(WARD, CELL)).toBe(true);
    expect(isWithinSubtree(CELL, WARD)).toBe(false);
    expect(isWithinSubtree(WARD, '/p/ww/')).toBe(false);
  });
});
