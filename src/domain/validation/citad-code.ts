import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';
import { validatedString } from '../common/zod-result';
import { describeFirstMatch } from './describe-char';

/** CITAD bank code (State Bank interbank payment system): 2 province + 3 bank + 3 branch digits. */
export type CitadCodeParts = {
  code: string;
  provinceCode: string;
  bankCode: string;
  branchCode: string;
};

export type CitadCodeCode = 'citad_empty' | 'citad_not_digits' | 'citad_wrong_length';

export function validateCitadCode(input: string): Result<CitadCodeParts, CitadCodeCode> {
  const code = input.trim();
  if (code === '') return fail('citad_empty', 'CITAD code is empty', 'Chưa nhập mã CITAD');
  if (!/^\d+$/.test(code)) {
    return fail(
      'citad_not_digits',
      `CITAD code must contain only digits, found ${describeFirstMatch(code, /\D/)}`,
      'Mã CITAD chỉ gồm chữ số',
    );
  }
  if (code.length !== 8) {
    return fail(
      'citad_wrong_length',
      `CITAD code must have exactly 8 digits (2 province, 3 bank, 3 branch), got ${code.length}`,
      `Mã CITAD phải gồm đúng 8 chữ số (đã nhập ${code.length} chữ số)`,
    );
  }
  return ok({
    code,
    provinceCode: code.slice(0, 2),
    bankCode: code.slice(2, 5),
    branchCode: code.slice(5),
  });
}

export const CitadCode = z.string().superRefine(
  validatedString(validateCitadCode, (parts) => parts.code, {
    code: 'citad_not_canonical',
    what: 'CITAD code',
    whatVi: 'Mã CITAD',
  }),
);
