import type { FormInstance } from 'antd';
import type { DesktopError } from '../../../src/desktop/contract';
import type { ZodType } from 'zod';

/**
 * Puts a refusal that names one of the form's fields (DesktopError.field) under that field, as
 * the form's own rules would; returns false when it names none, for the form's alert to show it.
 */
export function showOnField<Field extends string>(
  form: Pick<FormInstance, 'setFields'>,
  error: Pick<DesktopError, 'messageVi' | 'field'>,
  fields: readonly Field[],
): boolean {
  const field = fields.find((f) => f === error.field);
  if (field === undefined) return false;
  form.setFields([{ name: field, errors: [error.messageVi] }]);
  return true;
}

/**
 * A Form.Item rule that checks its field with the contract's schema for it, so the field shows
 * the contract's own message (trimmed, length, pattern) before anything is sent.
 */
export function contractRule(schema: ZodType): {
  validator: (_rule: unknown, value: unknown) => Promise<void>;
} {
  return {
    validator: async (_rule, value) => {
      const checked = schema.safeParse(value);
      if (!checked.success) throw new Error(checked.error.issues[0]?.message);
    },
  };
}
