import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fieldLabelVi, issueMessageVi } from './field-messages';

const firstIssue = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error.issues[0];
};

describe('issueMessageVi', () => {
  it("names the field by the screen's word, never by its code name", () => {
    const statement = z.object({ dataBase64: z.string().min(1) });
    expect(issueMessageVi(firstIssue(statement, { dataBase64: '' }))).toBe(
      'Tệp sao kê không được để trống. Vui lòng kiểm tra lại.',
    );
    const search = z.object({ q: z.string().max(5) });
    expect(issueMessageVi(firstIssue(search, { q: 'quá dài rồi' }))).toBe(
      'Từ khóa tìm kiếm dài quá mức cho phép. Vui lòng kiểm tra lại.',
    );
  });

  it('says a missing field was not entered and a wrong choice is not allowed', () => {
    const login = z.object({ username: z.string(), role: z.enum(['admin']) });
    expect(issueMessageVi(firstIssue(login, { role: 'admin' }))).toBe(
      'Tên đăng nhập chưa được nhập. Vui lòng kiểm tra lại.',
    );
    expect(issueMessageVi(firstIssue(login, { username: 'a', role: 'x' }))).toBe(
      'Vai trò không thuộc các lựa chọn cho phép. Vui lòng kiểm tra lại.',
    );
  });

  it('names the innermost field of a row, and none for a field it has no word for', () => {
    const approve = z.object({ items: z.array(z.object({ amount: z.number().min(0) })) });
    expect(issueMessageVi(firstIssue(approve, { items: [{ amount: -1 }] }))).toBe(
      'Số tiền nhỏ hơn mức cho phép. Vui lòng kiểm tra lại.',
    );
    const internal = z.object({ fingerprintSha256: z.string().length(64) });
    const message = issueMessageVi(firstIssue(internal, { fingerprintSha256: 'x' }));
    expect(message).toBe('Dữ liệu nhập chưa hợp lệ. Vui lòng kiểm tra lại các trường đã nhập.');
    expect(fieldLabelVi(['items', 0, 'amount'])).toBe('Số tiền');
  });
});
