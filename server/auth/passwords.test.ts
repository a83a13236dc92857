import { describe, expect, it } from 'vitest';
import { TEST_SCRYPT } from '../test/fixture';
import { hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hash in the scrypt$N$r$p$salt$hash format and verify only the right password', async () => {
    const hash = await hashPassword('Mật khẩu 1', TEST_SCRYPT);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword('Mật khẩu 1', hash)).toBe(true);
    expect(await verifyPassword('Mật khẩu 2', hash)).toBe(false);
    // Same password, new salt.
    expect(await hashPassword('Mật khẩu 1', TEST_SCRYPT)).not.toBe(hash);
  });

  it('treats both Unicode spellings of a Vietnamese password as the same', async () => {
    const composed = 'mật khẩu'.normalize('NFC');
    const hash = await hashPassword(composed, TEST_SCRYPT);
    expect(await verifyPassword(composed.normalize('NFD'), hash)).toBe(true);
  });

  it('never matches a malformed or absurd stored hash', async () => {
    const hash = await hashPassword('x', TEST_SCRYPT);
    const [, , r, p, salt, key] = hash.split('$');
    for (const stored of [
      '',
      'bcrypt$x',
      hash.replace('scrypt', 'scrypy'),
      ['scrypt', 1000, r, p, salt, key].join('$'), // N not a power of two
      ['scrypt', 2 ** 30, r, p, salt, key].join('$'), // would allocate gigabytes
      ['scrypt', 1024, r, p, salt, 'c2hvcnQ='].join('$'),
    ]) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });
});
