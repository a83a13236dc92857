import type { ClientUsersTable } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import type { Role, UserStatus } from '../../domain/people/user';
import { foldForSearch } from '../../domain/text/fold';
import type { UserListItem } from '../contract';
import { subtreeEnd } from './org-tree';

type UserRow = ClientUsersTable & { org_name: string | null };
type GrantRow = { user_id: string; role: string; org_id: string; org_name: string | null };

export interface UserFilter {
  /** Folded words that must all occur in the name, username or citizen id. */
  tokens: string[];
  status?: UserStatus | undefined;
  /** Path of the org whose subtree the accounts belong to. */
  underPath?: string | undefined;
  position?: string | undefined;
  role?: Role | undefined;
  limit: number;
}

const nameOrder = new Intl.Collator('vi');

export function usersRepo(handle: SqliteHandle) {
  // One statement for every filter combination: a null parameter switches its condition off.
  // Only ids and what the text filter needs: a province has tens of thousands of accounts.
  const matching = handle.prepare<
    {
      status: string | null;
      position: string | null;
      role: string | null;
      from: string | null;
      to: string | null;
    },
    { id: string }
  >(
    `select u.id from users u left join orgs o on o.id = u.org_id
     where (@status is null or u.status = @status)
       and (@position is null or u.position = @position)
       and (@role is null or exists (select 1 from user_roles r where r.user_id = u.id and r.role = @role))
       and (@from is null or (o.path >= @from and o.path < @to))
     order by u.username`,
  );
  const rowsByIds = handle.prepare<[string], UserRow>(
    `select u.*, o.name as org_name from json_each(?) j join users u on u.id = j.value
     left join orgs o on o.id = u.org_id order by u.username`,
  );
  const grants = handle.prepare<[string], GrantRow>(
    `select r.user_id, r.role, r.org_id, o.name as org_name
     from json_each(?) j join user_roles r on r.user_id = j.value left join orgs o on o.id = r.org_id
     order by r.user_id, r.role`,
  );
  const searchable = handle.prepare<[], { id: string; text: string }>(
    `select id, full_name || ' ' || username || ' ' || citizen_id as text from users`,
  );
  const positions = handle
    .prepare<[], string>('select distinct position from users where position is not null')
    .pluck();
  const version = handle
    .prepare<[], string>(`select value from sync_state where key = 'cursor'`)
    .pluck();

  // Folded texts and job titles change only with a sync: kept per cursor.
  let derived: { version: string | undefined; texts: Map<string, string>; positions: string[] };
  function current() {
    const v = version.get();
    if (derived?.version !== v) {
      derived = {
        version: v,
        texts: new Map(searchable.all().map((u) => [u.id, foldForSearch(u.text)])),
        positions: positions.all().sort(nameOrder.compare),
      };
    }
    return derived;
  }

  return {
    /** Accounts of the cache by the admin guide's filters, ordered by username. */
    list(filter: UserFilter) {
      let ids = matching
        .all({
          status: filter.status ?? null,
          position: filter.position ?? null,
          role: filter.role ?? null,
          from: filter.underPath ?? null,
          to: filter.underPath ? subtreeEnd(filter.underPath) : null,
        })
        .map((u) => u.id);
      if (filter.tokens.length > 0) {
        const { texts } = current();
        ids = ids.filter((id) => {
          const text = texts.get(id) ?? '';
          return filter.tokens.every((t) => text.includes(t));
        });
      }
      const page = JSON.stringify(ids.slice(0, filter.limit));
      const byUser = new Map<string, UserListItem['roles']>();
      for (const g of grants.all(page)) {
        const list = byUser.get(g.user_id) ?? [];
        list.push({ role: g.role as Role, orgId: g.org_id, orgName: g.org_name ?? '' });
        byUser.set(g.user_id, list);
      }
      const items: UserListItem[] = rowsByIds.all(page).map((u) => ({
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
