/**
 * Test support: a desktop cache holding a small ward, some staff accounts and transfer dossiers
 * made by the real machine (startTransfer), and a desktop service logged in offline as one of the
 * accounts on it — the state an officer has after a sync, with the server out of reach.
 */
import { join } from 'node:path';
import type { SessionUser } from '../../../api/auth';
import type { OrgWire, PullChange, UserRoleWire, UserWire } from '../../../api/sync';
import { DossierWire } from '../../../api/transfers';
import type { ClientDb } from '../../../db/client-db';
import { CALENDAR_2026, YEAR_2026 } from '../../../domain/calendar/test-support/calendars';
import type { Role } from '../../../domain/people/user';
import { startTransfer, type RouteOrg, type TransferVariant } from '../../../domain/procedures';
import { createCacheWriter } from '../../../sync/repositories/cache-writer';
import { SYNC_KEYS, syncStateRepo } from '../../../sync/repositories/sync-state';
import { openTestCache } from '../../../sync/test-support/encrypted-cache';
import { wardFixture, type WardFixture } from '../../../sync/test-support/ward-cache';
import { change, uid, userRoleWire, userWire } from '../../../sync/test-support/wire';
import { createDesktopService, type DesktopService } from '../../desktop-service';
import { offlineLoginRepo } from '../../repositories/offline-login';
import type { DesktopSigningOptions } from '../../service-context';

export const PASSWORD = 'Demo@2026';
/** Nothing listens there: the service works offline. */
export const OFFLINE_SERVER = 'http://127.0.0.1:9';

export interface Staff {
  user: UserWire;
  grants: { role: Role; orgId: string }[];
}

export interface TransferWorld {
  ward: WardFixture;
  staff: Record<'wardApprover' | 'wardProcessor' | 'cell1Secretary' | 'cell5Secretary', Staff>;
  dossiers: DossierWire[];
  changes: ReturnType<typeof change.org>[];
}

const pathOf =
  (orgs: readonly OrgWire[]) =>
  (id: string): RouteOrg[] | null => {
    const org = orgs.find((o) => o.id === id);
    if (!org) return null;
    return org.path
      .split('/')
      .filter(Boolean)
      .map((pid) => {
        const o = orgs.find((x) => x.id === pid)!;
        return { id: o.id, type: o.type };
      });
  };

/** A dossier as pull delivers it, made by the member's submission through the machine. */
export function submitted(
  ward: WardFixture,
  n: number,
  memberIndex: number,
  destination: OrgWire,
  opts: {
    variant?: TransferVariant;
    submittedAt?: string;
    attachments?: DossierWire['attachments'];
  } = {},
): DossierWire {
  const member = ward.members[memberIndex]!;
  const at = opts.submittedAt ?? '2026-03-02T08:00:00.000Z';
  const outcome = startTransfer(
    {
      id: uid(600_000 + n),
      variant: opts.variant ?? 'official',
      member: { id: member.id, homeOrgId: member.homeOrgId },
      form: {
        destinationOrgId: destination.id,
        reason: 'Chuyển nơi cư trú về tổ dân phố mới',
        movedOn: '2026-02-25',
        newAddress: 'Số 5 ngõ 12 phố Việt Hưng',
        temporary:
          opts.variant === 'temporary'
            ? { startOn: '2026-03-10', endOn: '2026-09-10', fullTimeStudy: false }
            : null,
      },
      attachments: opts.attachments ?? [],
    },
    { userId: uid(900_000 + n), fullName: member.fullName, memberId: member.id, rolesHere: [] },
    { now: at, calendar: CALENDAR_2026, pathOf: pathOf([ward.root, ...ward.cells]) },
  );
  if (!outcome.ok) throw new Error(`test dossier refused: ${outcome.code}`);
  return DossierWire.parse({
    ...outcome.dossier,
    currentOrgId: outcome.dossier.route.orgIds[0],
    updatedAt: at,
    history: outcome.events,
    // As pull sends it: the names of the route's orgs.
    orgNames: Object.fromEntries(
      outcome.dossier.route.orgIds.map((id) => [
        id,
        [ward.root, ...ward.cells].find((o) => o.id === id)!.name,
      ]),
    ),
  });
}

function staff(n: number, org: OrgWire, fullName: string, username: string, roles: Role[]): Staff {
  return {
    user: userWire(50 + n, org.id, { username, fullName }),
    grants: roles.map((role) => ({ role, orgId: org.id })),
  };
}

/** The ward, four staff accounts and the dossiers of `makeDossiers`. */
export function transferWorld(
  makeDossiers: (ward: WardFixture) => DossierWire[] = () => [],
): TransferWorld {
  const ward = wardFixture(60);
  const [cell1, cell5] = [ward.cells[0]!, ward.cells[4]!];
  const s = {
    wardApprover: staff(1, ward.root, 'Nguyễn Văn Hưng', 'bithu.phuong', ['approver', 'processor']),
    wardProcessor: staff(2, ward.root, 'Lê Minh Tuấn', 'xuly.phuong', ['processor']),
    cell1Secretary: staff(3, cell1, 'Phạm Văn Bình', 'bithu.cb1', ['approver']),
    cell5Secretary: staff(4, cell5, 'Hoàng Thị Lan', 'bithu.cb5', ['approver']),
  };
  let grantNo = 100;
  const grants: UserRoleWire[] = Object.values(s).flatMap((st) =>
    st.grants.map((g) => ({ ...userRoleWire(grantNo++, st.user.id, g.orgId), role: g.role })),
  );
  const dossiers = makeDossiers(ward);
  const changes: PullChange[] = [
    // The calendar every server ships (migration 0012): deadlines count its 2026 holidays.
    {
      op: 'upsert',
      entity: 'holidayYear',
      id: '2026',
      rev: 1,
      data: { ...YEAR_2026, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: null },
    },
    ...ward.changes,
    ...Object.values(s).map((st) => change.user(st.user)),
    ...grants.map((g) => change.userRole(g)),
    ...dossiers.map((d) => change.dossier(d)),
  ];
  return { ward, staff: s, dossiers, changes };
}

export interface OpenedService {
  api: DesktopService;
  cache: ClientDb;
  user: SessionUser;
  close(): Promise<void>;
}

/**
 * A cache filled with the world and a service logged in (offline) as `who`. Each call gets its
 * own cache file in `dir`, as each officer has their own machine.
 */
export async function openAs(
  dir: string,
  world: TransferWorld,
  who: Staff,
  signing: DesktopSigningOptions = {},
): Promise<OpenedService> {
  const file = join(dir, `cache-${who.user.username}-${Date.now()}.sqlite`);
  const { cache, keys } = await openTestCache(file);
  createCacheWriter(cache.handle).applyPage(world.changes, 'c1');
  const user: SessionUser = {
    id: who.user.id,
    username: who.user.username,
    fullName: who.user.fullName,
    orgId: who.user.orgId,
    roles: who.grants,
  };
  const state = syncStateRepo(cache.handle);
  state.set(SYNC_KEYS.userId, user.id);
  state.set(SYNC_KEYS.serverUrl, OFFLINE_SERVER);
  // As after an online login on this machine: the user is known and the password wraps the key.
  offlineLoginRepo(cache.handle).save({ user });
  await keys.enroll(user.id, PASSWORD);
  const api = createDesktopService({ cache, cacheKeys: keys, serverUrl: OFFLINE_SERVER, signing });
  const login = await api.login({ username: user.username, password: PASSWORD });
  if (!login.ok || !login.value.offline) throw new Error('offline login failed');
  return { api, cache, user, close: () => cache.close() };
}
