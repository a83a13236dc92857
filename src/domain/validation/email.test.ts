import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Email, validateEmail } from './email';

const word = (chars: string, max = 10) =>
  fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: max }).map((c) => c.join(''));
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const localPart = fc
  .array(word(ALNUM + "_+-'"), { minLength: 1, maxLength: 3 })
  .map((w) => w.join('.'));
const label = fc
  .tuple(
    word(ALNUM, 1),
    fc.option(fc.tuple(word(ALNUM + '-', 8), word(ALNUM, 1)), { nil: undefined }),
  )
  .map(([first, rest]) => (rest ? first + rest[0] + rest[1] : first));
const domain = fc
  .tuple(
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('vn', 'com', 'gov.vn', 'org.vn', 'VN'),
  )
  .map(([labels, tld]) => [...labels, tld].join('.'));
const email = fc
  .tuple(localPart, domain)
  .map(([l, d]) => ({ local: l, domain: d, email: `${l}@${d}` }));

describe('validateEmail', () => {
  it('accepts well-formed addresses, trimmed, with the domain lowercased', () => {
    fc.assert(
      fc.property(email, ({ local, domain, email }) => {
        expect(validateEmail(` ${email} `)).toEqual({
          ok: true,
          value: `${local}@${domain.toLowerCase()}`,
        });
      }),
    );
    expect(validateEmail('trangtindientuthanhuy@hanoi.gov.vn').ok).toBe(true);
  });

  it('rejects a missing or repeated @', () => {
    fc.assert(
      fc.property(email, ({ local, domain, email }) => {
        expect(validateEmail(local + domain)).toMatchObject({
          ok: false,
          code: 'email_missing_at',
        });
        expect(validateEmail(email + '@x.vn')).toMatchObject({
          ok: false,
          code: 'email_several_at',
        });
      }),
    );
  });

  it('rejects spaces, bad local parts and bad domains', () => {
    fc.assert(
      fc.property(email, fc.nat(), ({ email }, at) => {
        const i = at % (email.length + 1);
        expect(validateEmail(email.slice(0, i) + 'x y' + email.slice(i))).toMatchObject({
          ok: false,
          code: 'email_has_spaces',
        });
      }),
    );
    expect(validateEmail('.an@x.vn')).toMatchObject({ code: 'email_invalid_local_part' });
    expect(validateEmail('a..n@x.vn')).toMatchObject({ code: 'email_invalid_local_part' });
    expect(validateEmail('nguyễn@x.vn')).toMatchObject({ code: 'email_invalid_local_part' });
    expect(validateEmail('an@localhost')).toMatchObject({ code: 'email_invalid_domain' });
    expect(validateEmail('an@-x.vn')).toMatchObject({ code: 'email_invalid_domain' });
    expect(validateEmail('an@x.v')).toMatchObject({ code: 'email_invalid_domain' });
    expect(validateEmail('an@x..vn')).toMatchObject({ code: 'email_invalid_domain' });
    expect(validateEmail('')).toMatchObject({
      code: 'email_empty',
      messageVi: 'Chưa nhập địa chỉ email',
    });
    expect(validateEmail(`${'a'.repeat(64)}@${'b'.repeat(190)}.vn`)).toMatchObject({
      code: 'email_too_long',
    });
  });
});

describe('Email schema', () => {
  it('stores only the normalized form', () => {
    expect(Email.safeParse('An@hanoi.gov.vn').success).toBe(true);
    expect(Email.safeParse('An@HANOI.gov.vn').success).toBe(false);
  });
});
