/**
 * Token failures: one class, a stable code for logs (the exact CKR_* name, or our own SIGN_*
 * code) and a Vietnamese message for the user. The PIN never appears in either.
 */
import pkcs11 from 'pkcs11js';

export type PinStatus = 'ok' | 'count_low' | 'final_try' | 'locked';

export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    /** `CKR_PIN_INCORRECT`, `SIGN_CERT_EXPIRED`, … : what the log gets. */
    readonly code: string,
    /** What the user reads. */
    readonly messageVi: string,
    message: string,
    /** Numeric CK_RV when the error came from the module. */
    readonly rv?: number,
  ) {
    super(message);
  }
}

const CKR_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(pkcs11)
    .filter(([k, v]) => k.startsWith('CKR_') && typeof v === 'number')
    .map(([k, v]) => [v as number, k]),
);

export function ckrName(rv: number): string {
  return CKR_NAMES.get(rv) ?? `CKR_0x${rv.toString(16).padStart(8, '0')}`;
}

const VI: Record<string, string> = {
  CKR_PIN_INCORRECT: 'Mã PIN không đúng.',
  CKR_PIN_INVALID: 'Mã PIN chứa ký tự không hợp lệ.',
  CKR_PIN_LEN_RANGE: 'Độ dài mã PIN không hợp lệ.',
  CKR_PIN_EXPIRED: 'Mã PIN đã hết hạn, hãy đổi mã PIN bằng phần mềm của nhà cung cấp.',
  CKR_PIN_LOCKED: 'Mã PIN đã bị khoá. Hãy liên hệ nhà cung cấp chữ ký số để mở khoá.',
  CKR_TOKEN_NOT_PRESENT: 'Không tìm thấy USB ký số. Hãy cắm USB ký số và thử lại.',
  CKR_TOKEN_NOT_RECOGNIZED: 'Không nhận được USB ký số. Hãy rút ra, cắm lại và thử lại.',
  CKR_DEVICE_REMOVED: 'USB ký số đã bị rút ra trong khi ký.',
  CKR_DEVICE_ERROR: 'USB ký số báo lỗi thiết bị. Hãy rút ra, cắm lại và thử lại.',
  CKR_DEVICE_MEMORY: 'USB ký số không đủ bộ nhớ.',
  CKR_SESSION_HANDLE_INVALID: 'Phiên làm việc với USB ký số đã đóng (USB có thể đã bị rút ra).',
  CKR_SESSION_CLOSED: 'Phiên làm việc với USB ký số đã đóng (USB có thể đã bị rút ra).',
  CKR_SLOT_ID_INVALID: 'Khe cắm USB ký số không còn tồn tại (USB có thể đã bị rút ra).',
  CKR_USER_NOT_LOGGED_IN: 'Chưa đăng nhập USB ký số (cần nhập mã PIN).',
  CKR_USER_ALREADY_LOGGED_IN: 'USB ký số đã được đăng nhập bởi một phiên khác.',
  CKR_USER_PIN_NOT_INITIALIZED: 'USB ký số chưa được khởi tạo mã PIN.',
  CKR_KEY_HANDLE_INVALID: 'Không tìm thấy khoá bí mật trên USB ký số.',
  CKR_OBJECT_HANDLE_INVALID: 'Khoá ký không còn trên USB ký số (USB có thể đã bị rút ra).',
  CKR_KEY_FUNCTION_NOT_PERMITTED: 'Khoá bí mật trên USB ký số không được phép dùng để ký.',
  CKR_KEY_TYPE_INCONSISTENT: 'Loại khoá trên USB ký số không phù hợp với thuật toán ký.',
  CKR_MECHANISM_INVALID: 'USB ký số không hỗ trợ thuật toán ký này.',
  CKR_FUNCTION_CANCELED: 'Thao tác ký đã bị huỷ.',
  CKR_CRYPTOKI_NOT_INITIALIZED: 'Thư viện USB ký số chưa được khởi tạo.',
  CKR_GENERAL_ERROR: 'USB ký số báo lỗi chung.',
};

const GENERIC_VI =
  'USB ký số báo lỗi. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên mã lỗi kèm theo.';

