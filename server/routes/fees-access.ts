import { FEE_STAFF_ROLES } from '../../src/api/access';
import type { OrgWire } from '../../src/api/sync';
import { isCell } from '../../src/domain/org/org-types';
import type { Caller } from '../auth/caller';
import type { ServerContext } from '../context';
import { badRequest, notFound } from '../errors';
import type { FeesConfig } from '../payments/config';
import type { SettleScheduler } from '../payments/scheduler';
import { memberHomeOrgId } from '../repositories/fees';
import { findPayment, type PaymentRecord } from '../repositories/fees-payments';
import { findOrg } from '../repositories/orgs';

/**
 * What the fee route modules share: their dependencies and the checks they repeat. The roles
 * come from the central access table (src/api/access.ts), as the routes declare them.
 */

/** What every fee route module is given by `feeRoutesPlugin`. */
export interface FeeRouteDeps {
  ctx: ServerContext;
  config: FeesConfig;
  /** The settling run of unknown payments; null when it is off on this server. */
  scheduler: SettleScheduler | null;
}

/** A grant of one of `roles` at the org at `path` or above it. */
export const hasRoleOver = (caller: Caller, roles: readonly string[], path: string) =>
  caller.scope.grants.some((g) => roles.includes(g.role) && path.startsWith(g.path));

export async function cellFor(ctx: ServerContext, cellId: string): Promise<OrgWire> {
  const cell = await findOrg(ctx.db, cellId);
  if (!cell) throw notFound();
  if (!isCell(cell.type))
    throw badRequest(
      'cellId',
      `org ${cellId} is not a cell`,
      'Tổ chức đảng được chọn không phải chi bộ.',
    );
  return cell;
}

/** The cell a member is registered in. */
export async function homeCellOf(ctx: ServerContext, memberId: string): Promise<string> {
  const home = await memberHomeOrgId(ctx.db, memberId);
  if (!home) throw notFound();
  return home;
}

/** A payment the caller made or is an item of, or one under the caller's fee staff grant. */
export async function visiblePayment(
  ctx: ServerContext,
  caller: Caller,
  id: string,
): Promise<PaymentRecord> {
  const payment = await findPayment(ctx.db, id);
  if (!payment) throw notFound();
  const cell = await findOrg(ctx.db, payment.cellId);
  const mine =
    payment.payerUserId === caller.user.id ||
    payment.items.some((i) => i.memberId === caller.user.memberId);
  if (!mine && !(cell && hasRoleOver(caller, FEE_STAFF_ROLES, cell.path))) throw notFound();
  return payment;
}
