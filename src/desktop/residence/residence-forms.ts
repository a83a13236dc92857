import type { z } from 'zod';
import { searchTokens, foldForSearch } from '../../domain/text/fold';
import {
  residenceFormActionLabelVi,
  type ResidenceFormAction,
} from '../../domain/procedures/residence-form';
import type { HolidayCalendar } from '../../domain/calendar/working-days';
import { deadlineState } from '../../domain/procedures/residence-rules';
import type {
  DeadlineFlag,
  ResidenceFormAllowed,
  ResidenceFormDetail,
  ResidenceFormItem,
  ResidenceReceiptSummary,
  ResidenceSide,
  residenceCalls,
} from '../contract-residence';
import type { ServiceContext } from '../service-context';
import { toOutboxEntry } from '../transfers/dossier-detail';
import { isQueued } from '../transfers/transfer-model';
import { inScope } from './residence-lists';
import type { Cached, FormWire, ResidenceModel } from './residence-model';
import { fileRef, residenceNamer } from './residence-names';

type FormsInput = z.output<(typeof residenceCalls)['residenceForms']['input']>;

const PROBE_SHA = '0'.repeat(64);
const PROBE_FILE = {
  sha256: PROBE_SHA,
  fileName: 'probe.pdf',
  contentType: 'application/pdf' as const,
  size: 1,
};
const PROBE_COMMENT = {
  strengths: 'probe',
  shortcomings: '',
  citizenDuties: 'probe',
  proposals: '',
};
/** One probe per allowed flag: the machine decides with the user's roles at each side. */
const PROBES: Record<keyof ResidenceFormAllowed, (f: FormWire) => ResidenceFormAction> = {
  write: (f) => ({ type: 'write', comment: f.comment ?? PROBE_COMMENT }),
  submit: () => ({ type: 'submit' }),
  approve: () => ({ type: 'approve' }),
  return: () => ({ type: 'return', reason: 'probe' }),
  signAndSend: () => ({ type: 'sign_and_send', signedPdfSha256: PROBE_SHA }),
  recordPaper: () => ({
    type: 'record_paper',
    paper: { scan: PROBE_FILE, broughtBy: 'probe', receivedOn: '2026-01-01' },
  }),
  report: () => ({ type: 'report', summary: 'probe', file: PROBE_FILE }),
};

/** Which org of a form puts it on a side (the member side is his own forms). */
const SIDE_ORG = {
  workplace: 'workplaceOrgId',
  residence: 'residenceOrgId',
  committee: 'committeeOrgId',
} as const satisfies Record<Exclude<ResidenceSide, 'member'>, keyof FormWire>;

export const deadlineOf = (
  shown: FormWire,
  today: string,
  calendar: HolidayCalendar,
): DeadlineFlag =>
  shown.dueOn
    ? deadlineState({ dueOn: shown.dueOn }, today, shown.status === 'sent', calendar)
    : 'on_time';

interface ShownForm {
  cached: Cached<FormWire>;
  queued: ReturnType<ResidenceModel['queuedForm']>;
  shown: FormWire;
}

function shownForm(
  model: ResidenceModel,
  cached: Cached<FormWire>,
  queued = model.queuedForm(cached.wire.id),
): ShownForm {
  return { cached, queued, shown: model.overlayForm(cached, queued) };
}

function onSide(model: ResidenceModel, side: ResidenceSide, f: FormWire): boolean {
  if (side === 'member') return model.memberId !== null && f.memberId === model.memberId;
  return inScope(model, f[SIDE_ORG[side]]);
}

function formItem(
  model: ResidenceModel,
  { queued, shown }: ShownForm,
  today: string,
): ResidenceFormItem {
  const name = residenceNamer(
    model,
    [shown.workplaceOrgId, shown.residenceOrgId, shown.committeeOrgId],
    [shown.memberId],
    shown,
  );
  return {
    id: shown.id,
    requestId: shown.requestId,
    campaignYear: shown.campaignYear,
    status: shown.status,
    member: name.member(shown.memberId),
    workplaceOrg: name.org(shown.workplaceOrgId),
    residenceOrg: name.org(shown.residenceOrgId),
    committeeOrg: name.org(shown.committeeOrgId),
    reportRequired: shown.reportRequired,
    hasReport: shown.report !== null,
    paper: shown.paper !== null,
    dueOn: shown.dueOn,
    deadline: deadlineOf(shown, today, model.base.calendar),
    updatedAt: shown.updatedAt,
    sentAt: shown.sentAt,
    pendingActions: queued.filter(isQueued).length,
    needsAttention: queued.some((i) => !isQueued(i)),
  };
}

/** Every cached form with the user's queued steps applied. */
export function shownForms(model: ResidenceModel): ShownForm[] {
  // The outbox read once, not once per form (a ward's batch holds hundreds).
  const queued = new Map<string, ShownForm['queued']>();
  for (const item of model.base.outbox.list())
    if (item.kind === 'residenceForm' && item.entityId !== null)
      queued.set(item.entityId, [...(queued.get(item.entityId) ?? []), item]);
  return model.cache
    .forms()
    .map((row) =>
      shownForm(model, { wire: model.parseForm(row.data), rev: row.rev }, queued.get(row.id) ?? []),
    );
}

