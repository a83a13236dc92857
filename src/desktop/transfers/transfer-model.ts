import { DossierWire } from '../../api/transfers';
import type { SessionUser } from '../../api/auth';
import { OrgType } from '../../domain/org/org-types';
import { Role } from '../../domain/people/user';
import {
  applyTransferAction,
  FINAL_STATUSES,
  type RouteOrg,
  type TransferAction,
  type TransferActor,
  type TransferEnv,
  type TransferOutcome,
} from '../../domain/procedures';
import type { SqliteHandle } from '../../db/sqlite';
import { outboxRepo, type OutboxItem, type OutboxRepo } from '../../sync/repositories/outbox';
import { foldForSearch } from '../../domain/text/fold';
import { dossiersRepo, type DossiersRepo, type MemberInfoRow } from '../repositories/dossiers';
import { cachedHolidayCalendar } from '../holidays/holiday-cache';
import { fail } from '../service-context';

/** A cached dossier: the server's state as last pulled, and its rev. */
export interface CachedDossier {
  wire: DossierWire;
  rev: number;
}

export interface Grant {
  role: Role;
  orgId: string;
  path: string;
}

/** Roles the user acts with on dossiers (the server's FORBIDDEN codes are about these). */
const STAFF_ROLES: readonly Role[] = ['processor', 'approver', 'admin'];

const pathIds = (path: string) => path.split('/').filter((id) => id !== '');

export const notFoundDossier = (id: string): never =>
  fail('not_found', `dossier ${id} is not in the local cache`, 'Không tìm thấy hồ sơ.');

/** Outbox entries of one dossier still counted in the optimistic state (not refused). */
export const isQueued = (item: OutboxItem) => item.status !== 'needs_attention';

/**
 * The entries the overlay applies: those the server applied at a rev the cache has not pulled
 * yet (else the screen would show the state before the user's action until the pull), then the
 * queued ones.
 */
export const withApplied = (
  outbox: Pick<OutboxRepo, 'appliedAbove'>,
  kind: string,
  cached: { wire: { id: string }; rev: number },
  queued: readonly OutboxItem[],
): OutboxItem[] => [...outbox.appliedAbove(kind, cached.wire.id, cached.rev), ...queued];

/**
 * The transfer machine run on the cache, for one user: the dossier as the server has it, the same
 * state with the user's queued actions applied (DESIGN rule 7), and what the user may do next.
 * Org paths come from the cached tree; an org outside the cache is known by its id only, which is
 * all the machine compares for the proposed hop (the server decides anything else).
 */
