import { describe, expect, it } from 'vitest';
import { cookieValue, createHostSession, LAUNCH_CODE_TTL_MS } from './host-session';

describe('host session', () => {
  it('lets a launch code be used once, and only before it expires', () => {
    const session = createHostSession();
    const now = 1_000_000;
    const code = session.issueLaunchCode(now);
    expect(session.exchange(code, now + 1)).toContain(session.secret);
    expect(session.exchange(code, now + 2)).toBeUndefined();
    const late = session.issueLaunchCode(now);
    expect(session.exchange(late, now + LAUNCH_CODE_TTL_MS + 1)).toBeUndefined();
    // An expired code stays used up: asking again after the clock is fixed does not revive it.
    expect(session.exchange(late, now)).toBeUndefined();
  });

  it('accepts the secret as a cookie or a bearer header, nothing else', () => {
    const session = createHostSession();
    const other = createHostSession();
    expect(session.authorized({ cookie: `a=1; dangvu_host=${session.secret}` })).toBe(true);
    expect(session.authorized({ authorization: `Bearer ${session.secret}` })).toBe(true);
    expect(session.authorized({ cookie: `dangvu_host=${other.secret}` })).toBe(false);
    expect(session.authorized({ authorization: session.secret })).toBe(false);
    // A wrong bearer is not rescued by a right cookie: one credential per request.
    const both = { authorization: 'Bearer x', cookie: `dangvu_host=${session.secret}` };
    expect(session.authorized(both)).toBe(false);
    expect(session.authorized({})).toBe(false);
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(cookieValue('a=1; b=2;c = 3', 'c')).toBe('3');
    expect(cookieValue('ab=1', 'a')).toBeUndefined();
    expect(cookieValue(undefined, 'a')).toBeUndefined();
  });
});