/** The forms of one side, newest first, as the user will see them (queued steps applied). */
export function residenceForms(model: ResidenceModel, input: FormsInput, today: string) {
  const found = shownForms(model).filter(({ shown }) => {
    if (!onSide(model, input.side, shown)) return false;
    if (input.campaignYear !== undefined && shown.campaignYear !== input.campaignYear) return false;
    return input.status === undefined || shown.status === input.status;
  });
  const items = found
    .map((f) => formItem(model, f, today))
    .filter((item) => {
      if (input.q === undefined || input.q.trim() === '') return true;
      const words = foldForSearch(item.member.fullName).split(' ');
      return searchTokens(input.q).every((t) => words.some((w) => w.startsWith(t)));
    })
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
  return { items: items.slice(0, input.limit), truncated: items.length > input.limit };
}

export function residenceFormDetail(
  ctx: ServiceContext,
  model: ResidenceModel,
  formId: string,
  now: Date,
  label: string,
): ResidenceFormDetail {
  const f = shownForm(model, model.requireForm(formId));
  const { shown, queued } = f;
  const blocked = queued.some((i) => !isQueued(i));
  const ask = (key: keyof ResidenceFormAllowed) =>
    !blocked && model.applyForm(shown, PROBES[key](shown), now).ok;
  const name = residenceNamer(model, [], [shown.memberId], shown);
  return {
    ...formItem(model, f, now.toISOString().slice(0, 10)),
    memberBirthDate: name.birthDate(shown.memberId),
    comment: shown.comment,
    reason: shown.reason,
    report: shown.report
      ? {
          summary: shown.report.summary,
          submittedAt: shown.report.submittedAt,
          file: fileRef(ctx, shown.report.file),
        }
      : null,
    paperForm: shown.paper
      ? {
          broughtBy: shown.paper.broughtBy,
          receivedOn: shown.paper.receivedOn,
          scan: fileRef(ctx, shown.paper.scan),
        }
      : null,
    formPdf: shown.formPdfSha256
      ? fileRef(ctx, {
          sha256: shown.formPdfSha256,
          fileName: formFileName(name.member(shown.memberId).fullName, shown.campaignYear),
          contentType: 'application/pdf',
        })
      : null,
    history: shown.history.map((e) => ({
      ...e,
      label:
        residenceFormActionLabelVi[e.type as keyof typeof residenceFormActionLabelVi] ?? e.type,
    })),
    allowed: {
      write: ask('write'),
      submit: ask('submit'),
      approve: ask('approve'),
      return: ask('return'),
      signAndSend: ask('signAndSend'),
      recordPaper: ask('recordPaper'),
      report: ask('report'),
    },
    pending: queued.map((i) => toOutboxEntry(i, label)),
  };
}

/** "phieu-nhan-xet-2026-nguyen-van-a.pdf": the member's name, without marks, for the archive. */
export function formFileName(fullName: string, year: number, what = 'phieu-nhan-xet'): string {
  const slug = foldForSearch(fullName)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${what}-${year}-${slug || 'dang-vien'}.pdf`;
}

/** "Nhận phiếu": per workplace cell of the user, asked / received / on paper / still missing. */
export function residenceReceipts(
  model: ResidenceModel,
  campaignYear: number,
): { items: ResidenceReceiptSummary[] } {
  const byCell = new Map<string, FormWire[]>();
  for (const { shown } of shownForms(model)) {
    if (shown.campaignYear !== campaignYear || !onSide(model, 'workplace', shown)) continue;
    byCell.set(shown.workplaceOrgId, [...(byCell.get(shown.workplaceOrgId) ?? []), shown]);
  }
  const items = [...byCell].map(([orgId, forms]) => {
    const known = {
      orgNames: Object.assign({}, ...forms.map((f) => f.orgNames)) as Record<string, string>,
      memberNames: Object.assign({}, ...forms.map((f) => f.memberNames)) as Record<string, string>,
    };
    const name = residenceNamer(
      model,
      [orgId, ...forms.map((f) => f.residenceOrgId)],
      forms.map((f) => f.memberId),
      known,
    );
    const missing = forms.filter((f) => f.status !== 'sent');
    return {
      workplaceOrg: name.org(orgId),
      asked: forms.length,
      received: forms.filter((f) => f.status === 'sent' && f.paper === null).length,
      paper: forms.filter((f) => f.status === 'sent' && f.paper !== null).length,
      missing: missing
        .map((f) => ({
          memberId: f.memberId,
          fullName: name.member(f.memberId).fullName,
          residenceOrg: name.org(f.residenceOrgId),
          status: f.status,
        }))
        .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')),
    };
  });
  return {
    items: items.sort((a, b) => a.workplaceOrg.name.localeCompare(b.workplaceOrg.name, 'vi')),
  };
}
