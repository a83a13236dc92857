import { randomUUID } from 'node:crypto';
import { orgAdminRoutes, OrgFields } from '../../src/api/org-admin';
import type { OrgWire } from '../../src/api/sync';
import { Org } from '../../src/domain/org/org';
import { canChangeOrg, canPlaceUnder, isWithinSubtree } from '../../src/domain/org/org-admin-tiers';
import {
  validateOrgPlacement,
  type CellSubtype,
  type OrgType,
} from '../../src/domain/org/org-types';
import type { Caller } from '../auth/caller';
import type { ServerContext } from '../context';
import { forbidden, HttpError, notFound } from '../errors';
import type { Register } from '../http/register-route';
import type { Db, Trx } from '../repositories/db';
import { isUniqueViolation } from '../repositories/fees-payments';
import { moveOrg } from '../repositories/org-moves';
import {
  childrenTypesOf,
  orgHistory,
  orgHoldingCode,
  recordOrgHistory,
  updateOrgFields,
} from '../repositories/org-admin';
import { findOrg, findVisibleOrg, insertOrg } from '../repositories/orgs';
import { subtreesOfRole } from '../scope/scope';

const unprocessable = (error: string, message: string, messageVi: string, field?: string) =>
  new HttpError(422, { error, message, messageVi, ...(field ? { field } : {}) });

const outOfTier = () =>
  new HttpError(403, {
    error: 'out_of_tier',
    message: 'An admin changes only the orgs below his own, and places them within his scope',
    messageVi:
      'Bạn chỉ chỉnh sửa, chuyển được các tổ chức đảng cấp dưới của đơn vị mình và trong phạm vi quản lý; không thể thay đổi đơn vị của mình hoặc cấp trên.',
  });

const codeTaken = (code: string, holder: { name: string }) =>
  new HttpError(409, {
    error: 'org_code_taken',
    message: `Org code ${code} is already used`,
    messageVi: `Mã cơ quan, đơn vị ${code} đã được dùng cho "${holder.name}".`,
    field: 'code',
  });

/** Where the caller is admin: the roots his tier rule reads (403 when he is admin nowhere). */
function adminPaths(caller: Caller): string[] {
  const roots = subtreesOfRole(caller.scope, 'admin');
  if (roots.length === 0) throw forbidden();
  return roots;
}

/** The route's org; the access check has found it, but it may be gone by now. */
async function orgOf(db: Db, id: string): Promise<OrgWire> {
  const org = await findOrg(db, id);
  if (!org) throw notFound();
  return org;
}

/** The placement rules of src/domain/org, as the readiness review applies them (422). */
function checkPlacement(
  parent: { type: OrgType } | null,
  child: { type: OrgType; cellSubtype: CellSubtype | null },
  what = '',
): void {
  const placed = validateOrgPlacement(parent, child);
  if (!placed.ok)
    throw unprocessable(placed.code, placed.message, `${what}${placed.messageVi}.`, 'type');
}

/** A new type must still contain every child the org has. */
async function checkChildrenFit(db: Db, org: OrgWire, type: OrgType): Promise<void> {
  if (type === org.type) return;
  for (const child of await childrenTypesOf(db, org.id)) {
    const parsed = Org.pick({ type: true, cellSubtype: true }).safeParse(child);
    // A child of no known type is the readiness review's finding, not this edit's.
    if (!parsed.success) continue;
    checkPlacement({ type }, parsed.data, `Không đổi được loại: ${child.name} — `);
  }
}

async function checkCodeFree(db: Db, code: string, exceptId?: string): Promise<void> {
  const holder = await orgHoldingCode(db, code, exceptId);
  if (holder) throw codeTaken(code, holder);
}

/** The fields whose value changes, as { field: [before, after] }. */
function changesOf(org: OrgWire, fields: OrgFields): Record<string, [unknown, unknown]> {
  return Object.fromEntries(
    (Object.keys(OrgFields.shape) as (keyof OrgFields)[])
      .filter((key) => (org[key] ?? null) !== (fields[key] ?? null))
      .map((key) => [key, [org[key] ?? null, fields[key] ?? null]]),
  );
}

