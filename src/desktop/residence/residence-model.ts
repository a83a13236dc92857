import type { SessionUser } from '../../api/auth';
import {
  ResidenceFormWire,
  ResidenceRequestWire,
  type ResidenceEventWire,
  type ResidenceFormWireAction,
  type ResidenceRequestWireAction,
} from '../../api/residence';
import type { SqliteHandle } from '../../db/sqlite';
import {
  applyResidenceFormAction,
  type ResidenceFormAction,
  type ResidenceFormActor,
  type ResidenceFormOutcome,
} from '../../domain/procedures/residence-form';
import {
  applyResidenceRequestAction,
  createResidenceRequest,
  type ResidenceActor,
  type ResidenceRequestAction,
  type ResidenceRequestOutcome,
} from '../../domain/procedures/residence-request';
import type { OutboxItem } from '../../sync/repositories/outbox';
import { fail } from '../service-context';
import { isQueued, transferModel, withApplied } from '../transfers/transfer-model';
import { residenceCache } from './residence-cache';

/** A cached list or form: the server's state as last pulled, and its rev (0: only queued). */
export interface Cached<W> {
  wire: W;
  rev: number;
}

/** A list step as the outbox carries it: the domain's actions, and `create` for a new list. */
export type RequestStep =
  ResidenceRequestAction | Extract<ResidenceRequestWireAction, { type: 'create' }>;

/** A form as cached; `dueOn` is null while its committee has set no campaign for the year. */
export type FormWire = ResidenceFormWire;

const event = (
  type: string,
  actorName: string,
  at: string,
  extra: { reason?: string; signedPdfSha256?: string } = {},
): ResidenceEventWire => ({
  type,
  actorName,
  at,
  reason: extra.reason ?? null,
  signedPdfSha256: extra.signedPdfSha256 ?? null,
});

const eventOf = (
  action: { type: string; reason?: string; signedPdfSha256?: string },
  actorName: string,
  at: string,
) =>
  event(action.type, actorName, at, {
    ...(action.reason !== undefined ? { reason: action.reason } : {}),
    ...(action.signedPdfSha256 !== undefined ? { signedPdfSha256: action.signedPdfSha256 } : {}),
  });

export const notFoundList = (id: string): never =>
  fail('not_found', `residence list ${id} is not in the local cache`, 'Không tìm thấy danh sách.');
export const notFoundForm = (id: string): never =>
  fail(
    'not_found',
    `residence form ${id} is not in the local cache`,
    'Không tìm thấy phiếu nhận xét.',
  );

/**
 * The residence machines run on the cache for one user, like transferModel for dossiers: the
 * lists and forms as the server has them, with the user's queued actions applied (DESIGN rule 7),
 * and the roles the user holds where each is decided. A list created offline exists only as its
 * queued `create` until pull brings it.
 */
