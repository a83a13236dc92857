import type { OrgWire } from '../../src/api/sync';
import { isCell } from '../../src/domain/org/org-types';
import type { Caller } from '../auth/caller';
import type { ServerContext } from '../context';
import { badRequest, notFound } from '../errors';
import { CELL_FEE_ROLES } from '../repositories/fees-approvals-apply';
import { findOrg } from '../repositories/orgs';

/** Who may do what with fees, shared by the fee route modules. */

/** Roles that work on a cell's fees: the secretary approves and pays for the cell. */
export { CELL_FEE_ROLES };
/** Roles whose subtree's transactions and reports are listed. */
export const STAFF_ROLES = ['approver', 'fee_officer', 'admin', 'processor'];

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
