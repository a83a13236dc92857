/**
 * What every validator returns. `message` is precise English for logs and support; `messageVi` is
 * what the user reads. `code` is stable so callers and tests can branch on it without parsing text.
 */
export type Ok<T> = { ok: true; value: T };
export type Failure<C extends string = string> = {
  ok: false;
  code: C;
  message: string;
  messageVi: string;
};
export type Result<T, C extends string = string> = Ok<T> | Failure<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export const fail = <C extends string>(
  code: C,
  message: string,
  messageVi: string,
): Failure<C> => ({
  ok: false,
  code,
  message,
  messageVi,
});
