import type { z } from 'zod';
import { orgFieldLabelVi } from '../org/org';
import { memberFieldLabelVi } from '../people/member';
import { userFieldLabelVi } from '../people/user';

/**
 * The words the screens use for the fields of the inputs they send (desktop calls, API requests),
 * so a refusal names what the user sees ("Tệp sao kê"), never the code's name ("dataBase64").
 * Entity fields come from the entities' own label tables; a field missing here is never named.
 */
export const inputFieldLabelVi: Readonly<Record<string, string>> = {
  ...orgFieldLabelVi,
  ...memberFieldLabelVi,
  ...userFieldLabelVi,
  // The same names mean something else in a search or a filter.
  status: 'Trạng thái',
  role: 'Vai trò',
  q: 'Từ khóa tìm kiếm',
  name: 'Tên cơ quan',
  code: 'Mã cơ quan',
  orgId: 'Đơn vị',
  underOrgId: 'Đơn vị',
  cellId: 'Chi bộ',
  memberId: 'Đảng viên',
  memberIds: 'Đảng viên',
  month: 'Tháng',
  year: 'Năm',
  upTo: 'Đến tháng',
  limit: 'Số dòng',
  page: 'Trang',
  pageSize: 'Số dòng mỗi trang',
  cursor: 'Vị trí trang',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  pin: 'Mã PIN',
  reason: 'Lý do',
  note: 'Ghi chú',
  amount: 'Số tiền',
  dossierId: 'Hồ sơ',
  nextOrgId: 'Tổ chức tiếp nhận',
  certificateId: 'Chứng thư số',
  slotId: 'Thiết bị ký số',
  dataBase64: 'Tệp sao kê',
  fileName: 'Tên tệp',
  accountNo: 'Số tài khoản',
  holder: 'Chủ tài khoản',
  bankName: 'Ngân hàng',
  citadCode: 'Mã CITAD',
  bankReference: 'Số tham chiếu',
  effectiveFrom: 'Ngày hiệu lực',
  effectiveTo: 'Ngày hết hiệu lực',
  base: 'Mức lương làm căn cứ',
  reference: 'Mã giao dịch',
  opensOn: 'Ngày bắt đầu',
  dueOn: 'Hạn gửi phiếu',
};

/** A message written for people: Vietnamese always carries letters beyond ASCII. */
export const isVietnamese = (text: string): boolean => /[\u0080-\uFFFF]/.test(text);

/** Ends a message with its full stop. */
export const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/** The screen's word for a field path ('items.0.amount' → "Số tiền"), or null when it has none. */
export function fieldLabelVi(
  path: readonly PropertyKey[],
  labels: Readonly<Record<string, string>> = inputFieldLabelVi,
): string | null {
  // The innermost named field: an index says which row, not what.
  const name = [...path].reverse().find((p) => typeof p === 'string');
  return name === undefined ? null : (labels[name] ?? null);
}

/** What is wrong, in the user's words, for zod's own issue kinds. */
function reasonVi(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? 'chưa được nhập'
        : 'không đúng kiểu dữ liệu';
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? 'không được để trống'
        : issue.origin === 'array' || issue.origin === 'set'
          ? 'cần chọn ít nhất ' + String(issue.minimum)
          : 'nhỏ hơn mức cho phép';
    case 'too_big':
      return issue.origin === 'string' ? 'dài quá mức cho phép' : 'vượt quá mức cho phép';
    case 'invalid_format':
      return 'không đúng định dạng';
    case 'invalid_value':
      return 'không thuộc các lựa chọn cho phép';
    case 'not_multiple_of':
      return 'không đúng bước giá trị cho phép';
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
    case 'unrecognized_keys':
      return 'không hợp lệ';
  }
}

/**
 * One sentence for a refused input, in Vietnamese, with what to do: the field named by the screen's
 * word when it has one ("Tệp sao kê không được để trống. Vui lòng kiểm tra lại."), else without a
 * name (never a code identifier).
 */
export function issueMessageVi(
  issue: z.core.$ZodIssue | undefined,
  labels: Readonly<Record<string, string>> = inputFieldLabelVi,
): string {
  if (!issue) return 'Dữ liệu nhập chưa hợp lệ. Vui lòng kiểm tra lại.';
  // A schema's own Vietnamese message ("Tệp sao kê rỗng") is said as it is.
  if (isVietnamese(issue.message)) return sentence(issue.message);
  const label = fieldLabelVi(issue.path, labels);
  return label === null
    ? 'Dữ liệu nhập chưa hợp lệ. Vui lòng kiểm tra lại các trường đã nhập.'
    : `${label} ${reasonVi(issue)}. Vui lòng kiểm tra lại.`;
}
