import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fail, ok } from './result';
import { addFailure, parseWithMessages, validatedString } from './zod-result';

const Even = z.string().superRefine(
  validatedString(
    (s: string) =>
      /^\d+$/.test(s.trim()) && Number(s) % 2 === 0
        ? ok(s.trim())
        : fail('not_even', `${s} is not an even number`, 'Phải là số chẵn'),
    (value) => value,
    { code: 'even_not_canonical', what: 'even number', whatVi: 'Số chẵn' },
  ),
);

describe('parseWithMessages', () => {
  it('returns the parsed value', () => {
    expect(parseWithMessages(z.object({ n: Even }), { n: '4' })).toEqual({
      ok: true,
      value: { n: '4' },
    });
  });

  it("keeps a domain validator's code and Vietnamese message, prefixing the path in English", () => {
    expect(parseWithMessages(z.object({ n: Even }), { n: '3' })).toEqual({
      ok: false,
      code: 'not_even',
      message: 'n: 3 is not an even number',
      messageVi: 'Phải là số chẵn',
    });
  });

  it('refuses a value the validator accepts but would store differently', () => {
    expect(parseWithMessages(Even, ' 4')).toEqual({
      ok: false,
      code: 'even_not_canonical',
      message: 'even number must be stored in canonical form "4", got " 4"',
      messageVi: 'Số chẵn phải được chuẩn hóa thành "4" trước khi lưu',
    });
  });

  it("names the field of zod's own issues in Vietnamese when labelled, else not at all", () => {
    const schema = z.object({ name: z.string() });
    expect(parseWithMessages(schema, {}, { name: 'Họ và tên' })).toMatchObject({
      code: 'invalid_field',
      messageVi: 'Trường "Họ và tên" không hợp lệ hoặc bị thiếu',
    });
    expect(parseWithMessages(schema, 5)).toMatchObject({
      code: 'invalid_field',
      messageVi: 'Dữ liệu nhập chưa hợp lệ. Vui lòng kiểm tra lại.',
    });
    // Unlabelled, the field's code name is not shown.
    expect(parseWithMessages(schema, {})).toMatchObject({
      code: 'invalid_field',
      messageVi: 'Dữ liệu nhập chưa hợp lệ. Vui lòng kiểm tra lại.',
    });
  });

  it('carries failures added by object-level refinements', () => {
    const schema = z.object({ a: z.number(), b: z.number() }).superRefine((v, ctx) => {
      if (v.a > v.b)
        addFailure(ctx, fail('a_after_b', 'a must not exceed b', 'a không được lớn hơn b'), ['a']);
    });
    expect(parseWithMessages(schema, { a: 2, b: 1 })).toEqual({
      ok: false,
      code: 'a_after_b',
      message: 'a: a must not exceed b',
      messageVi: 'a không được lớn hơn b',
    });
  });
});
