import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('pull cursor', () => {
  it('round-trips the scope hash and rev', () => {
    const text = encodeCursor({ scopeHash: 'abc_DEF-123', rev: 123456 });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual({
      ok: true,
      cursor: { scopeHash: 'abc_DEF-123', rev: 123456 },
    });
  });

  it('tells a cursor of another version (start over) from garbage (bad request)', () => {
    const v = (s: string) => Buffer.from(s).toString('base64url');
    expect(decodeCursor(v('v2.abc.5'))).toEqual({ ok: false, reason: 'stale' });
    for (const bad of [
      '',
      '!!',
      v('v1.abc'),
      v('v1.abc.-1'),
      v('v1.abc.01'),
      v('v1..5'),
      v('x.abc.5'),
      v('v1.a b.5'),
    ]) {
      expect(decodeCursor(bad)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