/**
 * Editing, adding and moving orgs (docs/decisions/0038). The route's access has found the org
 * under an admin grant of the caller; the tier rule then keeps his own org and those above out of
 * reach. Every write is one transaction with its history entry and new revs, so clients pull it.
 */
export function orgAdminRoutesOf(route: Register, ctx: ServerContext): void {
  /** Runs a write; a code taken by a racing writer is the same 409 as one found taken. */
  async function write<T>(code: string | null, run: (trx: Trx) => Promise<T>): Promise<T> {
    try {
      return await ctx.db.transaction().execute(run);
    } catch (err) {
      if (code !== null && isUniqueViolation(err)) throw codeTaken(code, { name: code });
      throw err;
    }
  }

  route(orgAdminRoutes.editOrg, ({ params, body, caller }) =>
    write(body.code, async (trx) => {
      const org = await orgOf(trx, params.id);
      if (!canChangeOrg(adminPaths(caller), org.path)) throw outOfTier();
      const parent = org.parentId ? await findOrg(trx, org.parentId) : null;
      checkPlacement(parent, body);
      await checkChildrenFit(trx, org, body.type);
      const changes = changesOf(org, body);
      // The same values write nothing: no rev, no history.
      if (Object.keys(changes).length === 0) return org;
      if (changes.code) await checkCodeFree(trx, body.code, org.id);
      const now = ctx.now();
      await updateOrgFields(trx, org, body, now);
      await recordOrgHistory(
        trx,
        { orgId: org.id, action: 'edit', changedBy: caller.user.id, changes },
        now,
      );
      return orgOf(trx, org.id);
    }),
  );

  route(orgAdminRoutes.addChildOrg, ({ params, body, caller }) =>
    write(body.code, async (trx) => {
      const parent = await orgOf(trx, params.id);
      if (!canPlaceUnder(adminPaths(caller), parent.path)) throw outOfTier();
      checkPlacement(parent, body);
      await checkCodeFree(trx, body.code);
      const org = Org.parse({
        id: randomUUID(),
        parentId: parent.id,
        ...body,
        // A seal is declared with its image (the seal registry), not on creation.
        hasSeal: false,
        status: 'active',
      });
      const now = ctx.now();
      const made = await insertOrg(trx, org, now);
      const { id: _id, ...fields } = org;
      await recordOrgHistory(
        trx,
        {
          orgId: org.id,
          action: 'create',
          changedBy: caller.user.id,
          // What the org starts with; an empty field says nothing.
          changes: Object.fromEntries(
            Object.entries(fields)
              .filter(([, v]) => v !== null)
              .map(([k, v]) => [k, [null, v]]),
          ),
        },
        now,
      );
      return made;
    }),
  );

  route(orgAdminRoutes.moveOrg, ({ params, body, caller }) =>
    write(null, async (trx) => {
      const roots = adminPaths(caller);
      const org = await orgOf(trx, params.id);
      if (!canChangeOrg(roots, org.path)) throw outOfTier();
      // A parent the caller cannot read is absent to him, as in the user administration.
      const parent = await findVisibleOrg(trx, caller.scope, body.parentId);
      if (!parent) throw notFound();
      if (isWithinSubtree(org.path, parent.path))
        throw unprocessable(
          'move_under_itself',
          `Org ${org.id} cannot move under ${parent.id}, which is itself or below it`,
          'Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó.',
          'parentId',
        );
      if (!canPlaceUnder(roots, parent.path)) throw outOfTier();
      checkPlacement(parent, org);
      if (org.parentId === parent.id) return org;
      const now = ctx.now();
      await moveOrg(trx, org.id, parent.id, now);
      const moved = await orgOf(trx, org.id);
      await recordOrgHistory(
        trx,
        {
          orgId: org.id,
          action: 'move',
          changedBy: caller.user.id,
          changes: { parentId: [org.parentId, parent.id], path: [org.path, moved.path] },
        },
        now,
      );
      return moved;
    }),
  );

  route(orgAdminRoutes.orgHistory, async ({ params }) => ({
    items: await orgHistory(ctx.db, (await orgOf(ctx.db, params.id)).id),
  }));
}
