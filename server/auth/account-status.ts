import type { Db } from '../repositories/db';
import { HttpError } from '../errors';

/**
 * Sign-in of a member account that is not approved (docs/decisions/0031): said only once the
 * holder proved who he is (the right password, a valid ID token), so it tells a stranger nothing.
 */
export const accountPending = () =>
  new HttpError(403, {
    error: 'account_pending',
    message: 'The account waits for the cell secretary’s approval',
    messageVi: 'Tài khoản đang chờ Bí thư chi bộ phê duyệt.',
  });

export const accountRefused = (reason: string | null) =>
  new HttpError(403, {
    error: 'account_refused',
    message: `The registration was refused${reason ? `: ${reason}` : ''}`,
    messageVi: `Đăng ký tài khoản đã bị từ chối${reason ? `. Lý do: ${reason}` : '.'}`,
  });

/** The refusal of a pending or refused account, with the secretary's reason; null otherwise. */
export async function notApproved(
  db: Db,
  userId: string,
  status: string,
): Promise<HttpError | null> {
  if (status === 'pending') return accountPending();
  if (status !== 'refused') return null;
  const refused = await db
    .selectFrom('account_requests')
    .select('reason')
    .where('requester_user_id', '=', userId)
    .where('kind', '=', 'registration')
    .where('status', '=', 'refused')
    .orderBy('decided_at', 'desc')
    .executeTakeFirst();
  return accountRefused(refused?.reason ?? null);
}
