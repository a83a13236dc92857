import { describe, expect, it } from 'vitest';
import {
  buildScope,
  canSeeOrg,
  isInScopeSubtree,
  subtreesOfRole,
  subtreeUpperBound,
} from './scope';

describe('scope', () => {
  it('keeps the outermost granted subtrees and their ancestors', () => {
    const scope = buildScope('u', [
      { role: 'processor', orgId: 'c', path: '/p/w/c/' },
      { role: 'admin', orgId: 'w', path: '/p/w/' },
      { role: 'clerk', orgId: 'x', path: '/p/v/x/' },
    ]);
    expect(scope.subtreePaths).toEqual(['/p/v/x/', '/p/w/']);
    expect(scope.ancestorIds).toEqual(['p', 'v']);
    expect(canSeeOrg(scope, 'c', '/p/w/c/')).toBe(true);
    expect(canSeeOrg(scope, 'p', '/p/')).toBe(true);
    expect(canSeeOrg(scope, 'v', '/p/v/')).toBe(true);
    expect(isInScopeSubtree(scope, '/p/v/')).toBe(false);
    expect(canSeeOrg(scope, 'y', '/p/v/y/')).toBe(false);
    expect(subtreesOfRole(scope, 'admin')).toEqual(['/p/w/']);
  });

  it('hashes the grants independently of their order, and changes with any grant or path', () => {
    const a = { role: 'admin', orgId: 'w', path: '/p/w/' };
    const b = { role: 'clerk', orgId: 'c', path: '/p/w/c/' };
    const hash = buildScope('u', [a, b]).hash;
    expect(buildScope('u', [b, a]).hash).toBe(hash);
    expect(buildScope('u', [a]).hash).not.toBe(hash);
    expect(buildScope('u', [a, { ...b, path: '/p/v/c/' }]).hash).not.toBe(hash);
    expect(buildScope('u', [a, { ...b, role: 'admin' }]).hash).not.toBe(hash);
    expect(buildScope('other', [a, b]).hash).not.toBe(hash);
  });

  it('gives a member grant no subtree: only the names of its org line, and the own record', () => {
    const member = buildScope('u', [{ role: 'member', orgId: 'c', path: '/p/w/c/' }], 'm1');
    expect(member.subtreePaths).toEqual([]);
    expect(member.ancestorIds).toEqual(['c', 'p', 'w']);
    expect(member.memberId).toBe('m1');
    expect(isInScopeSubtree(member, '/p/w/c/')).toBe(false);
    expect(canSeeOrg(member, 'c', '/p/w/c/')).toBe(true);
    expect(canSeeOrg(member, 'd', '/p/w/d/')).toBe(false);
    expect(subtreesOfRole(member, 'member')).toEqual([]);

    // Staff and member grants together: the staff subtree, and the member line outside it.
    const both = buildScope('u', [
      { role: 'member', orgId: 'x', path: '/p/v/x/' },
      { role: 'approver', orgId: 'c', path: '/p/w/c/' },
    ]);
    expect(both.subtreePaths).toEqual(['/p/w/c/']);
    expect(both.ancestorIds).toEqual(['p', 'v', 'w', 'x']);
    const inside = buildScope('u', [
      { role: 'member', orgId: 'c', path: '/p/w/c/' },
      { role: 'admin', orgId: 'w', path: '/p/w/' },
    ]);
    expect(inside.ancestorIds).toEqual(['p']);
  });

  it('changes the hash with the own member record and with the scope model', () => {
    const g = [{ role: 'member', orgId: 'c', path: '/p/w/c/' }];
    expect(buildScope('u', g, 'm1').hash).not.toBe(buildScope('u', g, 'm2').hash);
    expect(buildScope('u', g, 'm1').hash).not.toBe(buildScope('u', g, null).hash);
  });

  it('bounds a subtree so siblings with longer ids stay out', () => {
    const upper = subtreeUpperBound('/p/w/');
    expect(upper).toBe('/p/w0');
    for (const inside of ['/p/w/', '/p/w/c/', '/p/w/zzz/']) {
      expect(inside >= '/p/w/' && inside < upper).toBe(true);
    }
    for (const outside of ['/p/w-1/', '/p/w.x/', '/p/wa/', '/p/x/', '/p/']) {
      expect(outside >= '/p/w/' && outside < upper).toBe(false);
    }
  });
});
