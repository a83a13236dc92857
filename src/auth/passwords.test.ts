import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  deriveKey,
  hashPassword,
  needsRehash,
  scryptDerivations,
  verifyPassword,
} from './passwords';

/** Cheap parameters: the format and the checks do not depend on the cost. */
const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

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

  it('asks for a rehash when any stored parameter is weaker than the target, or malformed', async () => {
    const weak = await hashPassword('x', TEST_SCRYPT);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak, TEST_SCRYPT)).toBe(false);
    expect(needsRehash(weak, { ...TEST_SCRYPT, r: 16 })).toBe(true);
    expect(needsRehash(weak, { ...TEST_SCRYPT, p: 2 })).toBe(true);
    expect(needsRehash(weak, { N: 2 ** 9, r: 8, p: 1 })).toBe(false);
    expect(needsRehash('scrypt$junk')).toBe(true);
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('hashes new passwords at N = 2^17 by default', async () => {
    const hash = await hashPassword('Mật khẩu 1');
    expect(hash.split('$').slice(1, 4)).toEqual(['131072', '8', '1']);
    expect(await verifyPassword('Mật khẩu 1', hash)).toBe(true);
    expect(needsRehash(hash)).toBe(false);
  });

  it('derives the same key from either Unicode spelling, another from another salt or password', async () => {
    const salt = Buffer.alloc(16, 7);
    const key = await deriveKey('mật khẩu'.normalize('NFC'), salt, TEST_SCRYPT);
    expect(key).toHaveLength(32);
    expect(await deriveKey('mật khẩu'.normalize('NFD'), salt, TEST_SCRYPT)).toEqual(key);
    expect(await deriveKey('mật khẩu', Buffer.alloc(16, 8), TEST_SCRYPT)).not.toEqual(key);
    expect(await deriveKey('mật khẩu!', salt, TEST_SCRYPT)).not.toEqual(key);
    expect(await deriveKey('mật khẩu', salt, TEST_SCRYPT, 64)).toHaveLength(64);
    await expect(deriveKey('x', salt, { N: 2 ** 30, r: 8, p: 1 })).rejects.toThrow(/out of bounds/);
  });

  it('counts each derivation, so callers can prove how many checks ran', async () => {
    const before = scryptDerivations();
    const hash = await hashPassword('x', TEST_SCRYPT);
    await verifyPassword('y', hash);
    await verifyPassword('y', 'malformed');
    expect(scryptDerivations() - before).toBe(2);
  });
});
