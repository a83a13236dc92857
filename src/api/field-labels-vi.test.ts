import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invalidFieldVi } from './field-labels-vi';

describe('invalidFieldVi', () => {
  it("keeps a schema's own Vietnamese message, closing the sentence", () => {
    expect(invalidFieldVi('dataBase64', 'Tệp sao kê rỗng')).toBe('Tệp sao kê rỗng.');
    expect(invalidFieldVi('dataBase64', 'Tệp sao kê rỗng.')).toBe('Tệp sao kê rỗng.');
  });

  it("names a field in the screen's words instead of zod's English or the field's name", () => {
    const issue = z.object({ bankReference: z.string().min(3) }).safeParse({ bankReference: '' })
      .error?.issues[0];
    const message = invalidFieldVi(issue?.path.join('.') ?? '', issue?.message);
    expect(message).toBe('Số tham chiếu không hợp lệ: vui lòng kiểm tra lại rồi thử lại.');
    expect(invalidFieldVi('items.3.amount', 'Too small')).toBe(
      'Số tiền không hợp lệ: vui lòng kiểm tra lại rồi thử lại.',
    );
  });

  it('never leaks a name it does not know', () => {
    const message = invalidFieldVi('gatewayTxnId', 'Invalid input');
    expect(message).not.toContain('gatewayTxnId');
    expect(message).toBe(
      'Dữ liệu không hợp lệ: vui lòng kiểm tra lại thông tin đã nhập rồi thử lại.',
    );
  });
});
