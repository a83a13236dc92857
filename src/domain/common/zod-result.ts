import type { z } from 'zod';
import { fail, ok, type Failure, type Result } from './result';

/** Extra data our own zod issues carry so a parse failure keeps its code and Vietnamese text. */
type IssueParams = { code: string; messageVi: string };

type RefinementContext = { addIssue: (issue: z.core.$ZodSuperRefineIssue) => void };

/** Reports a domain validator's failure inside a zod refinement, keeping code and messageVi. */
export function addFailure(
  ctx: RefinementContext,
  failure: Failure,
  path: PropertyKey[] = [],
): void {
  const params: IssueParams = { code: failure.code, messageVi: failure.messageVi };
  ctx.addIssue({ code: 'custom', message: failure.message, path, params });
}

/**
 * A string field checked by a domain validator. The stored value must already be in the
 * validator's canonical form (forms normalize user input with the validator before saving), so
 * two spellings of one value never reach the database.
 */
export function validatedString<T>(
  validate: (input: string) => Result<T>,
  canonical: (value: T) => string,
  notCanonical: { code: string; what: string; whatVi: string },
) {
  return (input: string, ctx: RefinementContext): void => {
    const result = validate(input);
    if (!result.ok) return addFailure(ctx, result);
    const expected = canonical(result.value);
    if (expected !== input) {
      addFailure(
        ctx,
        fail(
          notCanonical.code,
          `${notCanonical.what} must be stored in canonical form ${JSON.stringify(expected)}, got ${JSON.stringify(input)}`,
          `${notCanonical.whatVi} phải được chuẩn hóa thành "${expected}" trước khi lưu`,
        ),
      );
    }
  };
}

/**
 * Parses with a schema and turns the first issue into a Failure. Issues raised by our validators
 * keep their code and Vietnamese message; zod's own issues (wrong type, missing field) get a
 * generic code and name the field by its Vietnamese label, or not at all when it has none.
 */
export function parseWithMessages<S extends z.ZodType>(
  schema: S,
  input: unknown,
  fieldLabelsVi: Partial<Record<string, string>> = {},
): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  if (!issue) return fail('invalid_input', 'invalid input', 'Dữ liệu không hợp lệ');
  const path = issue.path.map(String).join('.');
  const params = (issue as { params?: Partial<IssueParams> }).params;
  const where = path === '' ? '' : `${path}: `;
  if (params?.code && params.messageVi) {
    return fail(params.code, `${where}${issue.message}`, params.messageVi);
  }
  const field = String(issue.path[0] ?? '');
  // A field without a label is not named: its code name means nothing to the user.
  const label = fieldLabelsVi[field];
  return fail(
    'invalid_field',
    `${where}${issue.message}`,
    label === undefined
      ? 'Dữ liệu nhập chưa hợp lệ. Vui lòng kiểm tra lại.'
      : `Trường "${label}" không hợp lệ hoặc bị thiếu`,
  );
}