export function residenceModel(handle: SqliteHandle, user: SessionUser) {
  const base = transferModel(handle, user);
  const cache = residenceCache(handle);
  const memberId = base.repo.memberIdOfUser(user.id);

  /**
   * A cached form with its committee's due date as last pulled: the campaign travels on its own
   * (entity `residenceCampaign`), so a moved date applies to forms cached before the move. The
   * date the form came with stands for a campaign this cache has not pulled yet.
   */
  function parseForm(data: string): FormWire {
    const wire = ResidenceFormWire.parse(JSON.parse(data));
    const campaign = cache.campaign(wire.committeeOrgId, wire.campaignYear);
    return campaign === undefined ? wire : { ...wire, dueOn: campaign.due_on };
  }

  const actorAt = (orgId: string): ResidenceActor => ({
    userId: user.id,
    fullName: user.fullName,
    memberId,
    rolesHere: base.rolesAt(orgId),
  });

  const formActor = (
    f: Pick<FormWire, 'residenceOrgId' | 'committeeOrgId'>,
  ): ResidenceFormActor => ({
    ...actorAt(f.residenceOrgId),
    rolesAtResidence: base.rolesAt(f.residenceOrgId),
    rolesAtCommittee: base.rolesAt(f.committeeOrgId),
  });

  const queuedOf = (kind: 'residenceRequest' | 'residenceForm', id: string) =>
    base.outbox.forEntity(id).filter((i) => i.kind === kind);

  /** The queued `create` of a list made here, as the list it will be. */
  function createdHere(
    id: string,
    queued: readonly OutboxItem[],
  ): Cached<ResidenceRequestWire> | undefined {
    const first = queued[0];
    if (first?.mutation.entity !== 'residenceRequest' || first.mutation.action.type !== 'create')
      return undefined;
    const a = first.mutation.action;
    const outcome = createResidenceRequest(
      {
        id,
        campaignYear: a.campaignYear,
        workplaceOrgId: a.workplaceOrgId,
        kind: a.kind,
        items: a.items,
      },
      actorAt(a.workplaceOrgId),
      { now: first.createdAt },
    );
    if (!outcome.ok) return undefined;
    return {
      rev: 0,
      wire: {
        ...outcome.request,
        updatedAt: first.createdAt,
        history: [event('create', user.fullName, first.createdAt)],
        orgNames: {},
        memberNames: {},
        memberBirthDates: {},
      },
    };
  }

  function loadRequest(id: string): Cached<ResidenceRequestWire> | undefined {
    const row = cache.request(id);
    if (row) return { wire: ResidenceRequestWire.parse(JSON.parse(row.data)), rev: row.rev };
    // Applied but not pulled yet, the create is still the list (rev 0: nothing cached).
    const created = withApplied(base.outbox, 'residenceRequest', { wire: { id }, rev: 0 }, []);
    return createdHere(id, [...created, ...queuedOf('residenceRequest', id)]);
  }

  function loadForm(id: string): Cached<FormWire> | undefined {
    const row = cache.form(id);
    return row ? { wire: parseForm(row.data), rev: row.rev } : undefined;
  }

  function applyRequest(
    wire: ResidenceRequestWire,
    action: RequestStep,
    now: Date,
  ): ResidenceRequestOutcome {
    // `create` is the list itself (createdHere); on a list that exists it is out of place.
    if (action.type === 'create')
      return {
        ok: false,
        code: 'not_allowed_now',
        message: `list ${wire.id} exists already`,
        messageVi: 'Danh sách đã được lập.',
      };
    return applyResidenceRequestAction(wire, action, actorAt(wire.workplaceOrgId), {
      now: now.toISOString(),
    });
  }

  function applyForm(wire: FormWire, action: ResidenceFormAction, now: Date): ResidenceFormOutcome {
    return applyResidenceFormAction(wire, action, formActor(wire), { now: now.toISOString() });
  }

  const advanceRequest = (
    wire: ResidenceRequestWire,
    outcome: ResidenceRequestOutcome & { ok: true },
    action: RequestStep,
    at: string,
  ): ResidenceRequestWire => ({
    ...wire,
    ...outcome.request,
    updatedAt: at,
    history: [...wire.history, eventOf(action, user.fullName, at)],
  });

  const advanceForm = (
    wire: FormWire,
    outcome: ResidenceFormOutcome & { ok: true },
    action: ResidenceFormAction,
    at: string,
  ): FormWire => ({
    ...wire,
    ...outcome.form,
    updatedAt: at,
    history: [...wire.history, eventOf(action, user.fullName, at)],
  });

  /** The queued list steps in order on top of the server's state, up to the first refused. */
  function overlayRequest(cached: Cached<ResidenceRequestWire>, queued: readonly OutboxItem[]) {
    let shown = cached.wire;
    for (const item of withApplied(base.outbox, 'residenceRequest', cached, queued)) {
      if (!isQueued(item) || item.mutation.entity !== 'residenceRequest') continue;
      const action = item.mutation.action as RequestStep;
      if (action.type === 'create') continue;
      const outcome = applyRequest(shown, action, new Date(item.createdAt));
      if (!outcome.ok) break;
      shown = advanceRequest(shown, outcome, action, item.createdAt);
    }
    return shown;
  }

  function overlayForm(cached: Cached<FormWire>, queued: readonly OutboxItem[]) {
    let shown = cached.wire;
    for (const item of withApplied(base.outbox, 'residenceForm', cached, queued)) {
      if (!isQueued(item) || item.mutation.entity !== 'residenceForm') continue;
      const action = item.mutation.action as ResidenceFormAction;
      const outcome = applyForm(shown, action, new Date(item.createdAt));
      if (!outcome.ok) break;
      shown = advanceForm(shown, outcome, action, item.createdAt);
    }
    return shown;
  }

  return {
    user,
    base,
    cache,
    memberId,
    actorAt,
    formActor,
    loadRequest,
    loadForm,
    requireRequest: (id: string) => loadRequest(id) ?? notFoundList(id),
    requireForm: (id: string) => loadForm(id) ?? notFoundForm(id),
    queuedRequest: (id: string) => queuedOf('residenceRequest', id),
    queuedForm: (id: string) => queuedOf('residenceForm', id),
    applyRequest,
    applyForm,
    advanceRequest,
    advanceForm,
    overlayRequest,
    overlayForm,
    parseForm,
    cachedCampaign: cache.campaign,
  };
}

export type ResidenceModel = ReturnType<typeof residenceModel>;
/** The form actions the outbox may carry (the wire's and the signed step). */
export type FormStep = ResidenceFormAction | ResidenceFormWireAction;
