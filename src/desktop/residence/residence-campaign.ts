import { RESIDENCE_LIST_ROLES } from '../../api/access';
import { residenceCampaignRoutes as routes } from '../../api/residence-campaigns';
import type { OrgType } from '../../domain/org/org-types';
import type { ResidenceCampaignState, ResidenceCampaignWindow } from '../contract-residence';
import { isOffline } from '../fees/fee-handler-support';
import { DesktopFailure, fail, type ServiceContext } from '../service-context';
import type { ResidenceModel } from './residence-model';

/** The orgs that run a campaign: ward and commune committees (as the server's route says). */
const COMMITTEE_TYPES: ReadonlySet<string> = new Set<OrgType>([
  'superior_committee',
  'grassroots_committee',
]);

/** Saving needs the server: offline, the call says so. */
async function online<T>(ctx: ServiceContext, offlineVi: string, run: () => Promise<T>) {
  try {
    ctx.requireServerSession();
    return await run();
  } catch (err) {
    if (isOffline(err)) return fail('offline', 'needs the server, which is unreachable', offlineVi);
    throw err;
  }
}

/** The committee asked about, or the first one among the orgs where the user holds a role. */
function committeeOf(m: ResidenceModel, orgId: string | undefined) {
  const { repo, grants } = m.base;
  if (orgId) {
    const org = repo.orgs([orgId]).get(orgId);
    return {
      id: orgId,
      name: org?.name ?? orgId,
      isCommittee: COMMITTEE_TYPES.has(org?.type ?? ''),
    };
  }
  const orgs = repo.orgs(grants.map((g) => g.orgId));
  const committee = grants
    .map((g) => orgs.get(g.orgId))
    .find((o) => o !== undefined && COMMITTEE_TYPES.has(o.type));
  return committee ? { id: committee.id, name: committee.name, isCommittee: true } : null;
}

/** The server could not be asked: unreachable, or the user signed in offline. */
const isOfflineFailure = (err: unknown) =>
  err instanceof DesktopFailure && ['offline', 'offline_session'].includes(err.error.code);

/**
 * The window as pulled into the cache (every cache receives every campaign): what the screen
 * shows offline.
 */
function cachedWindow(m: ResidenceModel, committeeOrgId: string, year: number) {
  const row = m.cachedCampaign(committeeOrgId, year);
  return row ? { year, opensOn: row.opens_on, dueOn: row.due_on } : undefined;
}

/**
 * "Đợt lấy nhận xét năm …": the committee's window for the year, and whether the user sets it.
 * Asked of the server (a date just saved shows before the next sync), or read from the cache
 * offline.
 */
export async function residenceCampaign(
  ctx: ServiceContext,
  m: ResidenceModel,
  input: { orgId?: string | undefined; year: number },
): Promise<ResidenceCampaignState> {
  const committee = committeeOf(m, input.orgId);
  if (!committee) return { committee: null, campaign: null, canEdit: false };
  const cached = cachedWindow(m, committee.id, input.year);
  const fromServer = async () => {
    const { items } = await ctx.tracked(
      ctx.api.request(routes.listResidenceCampaigns, {
        query: { orgId: committee.id, year: input.year },
      }),
    );
    return items.find((c) => c.year === input.year);
  };
  const found = await online(ctx, 'Cần kết nối mạng để xem đợt lấy nhận xét.', fromServer).catch(
    (err: unknown) => {
      if (cached && isOfflineFailure(err)) return cached;
      throw err;
    },
  );
  const roles = m.base.rolesAt(committee.id);
  return {
    committee: { id: committee.id, name: committee.name },
    campaign: found ? { year: found.year, opensOn: found.opensOn, dueOn: found.dueOn } : null,
    canEdit:
      committee.isCommittee &&
      RESIDENCE_LIST_ROLES.some((r) => (roles as readonly string[]).includes(r)),
  };
}

/** "Thiết lập đợt nhận xét": the server decides who may; its refusal is the call's answer. */
export async function saveResidenceCampaign(
  ctx: ServiceContext,
  input: { orgId: string; year: number; opensOn: string; dueOn: string },
): Promise<ResidenceCampaignWindow> {
  const saved = await online(ctx, 'Cần kết nối mạng để thiết lập đợt lấy nhận xét.', () =>
    ctx.tracked(
      ctx.api.request(routes.putResidenceCampaign, {
        params: { orgId: input.orgId, year: String(input.year) },
        body: { opensOn: input.opensOn, dueOn: input.dueOn },
      }),
    ),
  );
  // Screens showing due dates read the campaign again.
  ctx.emit({ type: 'residence-changed' });
  return { year: saved.year, opensOn: saved.opensOn, dueOn: saved.dueOn };
}