/** Ours, not from the module. */
export const SIGN_ERRORS = {
  SIGN_MODULE_NOT_FOUND:
    'Không tìm thấy thư viện điều khiển USB ký số. Hãy cài phần mềm của nhà cung cấp chữ ký số.',
  SIGN_MODULE_LOAD_FAILED: 'Không nạp được thư viện điều khiển USB ký số.',
  SIGN_TOKEN_NOT_FOUND: 'Không tìm thấy USB ký số. Hãy cắm USB ký số và thử lại.',
  SIGN_NO_CERTIFICATE: 'USB ký số không có chứng thư số nào dùng được để ký.',
  SIGN_NO_PRIVATE_KEY: 'Không tìm thấy khoá bí mật tương ứng với chứng thư số trên USB ký số.',
  SIGN_CERT_EXPIRED: 'Chứng thư số đã hết hạn, không thể ký.',
  SIGN_CERT_NOT_YET_VALID: 'Chứng thư số chưa đến thời điểm có hiệu lực, không thể ký.',
  SIGN_CERT_KEY_USAGE: 'Chứng thư số này không dùng để ký số (thiếu mục đích ký số/chống chối bỏ).',
  SIGN_UNSUPPORTED_KEY:
    'Loại khoá của chứng thư số chưa được hỗ trợ (chỉ hỗ trợ RSA và ECDSA P-256).',
  SIGN_PIN_REQUIRED: 'Cần nhập mã PIN của USB ký số.',
  SIGN_SESSION_CLOSED: 'Phiên ký đã kết thúc, hãy nhập lại mã PIN.',
  SIGN_TOKEN_REMOVED:
    'USB ký số đã bị rút ra trong khi ký: văn bản này chưa được ký. Hãy cắm lại USB và ký lại.',
} as const;

export type SignErrorCode = keyof typeof SIGN_ERRORS;

export function signError(code: SignErrorCode, detail: string): TokenError {
  return new TokenError(code, SIGN_ERRORS[code], detail);
}

function pinHint(status: PinStatus | undefined): string {
  if (status === 'final_try') return ' Chỉ còn MỘT lần thử: nhập sai lần nữa USB sẽ bị khoá.';
  if (status === 'count_low') return ' Số lần thử còn lại đã thấp, hãy cẩn thận.';
  return '';
}

/**
 * A pkcs11js error (or anything thrown) as a TokenError; `pinStatus` refines wrong-PIN messages.
 */
export function fromPkcs11(err: unknown, context: string, pinStatus?: PinStatus): TokenError {
  if (err instanceof TokenError) return err;
  if (err instanceof pkcs11.Pkcs11Error) {
    const code = ckrName(err.code);
    let vi = VI[code] ?? `${GENERIC_VI} (${code})`;
    if (code === 'CKR_PIN_INCORRECT') {
      vi = pinStatus === 'locked' ? (VI.CKR_PIN_LOCKED ?? vi) : vi + pinHint(pinStatus);
    }
    return new TokenError(
      pinStatus === 'locked' ? 'CKR_PIN_LOCKED' : code,
      vi,
      `${context}: ${code}`,
      err.code,
    );
  }
  const msg = err instanceof Error ? err.message : String(err);
  return new TokenError('SIGN_NATIVE_ERROR', GENERIC_VI, `${context}: ${msg}`);
}

/** The warning to show before asking for the PIN, if any. */
export function pinWarningVi(status: PinStatus): string | undefined {
  if (status === 'locked') return VI.CKR_PIN_LOCKED;
  if (status === 'final_try') return 'Mã PIN chỉ còn MỘT lần thử: nhập sai USB ký số sẽ bị khoá.';
  if (status === 'count_low') return 'Mã PIN đã bị nhập sai; số lần thử còn lại đã thấp.';
  return undefined;
}

/**
 * Codes that mean the token (or the key on it) went away during the session: what real tokens
 * return when pulled out, and what SoftHSM returns when its token is deleted under an open session
 * (CKR_OBJECT_HANDLE_INVALID for a key handle that worked a moment before).
 */
const TOKEN_GONE = new Set([
  'CKR_DEVICE_REMOVED',
  'CKR_TOKEN_NOT_PRESENT',
  'CKR_TOKEN_NOT_RECOGNIZED',
  'CKR_SESSION_HANDLE_INVALID',
  'CKR_SESSION_CLOSED',
  'CKR_SLOT_ID_INVALID',
  'CKR_OBJECT_HANDLE_INVALID',
  'CKR_KEY_HANDLE_INVALID',
]);

export function isTokenGone(err: unknown): err is TokenError {
  return err instanceof TokenError && TOKEN_GONE.has(err.code);
}

/** The user-facing "token removed" error, keeping the module's exact code in the log message. */
export function tokenRemoved(cause: TokenError): TokenError {
  return new TokenError(
    'SIGN_TOKEN_REMOVED',
    SIGN_ERRORS.SIGN_TOKEN_REMOVED,
    `${cause.message} (${cause.code})`,
    cause.rv,
  );
}
