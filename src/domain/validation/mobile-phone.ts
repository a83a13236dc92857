import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';
import { validatedString } from '../common/zod-result';
import { describeFirstMatch } from './describe-char';

/** Mobile prefixes allocated in Vietnam since the 2018 renumbering (landlines start with 02). */
export const VIETNAMESE_MOBILE_PREFIXES: ReadonlySet<string> = new Set([
  ...['032', '033', '034', '035', '036', '037', '038', '039'],
  ...['052', '055', '056', '058', '059'],
  ...['070', '076', '077', '078', '079'],
  ...['081', '082', '083', '084', '085', '086', '087', '088', '089'],
  ...['090', '091', '092', '093', '094', '096', '097', '098', '099'],
]);

export type MobilePhoneCode =
  | 'phone_empty'
  | 'phone_invalid_characters'
  | 'phone_foreign_number'
  | 'phone_missing_leading_zero'
  | 'phone_landline'
  | 'phone_wrong_length'
  | 'phone_unknown_prefix';

const SEPARATORS = /[\s.\-()]/g;

/**
 * A Vietnamese mobile number as people write it (0912 345 678, +84 912.345.678, 84-912-345-678,
 * (+84) 0912345678), normalized to 10 digits starting with 0.
 */
export function validateVietnameseMobile(phone: string): Result<string, MobilePhoneCode> {
  const compact = phone.replace(SEPARATORS, '');
  if (compact === '') {
    return fail('phone_empty', 'phone number is empty', 'Chưa nhập số điện thoại');
  }
  if (!/^\+?\d+$/.test(compact)) {
    const bad = describeFirstMatch(phone, /[^\d\s.\-()+]/);
    const found = bad === '' ? 'found a + that does not lead the number' : `found ${bad}`;
    return fail(
      'phone_invalid_characters',
      `phone number may contain only digits, spaces, dots, dashes, parentheses and a leading +; ${found}`,
      'Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, gạch ngang hoặc +84 ở đầu)',
    );
  }
  if (compact.startsWith('+') && !compact.startsWith('+84')) {
    return fail(
      'phone_foreign_number',
      `phone number ${compact} has a foreign country code; only Vietnamese (+84) mobile numbers are accepted`,
      'Chỉ chấp nhận số điện thoại di động Việt Nam (đầu số 0 hoặc +84)',
    );
  }
  // "+84 0912…" repeats the trunk zero; people write it often enough to accept it.
  const national = /^\+?84/.test(compact) ? '0' + compact.replace(/^\+?840?/, '') : compact;
  if (!national.startsWith('0')) {
    return fail(
      'phone_missing_leading_zero',
      `phone number ${compact} must start with 0 or +84`,
      'Số điện thoại phải bắt đầu bằng 0 hoặc +84',
    );
  }
  if (national.startsWith('02')) {
    return fail(
      'phone_landline',
      `phone number ${national} is a landline (02x area code); a mobile number is required`,
      'Đây là số điện thoại cố định; vui lòng nhập số điện thoại di động',
    );
  }
  if (national.length !== 10) {
    return fail(
      'phone_wrong_length',
      `a mobile number has 10 digits in national form (0 + 9 digits), got ${national.length} in ${national}`,
      `Số điện thoại di động phải gồm 10 chữ số (đã nhập ${national.length} chữ số)`,
    );
  }
  const prefix = national.slice(0, 3);
  if (!VIETNAMESE_MOBILE_PREFIXES.has(prefix)) {
    return fail(
      'phone_unknown_prefix',
      `prefix ${prefix} of ${national} is not an allocated Vietnamese mobile prefix`,
      `Đầu số ${prefix} không phải đầu số di động tại Việt Nam`,
    );
  }
  return ok(national);
}

/** A stored mobile number: 10 digits starting with 0, an allocated prefix. */
export const VietnameseMobile = z.string().superRefine(
  validatedString(validateVietnameseMobile, (national) => national, {
    code: 'phone_not_canonical',
    what: 'phone number',
    whatVi: 'Số điện thoại',
  }),
);
