import { HttpError } from '../errors';
import type { HeldMonth } from '../repositories/fees-payments';

/** The refusals several fee route modules answer with, in the words of the screens. */

export const conflict = (message: string, messageVi: string) =>
  new HttpError(409, { error: 'conflict', message, messageVi });

/** 'YYYY-MM' as the screens write it: 'MM/YYYY'. */
export const monthVi = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

/** Another payment started first (a moment ago, or long since): say whose month and why. */
export function heldConflict(
  held: HeldMonth,
  lines: readonly { memberId: string; fullName: string }[],
): HttpError {
  const name = lines.find((l) => l.memberId === held.memberId)?.fullName ?? held.memberId;
  const month = monthVi(held.month);
  return conflict(
    `${held.memberId} ${held.month} is held by a ${held.status} payment`,
    held.status === 'success'
      ? `${name} đã nộp đảng phí tháng ${month}.`
      : `${name} đang có giao dịch nộp đảng phí tháng ${month} chưa xác định trạng thái; không thể nộp lần nữa cho đến khi giao dịch đó có kết quả.`,
  );
}
