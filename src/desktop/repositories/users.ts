import { sql } from 'kysely';
import { jsonEach, prepareColumnQuery, prepareQuery, type Params } from '../../db/client-query';
import type { SqliteHandle } from '../../db/sqlite';
import type { Role, UserStatus } from '../../domain/people/user';
import { foldText, matchTierOf, type FoldedText, type MatchTier } from '../../domain/text/match';
import type { UserListItem } from '../contract';
import { SYNC_KEYS, syncStateValue } from '../../sync/repositories/sync-state';
import { subtreeEnd } from './org-tree';

export interface UserFilter {
  /**
   * Folded words that must all occur in the name, username or citizen id; the accounts whose name
   * or username matches best come first (src/domain/text/match).
   */
  tokens: string[];
  status?: UserStatus | undefined;
  /** Path of the org whose subtree the accounts belong to. */
  underPath?: string | undefined;
  position?: string | undefined;
  role?: Role | undefined;
  limit: number;
}

const nameOrder = new Intl.Collator('vi');

/** An account's searchable texts, folded once per sync. */
interface SearchableTexts {
  name: FoldedText;
  username: FoldedText;
  /** Name, username and citizen id: a query may mix them ("ha quantri"). */
  all: FoldedText;
}

/** The ids that match, the best match of name or username first, else in the given order. */
function rank(ids: string[], tokens: string[], texts: Map<string, SearchableTexts>): string[] {
  const ranked: { id: string; tier: MatchTier }[] = [];
  for (const id of ids) {
    const t = texts.get(id);
    // Most accounts fail here, before any ranking work.
    if (!t || !tokens.every((token) => t.all.joined.includes(token))) continue;
    const byName = matchTierOf(tokens, t.name);
    const byUsername = matchTierOf(tokens, t.username);
    const tier =
      byName === null && byUsername === null
        ? matchTierOf(tokens, t.all)
        : Math.min(byName ?? Infinity, byUsername ?? Infinity);
    if (tier !== null) ranked.push({ id, tier: tier as MatchTier });
  }
  // Array sort is stable: equal tiers keep the username order.
  return ranked.sort((a, b) => a.tier - b.tier).map((r) => r.id);
}

export function usersRepo(handle: SqliteHandle) {
  // One statement for every filter combination: a null parameter switches its condition off.
  // Only ids and what the text filter needs: a province has tens of thousands of accounts.
  const matching = prepareColumnQuery(
    handle,
    (
      db,
      p: Params<{
        status: string | null;
        position: string | null;
        role: string | null;
        from: string | null;
        to: string | null;
      }>,
    ) =>
      db
        .selectFrom('users as u')
        .leftJoin('orgs as o', 'o.id', 'u.org_id')
        .select('u.id')
        .where((eb) => eb.or([eb(eb.val(p.status), 'is', null), eb('u.status', '=', p.status)]))
        .where((eb) =>
          eb.or([eb(eb.val(p.position), 'is', null), eb('u.position', '=', p.position)]),
        )
        .where((eb) =>
          eb.or([
            eb(eb.val(p.role), 'is', null),
            eb.exists(
              eb
                .selectFrom('user_roles as r')
                .select(eb.lit(1).as('one'))
                .whereRef('r.user_id', '=', 'u.id')
                .where('r.role', '=', p.role),
            ),
          ]),
        )
        .where((eb) =>
          eb.or([
            eb(eb.val(p.from), 'is', null),
            eb.and([eb('o.path', '>=', p.from), eb('o.path', '<', p.to)]),
          ]),
        )
        .orderBy('u.username'),
  );
  const rowsByIds = prepareQuery(handle, (db, p: Params<{ ids: string }>) =>
    db
      .selectFrom(jsonEach(p.ids, 'j'))
      .innerJoin('users as u', 'u.id', 'j.value')
      .leftJoin('orgs as o', 'o.id', 'u.org_id')
      .selectAll('u')
      .select('o.name as org_name')
      // The order of the given ids (their rank).
      .orderBy(sql`j.key`),
  );
  const grants = prepareQuery(handle, (db, p: Params<{ ids: string }>) =>
    db
      .selectFrom(jsonEach(p.ids, 'j'))
      .innerJoin('user_roles as r', 'r.user_id', 'j.value')
      .leftJoin('orgs as o', 'o.id', 'r.org_id')
      .select(['r.user_id', 'r.role', 'r.org_id', 'o.name as org_name'])
      .orderBy('r.user_id')
      .orderBy('r.role'),
  );
  const searchable = prepareQuery(handle, (db) =>
    db.selectFrom('users').select(['id', 'full_name', 'username', 'citizen_id']),
  );
  const positions = prepareColumnQuery(handle, (db) =>
    db
      .selectFrom('users')
      .select('position')
      .distinct()
      .where('position', 'is not', null)
      .$narrowType<{ position: string }>(),
  );
  const version = syncStateValue(handle);

  // Folded texts and job titles change only with a sync: kept per cursor.
  let derived: {
    version: string | undefined;
    texts: Map<string, SearchableTexts>;
    positions: string[];
  };
  function current() {
    const v = version.get({ key: SYNC_KEYS.cursor });
    if (derived?.version !== v) {
      derived = {
        version: v,
        texts: new Map(
          searchable.all().map((u) => {
            const name = foldText(u.full_name);
            const username = foldText(u.username);
            const all = [...name.words, ...username.words, u.citizen_id];
            return [u.id, { name, username, all: { words: all, joined: all.join(' ') } }];
          }),
        ),
        positions: positions
          .all()
          .flatMap((p) => (p === null ? [] : [p]))
          .sort(nameOrder.compare),
      };
    }
    return derived;
  }

  return {
    /** Accounts of the cache by the admin guide's filters, ordered by username. */
    list(filter: UserFilter) {
      let ids = matching.all({
        status: filter.status ?? null,
        position: filter.position ?? null,
        role: filter.role ?? null,
        from: filter.underPath ?? null,
        to: filter.underPath ? subtreeEnd(filter.underPath) : null,
      });
      if (filter.tokens.length > 0) ids = rank(ids, filter.tokens, current().texts);
      const page = JSON.stringify(ids.slice(0, filter.limit));
      const byUser = new Map<string, UserListItem['roles']>();
      for (const g of grants.all({ ids: page })) {
        const list = byUser.get(g.user_id) ?? [];
        list.push({ role: g.role as Role, orgId: g.org_id, orgName: g.org_name ?? '' });
        byUser.set(g.user_id, list);
      }
      const items: UserListItem[] = rowsByIds.all({ ids: page }).map((u) => ({
        id: u.id,
        username: u.username,
        fullName: u.full_name,
        citizenId: u.citizen_id,
        phone: u.phone,
        email: u.email,
        position: u.position,
        org: { id: u.org_id, name: u.org_name ?? '' },
        roles: byUser.get(u.id) ?? [],
        // Enum columns hold what the domain schemas accepted on the way into the cache.
        status: u.status as UserStatus,
        updatedBy: u.updated_by,
        updatedAt: u.updated_at,
      }));
      return { items, total: ids.length, truncated: ids.length > filter.limit };
    },
    /** The job titles present, for the filter's choices. */
    positions: (): string[] => current().positions,
  };
}
