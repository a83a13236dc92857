import type { FeePayment } from '../../../../src/desktop/contract';
import { monthLabel } from './fee-format';

/** The newest transactions the list asks for; more are reached through the filters. */
export const TX_LIMIT = 200;

/** Where a failed payment is paid again (the list itself starts no payment). */
export const RETRY_WHERE_VI = 'nộp lại ở màn hình "Nộp đảng phí cho chi bộ"';

/** For whom a payment was: the member who paid for himself, or the cell's count and names. */
export function paymentMembersVi(p: Pick<FeePayment, 'kind' | 'items'>): string {
  if (p.kind === 'self') return p.items[0]?.fullName ?? '';
  return `${p.items.length} đảng viên: ${p.items.map((i) => i.fullName).join(', ')}`;
}

/** The months a payment covers, each once. */
export const paymentMonthsVi = (p: Pick<FeePayment, 'items'>): string =>
  [...new Set(p.items.map((i) => monthLabel(i.month)))].join(', ');

/**
 * "Tổng số" of the list: a full page is a cap, not a count, and says so ("trên", as member
 * search does) with how to narrow it.
 */
export function transactionsTotalVi(shown: number, limit: number): string {
  const count = new Intl.NumberFormat('vi-VN').format(shown);
  return shown >= limit
    ? `Tổng số: trên ${count} giao dịch (hiển thị ${count} giao dịch mới nhất; lọc theo tháng, chi bộ hoặc trạng thái để xem các giao dịch khác)`
    : `Tổng số: ${count} giao dịch`;
}
