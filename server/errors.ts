import type { ApiError } from '../src/api/errors';
import { inputFieldLabelVi, isVietnamese, sentence } from '../src/domain/common/field-messages';

/** A failure a handler answers with: the HTTP status and the ApiError body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
    this.name = 'HttpError';
  }
}

/**
 * A refused field in the words of the screens; a field they have no word for is not named. A
 * schema's own Vietnamese message ("Tệp sao kê rỗng") is said as it is.
 */
export function refusedFieldVi(field: string, schemaMessage?: string): string {
  if (schemaMessage !== undefined && isVietnamese(schemaMessage)) return sentence(schemaMessage);
  const name = field
    .split('.')
    .reverse()
    .find((p) => !/^\d+$/.test(p));
  const label = name === undefined ? undefined : inputFieldLabelVi[name];
  return label === undefined
    ? 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra lại.'
    : `Dữ liệu gửi lên không hợp lệ (${label}). Vui lòng kiểm tra lại.`;
}

const httpError = (status: number, error: string, message: string, messageVi: string) =>
  new HttpError(status, { error, message, messageVi });

export const badRequest = (field: string, message: string, messageVi?: string) =>
  new HttpError(400, {
    error: 'bad_request',
    message,
    messageVi: messageVi ?? refusedFieldVi(field),
    field,
  });

export const notFound = () =>
  httpError(404, 'not_found', 'Not found', 'Không tìm thấy dữ liệu yêu cầu.');

export const unauthorized = () =>
  httpError(
    401,
    'unauthorized',
    'Missing, expired or invalid access token',
    'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  );

export const invalidCredentials = () =>
  httpError(
    401,
    'invalid_credentials',
    'Wrong username or password',
    'Tên đăng nhập hoặc mật khẩu không đúng.',
  );

export const accountLocked = (minutes: number) =>
  httpError(
    401,
    'account_locked',
    `Too many failed logins; try again in ${minutes} minutes`,
    `Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
  );

export const forbidden = () =>
  httpError(
    403,
    'forbidden',
    'Your roles do not allow this',
    'Bạn không có quyền thực hiện chức năng này.',
  );

export const resyncRequired = () =>
  httpError(
    409,
    'resync',
    'Your data scope changed; rebuild the local cache from an empty cursor',
    'Phạm vi dữ liệu của bạn đã thay đổi. Ứng dụng sẽ tải lại dữ liệu.',
  );
