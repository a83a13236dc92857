import { AdjustReasonInput, type FeeSheetLine } from '../../../../src/desktop/contract';
import { parseAmount } from '../../../../src/domain/fees/money';
import { formatMoney } from './fee-format';

/** An adjustment of a sheet line as typed. */
export interface Edit {
  amount: string;
  reason: string;
}

/** An adjusted amount this many times the computed one is likely a slip (an extra zero). */
export const ADJUST_WARN_FACTOR = 3;

/** The typed amount as đồng: dots grouping thousands are allowed ("120.000"). */
const readAmount = (typed: string) => parseAmount(typed.trim().replace(/\./g, ''));

/**
 * The typed adjustment of a line: undefined amount = the computed one. Checked as the server
 * will (whole đồng, not negative, under the ceiling; a changed amount needs a reason).
 */
export function readEdit(line: FeeSheetLine, edit: Edit | undefined) {
  if (!edit || edit.amount.trim() === '') {
    if (line.computedAmount === null)
      return { error: { amount: line.computeMessageVi ?? 'Nhập số tiền và lý do.' } };
    return { item: { memberId: line.memberId } };
  }
  const amount = readAmount(edit.amount);
  if (!amount.ok) return { error: { amount: `${amount.messageVi}.` } };
  if (amount.value === line.computedAmount) return { item: { memberId: line.memberId } };
  const reason = AdjustReasonInput.safeParse(edit.reason);
  if (!reason.success) return { error: { reason: reason.error.issues[0]?.message } };
  return { item: { memberId: line.memberId, amount: amount.value, reason: reason.data } };
}

/** What is wrong with the amount as typed so far ('' when nothing): shown before any submit. */
export function amountErrorAsTyped(typed: string | undefined): string {
  if (typed === undefined || typed.trim() === '') return '';
  const amount = readAmount(typed);
  return amount.ok ? '' : `${amount.messageVi}.`;
}

/** A warning, not a refusal: an amount more than three times the computed one ('' otherwise). */
export function adjustWarning(line: FeeSheetLine, typed: string | undefined): string {
  if (typed === undefined || !line.computedAmount) return '';
  const amount = readAmount(typed);
  if (!amount.ok || amount.value <= ADJUST_WARN_FACTOR * line.computedAmount) return '';
  return `Số tiền gấp hơn ${ADJUST_WARN_FACTOR} lần mức tính theo quy định (${formatMoney(line.computedAmount)}): kiểm tra lại trước khi phê duyệt.`;
}
