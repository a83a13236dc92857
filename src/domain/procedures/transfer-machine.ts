import { fail, type Failure } from '../common/result';
import type { HolidayCalendar } from '../calendar/working-days';
import {
  FINAL_STATUSES,
  type Attachment,
  type TransferAction,
  type TransferActor,
  type TransferDossier,
  type TransferEvent,
  type TransferForm,
} from './transfer-dossier';
import { presentByFrom, startedInTime, validateTemporaryStay } from './transfer-deadlines';
import {
  isValidNextOrg,
  planTransferRoute,
  proposeNextOrg,
  type RouteCode,
  type RouteOrg,
  type TransferVariant,
} from './transfer-route';

const STAFF = ['processor', 'approver'] as const;
const isStaffHere = (actor: TransferActor) =>
  actor.rolesHere.some((r) => STAFF.includes(r as never));

/** What the machine needs from outside: the clock, the holidays, and the org tree. */
export interface TransferEnv {
  /** ISO-8601 instant. */
  now: string;
  /** The stored calendar (server: its database; desktop: the cache); no default year. */
  calendar: HolidayCalendar;
  /** The path of an org, root first, or null when unknown. */
  pathOf: (orgId: string) => readonly RouteOrg[] | null;
}

export type TransferCode =
  | RouteCode
  | 'not_allowed_now'
  | 'not_your_dossier'
  | 'not_processor'
  | 'not_approver'
  | 'not_checked'
  | 'invalid_next_org'
  | 'unknown_org'
  | 'temporary_stay_required'
  | 'temporary_stay_not_allowed'
  | 'started_too_late'
  | 'moved_in_future'
  | 'stay_too_short'
  | 'stay_too_long'
  | 'stay_ends_before_start';

export type TransferOutcome =
  { ok: true; dossier: TransferDossier; events: TransferEvent[] } | Failure<TransferCode>;

const today = (env: TransferEnv) => env.now.slice(0, 10);

function event(
  type: TransferEvent['type'],
  actor: TransferActor,
  env: TransferEnv,
  orgId: string | null,
  extra: Partial<Pick<TransferEvent, 'reason' | 'nextOrgId' | 'signedPdfSha256'>> = {},
): TransferEvent {
  return {
    type,
    orgId,
    actorId: actor.userId,
    actorName: actor.fullName,
    at: env.now,
    reason: extra.reason ?? null,
    nextOrgId: extra.nextOrgId ?? null,
    signedPdfSha256: extra.signedPdfSha256 ?? null,
  };
}

