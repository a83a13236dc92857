/**
 * The words the screens use for request fields, so a refused field is named as the user saw it
 * ("Số tham chiếu", not "bankReference"). One mapping for the server's and the desktop's
 * validation messages; a field not listed is not named at all rather than leaked.
 */
export const FIELD_LABELS_VI: Readonly<Record<string, string>> = {
  dataBase64: 'Tệp',
  fileName: 'Tên tệp',
  month: 'Tháng',
  year: 'Năm',
  amount: 'Số tiền',
  base: 'Mức lương làm căn cứ',
  reason: 'Lý do điều chỉnh',
  note: 'Ghi chú',
  bankReference: 'Số tham chiếu',
  reference: 'Mã giao dịch',
  memberId: 'Đảng viên',
  memberIds: 'Đảng viên',
  items: 'Danh sách đảng viên',
  cellId: 'Chi bộ',
  orgId: 'Tổ chức đảng',
  accountNo: 'Số tài khoản',
  holder: 'Chủ tài khoản',
  bankName: 'Ngân hàng',
  citadCode: 'Mã ngân hàng (CITAD)',
  status: 'Trạng thái',
  fullName: 'Họ và tên',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
};

/** A message written for people: Vietnamese always carries letters beyond ASCII. */
const isVietnamese = (text: string | undefined): text is string =>
  text !== undefined && /[\u0080-\uFFFF]/.test(text);

/**
 * What the user reads when a field is refused by a schema: the schema's own Vietnamese message
 * when it has one, else the field in the screen's words with what to do, never the field's
 * programming name. `field` is a path ("items.0.amount"); its last named part is looked up.
 */
export function invalidFieldVi(field: string, schemaMessage?: string): string {
  if (isVietnamese(schemaMessage))
    return /[.!?]$/.test(schemaMessage) ? schemaMessage : `${schemaMessage}.`;
  const name = field
    .split('.')
    .reverse()
    .find((part) => part !== '' && !/^\d+$/.test(part));
  const label = name ? FIELD_LABELS_VI[name] : undefined;
  return label
    ? `${label} không hợp lệ: vui lòng kiểm tra lại rồi thử lại.`
    : 'Dữ liệu không hợp lệ: vui lòng kiểm tra lại thông tin đã nhập rồi thử lại.';
}
