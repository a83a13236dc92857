import type { SessionUser } from '../../api/auth';
import { AccountRequestWire, type AccountEventWire } from '../../api/accounts';
import { prepareQuery, type Params } from '../../db/client-query';
import type { ClientAccountRequestsTable } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import {
  ACCOUNT_DECIDER_ROLES,
  decideAccountRequest,
  type AccountActor,
  type AccountDecision,
  type AccountDecisionOutcome,
} from '../../domain/accounts/account-request';
import type { OutboxItem } from '../../sync/repositories/outbox';
import { fail } from '../service-context';
import { isQueued, transferModel, withApplied } from '../transfers/transfer-model';

/** A cached request: the server's state as last pulled, and its rev. */
export interface CachedAccountRequest {
  wire: AccountRequestWire;
  rev: number;
}

export const notFoundAccountRequest = (id: string): never =>
  fail(
    'not_found',
    `account request ${id} is not in the local cache`,
    'Không tìm thấy yêu cầu tài khoản.',
  );

/** Reads of `account_requests` (written only by pull), newest first. */
function accountRequestsCache(handle: SqliteHandle) {
  const byId = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('account_requests').selectAll().where('id', '=', p.id),
  );
  const all = prepareQuery(handle, (db) =>
    db.selectFrom('account_requests').selectAll().orderBy('created_at', 'desc').orderBy('id'),
  );
  return {
    request: (id: string): ClientAccountRequestsTable | undefined => byId.get({ id }),
    requests: (): ClientAccountRequestsTable[] => all.all(),
  };
}

const parseRow = (row: ClientAccountRequestsTable): CachedAccountRequest => ({
  wire: AccountRequestWire.parse(JSON.parse(row.data)),
  rev: row.rev,
});

const isDecider = (role: string) => (ACCOUNT_DECIDER_ROLES as readonly string[]).includes(role);

/**
 * The account-request machine on the cache for one user, like residenceModel: the requests as the
 * server has them with the user's queued decisions applied (DESIGN rule 7), and the roles the user
 * holds at each deciding org (a grant covers its subtree).
 */
export function accountModel(handle: SqliteHandle, user: SessionUser) {
  const base = transferModel(handle, user);
  const cache = accountRequestsCache(handle);

  const actorAt = (orgId: string): AccountActor => ({
    userId: user.id,
    fullName: user.fullName,
    rolesHere: base.rolesAt(orgId),
  });

  const pathOf = (orgId: string) => base.repo.orgs([orgId]).get(orgId)?.path;

  /** Paths of the orgs where the user approves or administers: his approval subtrees. */
  const deciderPaths = [
    ...new Set(base.grants.filter((g) => isDecider(g.role)).map((g) => g.path)),
  ];

  /** Whether the org lies in one of the user's approver/admin subtrees. */
  function decidesAt(orgId: string): boolean {
    const path = pathOf(orgId);
    return path !== undefined && deciderPaths.some((p) => path.startsWith(p));
  }

  const queuedOf = (id: string) =>
    base.outbox.forEntity(id).filter((i) => i.kind === 'accountRequest');

  function load(id: string): CachedAccountRequest | undefined {
    const row = cache.request(id);
    return row ? parseRow(row) : undefined;
  }

  function apply(
    wire: AccountRequestWire,
    decision: AccountDecision,
    now: Date,
  ): AccountDecisionOutcome {
    return decideAccountRequest(wire, actorAt(wire.decidingOrgId), decision, now.toISOString());
  }

  const advance = (
    wire: AccountRequestWire,
    outcome: AccountDecisionOutcome & { ok: true },
    decision: AccountDecision,
    at: string,
  ): AccountRequestWire => {
    const step: AccountEventWire = {
      type: decision.type,
      actorName: user.fullName,
      at,
      reason: decision.type === 'refuse' ? decision.reason : null,
    };
    return {
      ...wire,
      ...outcome.request,
      updatedAt: at,
      history: [...wire.history, step],
    } as AccountRequestWire;
  };

  /** The queued decisions in order on top of the server's state, up to the first refused. */
  function overlay(cached: CachedAccountRequest, queued: readonly OutboxItem[]) {
    let shown = cached.wire;
    for (const item of withApplied(base.outbox, 'accountRequest', cached, queued)) {
      if (!isQueued(item) || item.mutation.entity !== 'accountRequest') continue;
      const action = item.mutation.action;
      if (action.type !== 'approve' && action.type !== 'refuse') continue;
      const outcome = apply(shown, action, new Date(item.createdAt));
      if (!outcome.ok) break;
      shown = advance(shown, outcome, action, item.createdAt);
    }
    return shown;
  }

  /** Every cached request, with its queued entries and the state they make of it. */
  function shownAll() {
    return cache.requests().map((row) => {
      const cached = parseRow(row);
      const queued = queuedOf(row.id);
      return { cached, queued, shown: overlay(cached, queued) };
    });
  }

  /** An org's name: the cache's, else the one pull sent with the request. */
  const orgName = (wire: AccountRequestWire, orgId: string) =>
    base.repo.orgs([orgId]).get(orgId)?.name ?? wire.orgNames[orgId] ?? orgId;

  return {
    user,
    base,
    actorAt,
    decidesAt,
    pathOf,
    load,
    require: (id: string) => load(id) ?? notFoundAccountRequest(id),
    queuedOf,
    apply,
    advance,
    overlay,
    shownAll,
    orgName,
  };
}

export type AccountModel = ReturnType<typeof accountModel>;