export function transferModel(handle: SqliteHandle, user: SessionUser) {
  const repo: DossiersRepo = dossiersRepo(handle);
  const outbox = outboxRepo(handle);
  /** The holiday calendar the last pull brought: every deadline counted here uses it. */
  const calendar = cachedHolidayCalendar(handle);

  const grants: Grant[] = (() => {
    const cached = repo.grantsOf(user.id);
    // The session's grants count too (a cache not yet synced for this user has none).
    const sessionOrgs = repo.orgs(user.roles.map((r) => r.orgId));
    const fromSession = user.roles.flatMap((r) => {
      const path = sessionOrgs.get(r.orgId)?.path;
      return path ? [{ role: r.role, org_id: r.orgId, path }] : [];
    });
    const seen = new Set<string>();
    const out: Grant[] = [];
    for (const g of [...cached, ...fromSession]) {
      const role = Role.safeParse(g.role);
      const key = `${g.role}@${g.org_id}`;
      if (!role.success || seen.has(key)) continue;
      seen.add(key);
      out.push({ role: role.data, orgId: g.org_id, path: g.path });
    }
    return out;
  })();
  const memberId = repo.memberIdOfUser(user.id);

  const pathCache = new Map<string, readonly RouteOrg[] | null>();
  /** Root first, with types, from the cached tree; null for an org the cache does not hold. */
  function cachedPath(orgId: string): readonly RouteOrg[] | null {
    if (pathCache.has(orgId)) return pathCache.get(orgId) ?? null;
    const org = repo.orgs([orgId]).get(orgId);
    let path: RouteOrg[] | null = null;
    if (org) {
      const ids = pathIds(org.path);
      const orgs = repo.orgs(ids);
      const steps = ids.map((id) => {
        const type = OrgType.safeParse(orgs.get(id)?.type);
        return type.success ? { id, type: type.data } : null;
      });
      path = steps.every((s) => s !== null) ? (steps as RouteOrg[]) : null;
    }
    pathCache.set(orgId, path);
    return path;
  }

  /**
   * The org's path from the cache, or for an org on the dossier's receiving side that the cache
   * does not hold (another ward's cells), the path the route itself implies: the orgs it shares
   * with the sending side, then the route down to it. Re-planning an unchanged destination (a
   * resubmission) then gives the route it had. Types outside the cache are placeholders.
   */
  function pathOfOnRoute(wire: Pick<DossierWire, 'route' | 'variant'>) {
    const { orgIds, handoverIndex } = wire.route;
    const placeholder = (id: string): RouteOrg => ({ id, type: 'affiliated_cell' });
    return (orgId: string): readonly RouteOrg[] | null => {
      const cached = cachedPath(orgId);
      if (cached) return cached;
      const at = orgIds.indexOf(orgId);
      if (at < 0) return null;
      // The topmost org of the sending side: the handing org, or below the shared one (internal).
      const anchor = at >= handoverIndex ? cachedPath(orgIds[handoverIndex - 1] ?? '') : null;
      if (!anchor) return [placeholder(orgId)];
      const shared = wire.variant === 'internal' ? anchor.slice(0, -1) : anchor;
      const down = orgIds.slice(handoverIndex, at + 1);
      return [...shared, ...down.map((id) => cachedPath(id)?.at(-1) ?? placeholder(id))];
    };
  }

  const grantCovers = (g: Grant, orgPath: string) => orgPath.startsWith(g.path);

  /** Roles whose grant is at the org or above it (a grant covers its subtree). */
  function rolesAt(orgId: string): Role[] {
    const path = repo.orgs([orgId]).get(orgId)?.path;
    if (!path) return [];
    return [...new Set(grants.filter((g) => grantCovers(g, path)).map((g) => g.role))];
  }

  const actorAt = (orgId: string): TransferActor => ({
    userId: user.id,
    fullName: user.fullName,
    memberId,
    rolesHere: rolesAt(orgId),
  });

  const envFor = (wire: DossierWire, now: Date): TransferEnv => ({
    now: now.toISOString(),
    calendar,
    pathOf: pathOfOnRoute(wire),
  });

  function load(id: string): CachedDossier | undefined {
    const row = repo.get(id);
    if (!row) return undefined;
    return { wire: DossierWire.parse(JSON.parse(row.data)), rev: row.rev };
  }

  /** Applies one action as the user at the org where the dossier is now. */
  function apply(wire: DossierWire, action: TransferAction, now: Date): TransferOutcome {
    return applyTransferAction(wire, action, actorAt(wire.currentOrgId), envFor(wire, now));
  }

  /** The wire state after an applied action (history grows with the machine's events). */
  function advance(wire: DossierWire, outcome: TransferOutcome & { ok: true }, at: string) {
    const d = outcome.dossier;
    return DossierWire.parse({
      ...d,
      currentOrgId: d.route.orgIds[d.position] ?? wire.currentOrgId,
      updatedAt: at,
      history: [...wire.history, ...outcome.events],
      ...(wire.orgNames ? { orgNames: wire.orgNames } : {}),
      ...(wire.member ? { member: wire.member } : {}),
    });
  }

  /** The dossier's member from the cache, else as pull sent it with the dossier. */
  function memberOf(wire: DossierWire): MemberInfoRow | undefined {
    const cached = repo.members([wire.memberId]).get(wire.memberId);
    const m = wire.member;
    if (cached || !m) return cached;
    return {
      id: wire.memberId,
      full_name: m.fullName,
      name_folded: foldForSearch(m.fullName),
      birth_date: m.birthDate,
      citizen_id: m.citizenId,
      card_no: m.cardNo,
      profile_no: m.profileNo,
      joined_on: m.joinedOn,
      official_on: m.officialOn,
    };
  }

  /**
   * The optimistic state: the queued actions in order on top of the server's state. It stops at
   * the first one the machine refuses (those after it were decided on top of it).
   */
  function overlay(cached: CachedDossier, queued: readonly OutboxItem[]): DossierWire {
    let shown = cached.wire;
    for (const item of withApplied(outbox, 'dossier', cached, queued)) {
      if (!isQueued(item) || item.mutation.entity !== 'dossier') continue;
      const at = new Date(item.createdAt);
      const outcome = apply(shown, item.mutation.action, at);
      if (!outcome.ok) break;
      shown = advance(shown, outcome, item.createdAt);
    }
    return shown;
  }

  /** Whether the user holds a staff role covering the org (the dossier waits for them there). */
  function awaitsUser(wire: Pick<DossierWire, 'currentOrgId' | 'status'>): boolean {
    if (FINAL_STATUSES.includes(wire.status) || wire.status === 'returned') return false;
    return rolesAt(wire.currentOrgId).some((r) => STAFF_ROLES.includes(r));
  }

  /** Paths of the orgs whose subtrees are the user's (any grant). */
  const scopePaths = () => [...new Set(grants.map((g) => g.path))];

  return {
    repo,
    outbox,
    grants,
    calendar,
    load,
    require: (id: string): CachedDossier => load(id) ?? notFoundDossier(id),
    queuedFor: (id: string) => outbox.forEntity(id).filter((i) => i.kind === 'dossier'),
    overlay,
    apply,
    advance,
    /** The user's own member record (a member signed in), or null. */
    memberId,
    rolesAt,
    awaitsUser,
    memberOf,
    scopePaths,
    cachedPath,
    pathOfOnRoute,
  };
}

export type TransferModel = ReturnType<typeof transferModel>;
