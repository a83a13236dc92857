import type { BankAccount } from '../../src/domain/org/org';
import { badRequest } from '../errors';
import type { Db } from '../repositories/db';
import { collectingAccount } from '../repositories/fees-payments';
import { conflict } from './fees-refusals';

/**
 * Where a cell's money goes and whether it may go there in one transfer: the checks the gateway
 * payment and the VietQR code share (the total under the ceiling, an active account on the path).
 */
export async function collectingAccountFor(
  db: Db,
  cell: { path: string },
  amount: number,
  ceiling: number,
): Promise<BankAccount> {
  if (amount > ceiling)
    throw badRequest(
      'memberIds',
      `total ${amount} exceeds ${ceiling}`,
      'Tổng số tiền vượt quá mức tối đa cho phép; chia thành nhiều lần nộp.',
    );
  const account = await collectingAccount(db, cell.path);
  if (!account)
    throw conflict(
      'no active bank account above the cell',
      'Tổ chức đảng chưa có tài khoản thụ hưởng đang sử dụng. Nhờ quản trị của cấp ủy khai báo tài khoản ở màn hình "Tài khoản ngân hàng".',
    );
  return account;
}
