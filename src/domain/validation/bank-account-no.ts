import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';
import { validatedString } from '../common/zod-result';
import { describeFirstMatch } from './describe-char';

export type BankAccountNoCode =
  | 'bank_account_no_empty'
  | 'bank_account_no_has_letters'
  | 'bank_account_no_invalid_characters'
  | 'bank_account_no_wrong_length';

const MIN_DIGITS = 6;
const MAX_DIGITS = 19;

/** A bank account number: 6–19 digits; the spaces people group digits with are removed. */
export function validateBankAccountNo(input: string): Result<string, BankAccountNoCode> {
  const digits = input.replace(/\s+/g, '');
  if (digits === '') {
    return fail('bank_account_no_empty', 'bank account number is empty', 'Chưa nhập số tài khoản');
  }
  if (/\p{L}/u.test(digits)) {
    // Most often the letter O typed for the digit 0, or an account alias instead of the number.
    return fail(
      'bank_account_no_has_letters',
      `bank account number must contain only digits, found the letter ${describeFirstMatch(digits, /\p{L}/u)}`,
      'Số tài khoản chỉ gồm chữ số, không có chữ cái (kiểm tra chữ O và số 0; không dùng tên gợi nhớ của tài khoản)',
    );
  }
  if (!/^\d+$/.test(digits)) {
    return fail(
      'bank_account_no_invalid_characters',
      `bank account number must contain only digits, found ${describeFirstMatch(digits, /\D/)}`,
      'Số tài khoản chỉ gồm chữ số',
    );
  }
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
    return fail(
      'bank_account_no_wrong_length',
      `bank account number must have ${MIN_DIGITS}–${MAX_DIGITS} digits, got ${digits.length}`,
      `Số tài khoản phải có từ ${MIN_DIGITS} đến ${MAX_DIGITS} chữ số (đã nhập ${digits.length} chữ số)`,
    );
  }
  return ok(digits);
}

export const BankAccountNo = z.string().superRefine(
  validatedString(validateBankAccountNo, (digits) => digits, {
    code: 'bank_account_no_not_canonical',
    what: 'bank account number',
    whatVi: 'Số tài khoản',
  }),
);
