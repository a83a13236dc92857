import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';
import { validatedString } from '../common/zod-result';
import { describeFirstMatch } from '../validation/describe-char';

/**
 * Org codes (Mã cơ quan, đơn vị) are mostly 7-digit numbers like 2256101, sometimes longer digit
 * strings, and for some legacy orgs UUIDs. So: 1–50 letters, digits and hyphens.
 */
export type OrgCodeCode = 'org_code_empty' | 'org_code_too_long' | 'org_code_invalid_characters';

const MAX_LENGTH = 50;

/** The canonical form: trimmed, letters lowercased (legacy UUID codes come in both cases). */
export function formatOrgCode(code: string): string {
  return code.trim().toLowerCase();
}

export function validateOrgCode(code: string): Result<string, OrgCodeCode> {
  const formatted = formatOrgCode(code);
  if (formatted === '')
    return fail('org_code_empty', 'org code is empty', 'Chưa nhập mã tổ chức đảng');
  if (formatted.length > MAX_LENGTH) {
    return fail(
      'org_code_too_long',
      `org code has ${formatted.length} characters, at most ${MAX_LENGTH} are allowed`,
      `Mã tổ chức đảng dài tối đa ${MAX_LENGTH} ký tự (đã nhập ${formatted.length})`,
    );
  }
  if (!/^[0-9a-z-]+$/.test(formatted)) {
    return fail(
      'org_code_invalid_characters',
      `org code may contain only letters A–Z, digits and hyphens, found ${describeFirstMatch(code.trim(), /[^0-9A-Za-z-]/)}`,
      'Mã tổ chức đảng chỉ gồm chữ cái không dấu, chữ số và dấu gạch ngang',
    );
  }
  return ok(formatted);
}

/** A stored org code, in canonical form. */
export const OrgCode = z.string().superRefine(
  validatedString(validateOrgCode, (formatted) => formatted, {
    code: 'org_code_not_canonical',
    what: 'org code',
    whatVi: 'Mã tổ chức đảng',
  }),
);
