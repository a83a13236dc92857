import { describe, expect, it } from 'vitest';
import { verdictOf } from './signature-verdict';

describe('verdictOf', () => {
  it('is valid only when intact, unmodified and trusted', () => {
    expect(verdictOf({ intact: true, unmodifiedSince: true, trusted: true })).toBe('valid');
  });

  it('is untrusted when sound but outside the trust anchors', () => {
    expect(verdictOf({ intact: true, unmodifiedSince: true, trusted: false })).toBe('untrusted');
  });

  it('is invalid when the bytes are broken or the document changed after signing, trusted or not', () => {
    for (const trusted of [true, false]) {
      expect(verdictOf({ intact: false, unmodifiedSince: true, trusted })).toBe('invalid');
      expect(verdictOf({ intact: true, unmodifiedSince: false, trusted })).toBe('invalid');
    }
  });
});
