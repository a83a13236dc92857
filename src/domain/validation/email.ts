import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';
import { validatedString } from '../common/zod-result';

export type EmailCode =
  | 'email_empty'
  | 'email_has_spaces'
  | 'email_too_long'
  | 'email_missing_at'
  | 'email_several_at'
  | 'email_invalid_local_part'
  | 'email_invalid_domain';

// The common subset of RFC 5321 that mail servers and people actually use: no quoted local
// parts, no IP-literal domains, a top-level domain of letters (or an IDN "xn--" label).
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

const invalid = (code: EmailCode, message: string) =>
  fail(code, message, 'Địa chỉ email không hợp lệ (ví dụ đúng: ten@donvi.gov.vn)');

/**
 * An email address, trimmed, with its domain lowercased (domains are case-insensitive, local parts
 * may not be).
 */
export function validateEmail(email: string): Result<string, EmailCode> {
  const trimmed = email.trim();
  if (trimmed === '') return fail('email_empty', 'email is empty', 'Chưa nhập địa chỉ email');
  if (/\s/.test(trimmed))
    return invalid('email_has_spaces', `email ${JSON.stringify(trimmed)} contains whitespace`);
  if (trimmed.length > 254) {
    return invalid(
      'email_too_long',
      `email has ${trimmed.length} characters, at most 254 are allowed`,
    );
  }
  const parts = trimmed.split('@');
  if (parts.length === 1)
    return invalid('email_missing_at', `email ${JSON.stringify(trimmed)} has no @`);
  if (parts.length > 2) {
    return invalid(
      'email_several_at',
      `email ${JSON.stringify(trimmed)} has ${parts.length - 1} @ signs, expected one`,
    );
  }
  const [local = '', domain = ''] = parts;
  if (local.length === 0 || local.length > 64 || !LOCAL_PART.test(local)) {
    return invalid(
      'email_invalid_local_part',
      `the part before @ (${JSON.stringify(local)}) must be 1–64 letters, digits or !#$%&'*+/=?^_\`{|}~- with single dots between them`,
    );
  }
  const labels = domain.split('.');
  const topLevel = labels[labels.length - 1] ?? '';
  if (
    labels.length < 2 ||
    !labels.every((label) => DOMAIN_LABEL.test(label)) ||
    !TOP_LEVEL.test(topLevel)
  ) {
    return invalid(
      'email_invalid_domain',
      `the domain ${JSON.stringify(domain)} must be dot-separated labels of letters, digits and inner hyphens, ending in a top-level domain such as vn`,
    );
  }
  return ok(`${local}@${domain.toLowerCase()}`);
}

/** A stored email: trimmed, domain lowercased. */
export const Email = z.string().superRefine(
  validatedString(validateEmail, (normalized) => normalized, {
    code: 'email_not_canonical',
    what: 'email',
    whatVi: 'Địa chỉ email',
  }),
);