/** Form rules that do not depend on the route: the stay of a temporary transfer, the dates. */
function validateForm(
  variant: TransferVariant,
  form: TransferForm,
  env: TransferEnv,
): Failure<TransferCode> | null {
  if (form.movedOn > addDays(today(env), 366))
    return fail(
      'moved_in_future',
      'the move is more than a year ahead',
      'Ngày chuyển không hợp lệ.',
    );
  if (variant === 'temporary') {
    if (!form.temporary)
      return fail(
        'temporary_stay_required',
        'a temporary transfer needs the start and end of the stay',
        'Chuyển sinh hoạt tạm thời cần có thời gian bắt đầu và kết thúc.',
      );
    const stay = validateTemporaryStay(form.temporary);
    if (!stay.ok) return stay;
  } else {
    if (form.temporary)
      return fail(
        'temporary_stay_not_allowed',
        'only a temporary transfer has a stay period',
        'Chỉ chuyển sinh hoạt tạm thời mới có thời hạn.',
      );
    if (!startedInTime(form.movedOn, today(env), env.calendar))
      return fail(
        'started_too_late',
        'an official transfer starts within 60 working days of the move',
        'Đảng viên phải làm thủ tục chuyển sinh hoạt chính thức trong vòng 60 ngày làm việc kể từ khi chuyển đến nơi mới.',
      );
  }
  return null;
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function planFor(
  variant: TransferVariant,
  fromOrgId: string,
  form: TransferForm,
  env: TransferEnv,
) {
  const from = env.pathOf(fromOrgId);
  const to = env.pathOf(form.destinationOrgId);
  if (!from || !to)
    return fail<TransferCode>(
      'unknown_org',
      'an org of the transfer does not exist',
      'Không tìm thấy tổ chức đảng nơi chuyển đi hoặc nơi chuyển đến.',
    );
  return planTransferRoute(variant, from, to);
}

const notYours = () =>
  fail<TransferCode>(
    'not_your_dossier',
    'members submit only their own transfer; staff file only for members of their cells',
    'Đảng viên chỉ được nộp hồ sơ của chính mình; cán bộ chỉ được nộp hộ đảng viên thuộc phạm vi quản lý.',
  );

/**
 * The member submits the form, or a processor or approver of his home cell (or of an org above
 * it: `rolesHere` are the actor's roles at that cell) files it on his behalf. The dossier starts
 * at the sending cell, waiting for its check, and records who filed it.
 */
export function startTransfer(
  input: {
    id: string;
    variant: TransferVariant;
    member: { id: string; homeOrgId: string };
    form: TransferForm;
    attachments: Attachment[];
  },
  actor: TransferActor,
  env: TransferEnv,
): TransferOutcome {
  const onBehalf = actor.memberId !== input.member.id;
  if (onBehalf && !isStaffHere(actor)) return notYours();
  const bad = validateForm(input.variant, input.form, env);
  if (bad) return bad;
  const route = planFor(input.variant, input.member.homeOrgId, input.form, env);
  if (!route.ok) return route;
  const dossier: TransferDossier = {
    id: input.id,
    variant: input.variant,
    memberId: input.member.id,
    fromOrgId: input.member.homeOrgId,
    form: input.form,
    attachments: input.attachments,
    route: route.value,
    position: 0,
    status: 'pending_check',
    checkedData: null,
    nextOrgId: null,
    letterSha256: null,
    reason: null,
    submittedAt: env.now,
    presentBy: null,
    completedAt: null,
    filedBy: { userId: actor.userId, fullName: actor.fullName, onBehalf },
  };
  return { ok: true, dossier, events: [event('submit', actor, env, null)] };
}

const notNow = (d: TransferDossier, what: string) =>
  fail<TransferCode>(
    'not_allowed_now',
    `cannot ${what} a dossier that is ${d.status}`,
    `Không thể thực hiện thao tác này với hồ sơ ở trạng thái hiện tại.`,
  );

const notProcessor = () =>
  fail<TransferCode>(
    'not_processor',
    'only processors or approvers of the org where the dossier is may act on it',
    'Chỉ cán bộ xử lý hoặc lãnh đạo của tổ chức đảng đang giữ hồ sơ mới được thao tác.',
  );

/**
 * Applies one action. Pure: the same dossier, action, actor and env always give the same answer,
 * so the app shows the optimistic result and the server decides with the same code.
 */
export function applyTransferAction(
  dossier: TransferDossier,
  action: TransferAction,
  actor: TransferActor,
  env: TransferEnv,
): TransferOutcome {
  const here = dossier.route.orgIds[dossier.position] ?? null;
  const last = dossier.position === dossier.route.orgIds.length - 1;
  if (FINAL_STATUSES.includes(dossier.status)) return notNow(dossier, action.type);

  if (action.type === 'resubmit') {
    if (dossier.status !== 'returned') return notNow(dossier, 'resubmit');
    // Whoever filed it on the member's behalf resubmits it too: the member may have no account.
    const filedForHim =
      dossier.filedBy?.onBehalf === true && dossier.filedBy.userId === actor.userId;
    if (actor.memberId !== dossier.memberId && !filedForHim)
      return fail(
        'not_your_dossier',
        'only the member, or who filed it on his behalf, resubmits a returned dossier',
        'Chỉ đảng viên nộp hồ sơ hoặc người đã nộp hộ mới được nộp lại.',
      );
    const bad = validateForm(dossier.variant, action.form, env);
    if (bad) return bad;
    const route = planFor(dossier.variant, dossier.fromOrgId, action.form, env);
    if (!route.ok) return route;
    return {
      ok: true,
      dossier: {
        ...dossier,
        form: action.form,
        attachments: action.attachments,
        route: route.value,
        position: 0,
        status: 'pending_check',
        checkedData: null,
        nextOrgId: null,
        letterSha256: null,
        reason: null,
        presentBy: null,
      },
      events: [event('resubmit', actor, env, null)],
    };
  }

  if (dossier.status === 'returned') return notNow(dossier, action.type);
  if (!isStaffHere(actor)) return notProcessor();

  switch (action.type) {
    case 'check': {
      let route = dossier.route;
      let nextOrgId: string | null = null;
      if (!last) {
        const wanted = action.nextOrgId ?? proposeNextOrg(route, dossier.position);
        const path = wanted ? env.pathOf(wanted) : null;
        const replanned = path ? isValidNextOrg(route, dossier.position, path) : null;
        if (!replanned)
          return fail(
            'invalid_next_org',
            `org ${wanted ?? '?'} is not a valid next hop from ${here ?? '?'}`,
            'Nơi chuyển hồ sơ đến không hợp lệ theo cây tổ chức đảng.',
          );
        route = replanned;
        // A cell picked deeper down is reached through the orgs between: the next hop is the first.
        nextOrgId = route.orgIds[dossier.position + 1] ?? null;
      }
      return {
        ok: true,
        dossier: { ...dossier, route, status: 'checked', checkedData: action.data, nextOrgId },
        events: [event('check', actor, env, here, { nextOrgId })],
      };
    }
    case 'forward':
    case 'sign_and_forward': {
      if (dossier.status !== 'checked')
        return fail(
          'not_checked',
          'check the dossier before approving it',
          'Hồ sơ phải được kiểm tra trước khi duyệt.',
        );
      const signed = action.type === 'sign_and_forward' ? action.signedPdfSha256 : null;
      if (signed && !actor.rolesHere.includes('approver'))
        return fail(
          'not_approver',
          'only approvers sign',
          'Chỉ lãnh đạo có quyền phê duyệt mới được ký số.',
        );
      const letterSha256 = signed ?? dossier.letterSha256;
      const approve = event(action.type, actor, env, here, {
        signedPdfSha256: signed,
        nextOrgId: last ? null : dossier.nextOrgId,
      });
      if (last) {
        return {
          ok: true,
          dossier: { ...dossier, status: 'completed', letterSha256, completedAt: env.now },
          events: [approve, event('complete', actor, env, here)],
        };
      }
      const position = dossier.position + 1;
      const crossing = position === dossier.route.handoverIndex;
      return {
        ok: true,
        dossier: {
          ...dossier,
          position,
          status: 'pending_check',
          checkedData: null,
          nextOrgId: null,
          letterSha256,
          presentBy: crossing ? presentByFrom(today(env), env.calendar) : dossier.presentBy,
        },
        events: [approve],
      };
    }
    case 'return':
    case 'reject':
      return {
        ok: true,
        dossier: {
          ...dossier,
          status: action.type === 'return' ? 'returned' : 'rejected',
          reason: action.reason,
          nextOrgId: null,
        },
        events: [event(action.type, actor, env, here, { reason: action.reason })],
      };
  }
}

/** Invariants every reachable dossier keeps; the property tests hold the machine to them. */
export function dossierInvariantViolations(d: TransferDossier): string[] {
  const out: string[] = [];
  const n = d.route.orgIds.length;
  if (d.position < 0 || d.position >= n) out.push('position off the route');
  if (d.route.orgIds[0] !== d.fromOrgId) out.push('route does not start at the sending cell');
  if (d.status === 'completed' && d.position !== n - 1) out.push('completed before the last hop');
  if (d.status !== 'checked' && d.nextOrgId !== null) out.push('next org without a check');
  if (
    d.status === 'checked' &&
    d.position < n - 1 &&
    d.nextOrgId !== d.route.orgIds[d.position + 1]
  )
    out.push('checked next org is not the next hop');
  if ((d.status === 'returned' || d.status === 'rejected') && !d.reason)
    out.push('returned or rejected without a reason');
  if (new Set(d.route.orgIds).size !== n) out.push('route visits an org twice');
  return out;
}
