import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOrgCode, OrgCode, validateOrgCode } from './org-code';

describe('validateOrgCode', () => {
  it('accepts the codes seen in the admin guide: 7 digits, longer digits, legacy UUIDs', () => {
    expect(validateOrgCode('2256101')).toEqual({ ok: true, value: '2256101' });
    expect(validateOrgCode(' 001195666325 ')).toEqual({ ok: true, value: '001195666325' });
    expect(validateOrgCode('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toEqual({
      ok: true,
      value: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    });
  });

  it('accepts any 1–50 letters, digits and hyphens and formats them canonically', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z-]{1,50}$/), (code) => {
        expect(validateOrgCode(code)).toEqual({ ok: true, value: formatOrgCode(code) });
        expect(formatOrgCode(formatOrgCode(code))).toBe(formatOrgCode(code));
      }),
    );
  });

  it('rejects empty, too long and other characters, precisely', () => {
    expect(validateOrgCode('  ')).toMatchObject({ ok: false, code: 'org_code_empty' });
    expect(validateOrgCode('1'.repeat(51))).toMatchObject({
      ok: false,
      code: 'org_code_too_long',
      message: 'org code has 51 characters, at most 50 are allowed',
    });
    expect(validateOrgCode('225 6101')).toMatchObject({
      ok: false,
      code: 'org_code_invalid_characters',
      message: 'org code may contain only letters A–Z, digits and hyphens, found " " at position 4',
    });
    expect(validateOrgCode('ĐB01')).toMatchObject({ code: 'org_code_invalid_characters' });
  });
});

describe('OrgCode schema', () => {
  it('stores the canonical form', () => {
    expect(OrgCode.safeParse('2256101').success).toBe(true);
    expect(OrgCode.safeParse('ABC-1').success).toBe(false);
  });
});
