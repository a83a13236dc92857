/** Money and months as the fee screens show them. */
import { gatewayFailureVi } from '../../../../src/domain/fees/gateway-failure';

const dong = new Intl.NumberFormat('vi-VN');

/** 125000 → '125.000 đ' */
export const formatMoney = (amount: number): string => `${dong.format(amount)} đ`;

const pad = (n: number) => String(n).padStart(2, '0');

/** The month of a date as 'YYYY-MM' (local time). */
export const monthOf = (date: Date): string => `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;

/** '2026-03' → 'Tháng 03/2026' */
export function monthLabel(month: string): string {
  const [year, mm] = month.split('-');
  return `Tháng ${mm}/${year}`;
}

/**
 * The months offered by the pickers: this month and the `back` before, newest first. No month
 * ahead: nothing is due for it yet.
 */
export function recentMonths(now: Date, back = 18): string[] {
  const months: string[] = [];
  for (let i = 0; i <= back; i++)
    months.push(monthOf(new Date(now.getFullYear(), now.getMonth() - i, 1)));
  return months;
}

/** Time left until `deadline`, in Vietnamese ('1 ngày 3 giờ', '45 phút'); '' when past. */
export function timeLeft(deadline: string, now: Date): string {
  const ms = Date.parse(deadline) - now.getTime();
  if (!(ms > 0)) return '';
  const minutes = Math.ceil(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} ngày ${hours} giờ`;
  if (hours > 0) return `${hours} giờ ${mins} phút`;
  return `${mins} phút`;
}

/**
 * Why a payment failed: the gateway's own reason when it gave its answer code (gateway-failure.ts),
 * else the way the failure was learnt, with what to do next.
 */
const FAILURE_REASONS_VI: Readonly<Record<string, string>> = {
  start:
    'Không kết nối được cổng thanh toán nên giao dịch chưa được tạo; không có khoản tiền nào bị trừ. Kiểm tra kết nối rồi bấm "Nộp lại".',
  timeout:
    'Cổng thanh toán không trả kết quả trong thời hạn nên giao dịch được coi là không thành công. Nếu tài khoản đã bị trừ tiền, báo kế toán cấp ủy để đối chiếu; nếu chưa, bấm "Nộp lại".',
  manual: 'Kế toán cấp ủy đã xác nhận giao dịch không thành công. Bấm "Nộp lại" để nộp lần nữa.',
};
const GATEWAY_REFUSED_VI =
  'Cổng thanh toán báo giao dịch không thành công (người nộp hủy, hết thời gian hoặc tài khoản không đủ số dư); không có khoản tiền nào bị trừ. Bấm "Nộp lại" để nộp lần nữa.';

export function failureReasonVi(payment: {
  status: string;
  settledVia: string | null;
  failureCode?: string | null | undefined;
}): string {
  if (payment.status !== 'failed') return '';
  const fromGateway = gatewayFailureVi(payment.failureCode);
  if (fromGateway) return `Cổng thanh toán báo: ${fromGateway}`;
  return FAILURE_REASONS_VI[payment.settledVia ?? ''] ?? GATEWAY_REFUSED_VI;
}
