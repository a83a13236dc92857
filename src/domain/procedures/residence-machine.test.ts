import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../calendar/test-support/calendars';
import type { Role } from '../people/user';
import {
  applyResidenceFormAction,
  newResidenceForm,
  residenceFormInvariantViolations,
  type ResidenceForm,
  type ResidenceFormAction,
  type ResidenceFormActor,
} from './residence-form';
import {
  applyResidenceRequestAction,
  createResidenceRequest,
  splitByResidenceOrg,
  type ResidenceActor,
  type ResidenceRequest,
  type ResidenceRequestItem,
  type ResidenceRequestKind,
} from './residence-request';
import { deadlineState, exemptionOn, type ResidenceExemptionRule } from './residence-rules';

const uuid = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
const NOW = '2026-10-05T08:00:00.000Z';
const env = { now: NOW };
const WORKPLACE = uuid(100);
const RESIDENCE_1 = uuid(201);
const RESIDENCE_2 = uuid(202);
const COMMITTEE = uuid(300);
const MEMBER = uuid(1);
const sha = (c: string) => c.repeat(64);

const actor = (rolesHere: Role[], memberId: string | null = null): ResidenceActor => ({
  userId: uuid(50),
  fullName: 'Cán bộ',
  memberId,
  rolesHere,
});
const processor = actor(['processor']);
const secretary = actor(['approver']);

const item = (n: number, over: Partial<ResidenceRequestItem> = {}): ResidenceRequestItem => ({
  memberId: uuid(n),
  residenceOrgId: n % 2 ? RESIDENCE_1 : RESIDENCE_2,
  reportRequired: true,
  exemption: null,
  ...over,
});

function draft(
  kind: ResidenceRequestKind = 'introduce_and_comment',
  items = [item(1), item(2), item(3)],
) {
  const made = createResidenceRequest(
    { id: uuid(900), campaignYear: 2026, workplaceOrgId: WORKPLACE, kind, items },
    processor,
    env,
  );
  if (!made.ok) throw new Error(made.message);
  return made.request;
}

function step(
  r: ResidenceRequest,
  a: Parameters<typeof applyResidenceRequestAction>[1],
  by = secretary,
) {
  const out = applyResidenceRequestAction(r, a, by, env);
  if (!out.ok) throw new Error(`${a.type}: ${out.code}`);
  return out;
}

describe('the workplace list', () => {
  it('goes draft → submitted → approved (signed) → sent, split per residence org', () => {
    const submitted = step(draft(), { type: 'submit' }, processor).request;
    expect(submitted.status).toBe('pending_approval');
    const approved = step(submitted, {
      type: 'sign_and_approve',
      signedPdfSha256: sha('a'),
    }).request;
    expect(approved).toMatchObject({ status: 'approved', listPdfSha256: sha('a') });
    const sent = step(approved, { type: 'sign_and_send', signedPdfSha256: sha('b') });
    expect(sent.request).toMatchObject({ status: 'sent', sentAt: NOW, listPdfSha256: sha('b') });
    const byOrg = splitByResidenceOrg(sent.dispatch);
    expect([...byOrg.keys()].sort()).toEqual([RESIDENCE_1, RESIDENCE_2]);
    expect(byOrg.get(RESIDENCE_1)?.map((d) => d.memberId)).toEqual([uuid(1), uuid(3)]);
    expect(sent.dispatch.every((d) => d.commentAsked && d.reportRequired)).toBe(true);
  });

  it('asks no comment of exempt members and of an introduction-only list', () => {
    const exempt = item(2, { exemption: 'student_away' });
    const approved = step(step(draft('comment', [item(1), exempt]), { type: 'submit' }).request, {
      type: 'approve',
    }).request;
    const sent = step(approved, { type: 'send' }, processor);
    expect(sent.dispatch.map((d) => [d.memberId, d.commentAsked, d.reportRequired])).toEqual([
      [uuid(1), true, true],
      [uuid(2), false, false],
    ]);
    const intro = step(
      step(step(draft('introduce'), { type: 'submit' }).request, { type: 'approve' }).request,
      {
        type: 'send',
      },
    );
    expect(intro.dispatch.some((d) => d.commentAsked || d.reportRequired)).toBe(false);
  });

  it('refuses a member twice, one without residence org, a member never introduced', () => {
    const make = (items: ResidenceRequestItem[], kind: ResidenceRequestKind = 'comment') =>
      createResidenceRequest(
        { id: uuid(901), campaignYear: 2026, workplaceOrgId: WORKPLACE, kind, items },
        processor,
        env,
      );
    expect(make([item(1), item(1)])).toMatchObject({ ok: false, code: 'duplicate_member' });
    expect(make([item(1, { residenceOrgId: null })])).toMatchObject({
      ok: false,
      code: 'no_residence_org',
    });
    const secret = make([item(1), item(2, { exemption: 'secret_mission' })]);
    expect(secret).toMatchObject({ ok: false, code: 'not_introduced_member' });
    expect(secret.ok ? '' : secret.messageVi).toContain('không được giới thiệu');
    expect(make([item(1, { exemption: 'mobile_worker' })])).toMatchObject({
      ok: false,
      code: 'nothing_to_ask',
    });
    // The same exemption is fine in an introduction list.
    expect(make([item(1, { exemption: 'mobile_worker' })], 'introduce').ok).toBe(true);
  });

  it('applies the exemption rules in force on the day, kept as data', () => {
    const rules: ResidenceExemptionRule[] = [
      {
        code: 'student_away',
        labelVi: 'Học xa',
        effect: 'introduced_only',
        effectiveFrom: '2024-01-01',
        effectiveTo: '2026-06-30',
      },
    ];
    expect(exemptionOn('student_away', '2026-06-30', rules)?.effect).toBe('introduced_only');
    expect(exemptionOn('student_away', '2026-07-01', rules)).toBeNull();
    const out = createResidenceRequest(
      {
        id: uuid(902),
        campaignYear: 2026,
        workplaceOrgId: WORKPLACE,
        kind: 'introduce',
        items: [item(1, { exemption: 'student_away' })],
      },
      processor,
      { now: NOW, rules },
    );
    expect(out).toMatchObject({ ok: false, code: 'unknown_exemption' });
  });

  it('lets only the secretary or a deputy approve and sign; a member prepares nothing', () => {
    const submitted = step(draft(), { type: 'submit' }, processor).request;
    expect(
      applyResidenceRequestAction(submitted, { type: 'approve' }, processor, env),
    ).toMatchObject({
      ok: false,
      code: 'not_approver',
    });
    const approved = step(submitted, { type: 'approve' }).request;
    expect(
      applyResidenceRequestAction(
        approved,
        { type: 'sign_and_send', signedPdfSha256: sha('c') },
        processor,
        env,
      ),
    ).toMatchObject({ ok: false, code: 'not_approver' });
    expect(
      applyResidenceRequestAction(draft(), { type: 'submit' }, actor(['member'], MEMBER), env),
    ).toMatchObject({
      ok: false,
      code: 'not_processor',
    });
  });

  it('sends once: a second send, or an edit after sending, is refused', () => {
    const sent = step(
      step(step(draft(), { type: 'submit' }).request, { type: 'approve' }).request,
      { type: 'send' },
    ).request;
    expect(applyResidenceRequestAction(sent, { type: 'send' }, secretary, env)).toMatchObject({
      ok: false,
      code: 'not_allowed_now',
    });
    expect(
      applyResidenceRequestAction(
        sent,
        { type: 'edit', kind: 'comment', items: [item(1)] },
        secretary,
        env,
      ),
    ).toMatchObject({ ok: false, code: 'not_allowed_now' });
  });

  it('a returned list is a draft again with the reason, and its signature is dropped', () => {
    const approved = step(step(draft(), { type: 'submit' }).request, {
      type: 'sign_and_approve',
      signedPdfSha256: sha('d'),
    }).request;
    const back = step(approved, {
      type: 'return',
      reason: 'Sai nơi cư trú của đồng chí A',
    }).request;
    expect(back).toMatchObject({
      status: 'draft',
      reason: 'Sai nơi cư trú của đồng chí A',
      listPdfSha256: null,
    });
    expect(
      step(back, { type: 'edit', kind: 'comment', items: [item(1)] }, processor).request.items,
    ).toHaveLength(1);
  });
});

const form = (over: Partial<ResidenceForm> = {}): ResidenceForm => ({
  ...newResidenceForm({
    id: uuid(700),
    requestId: uuid(900),
    campaignYear: 2026,
    memberId: MEMBER,
    workplaceOrgId: WORKPLACE,
    residenceOrgId: RESIDENCE_1,
    committeeOrgId: COMMITTEE,
    reportRequired: true,
  }),
  ...over,
});
const formActor = (
  atResidence: Role[],
  atCommittee: Role[],
  memberId: string | null = null,
): ResidenceFormActor => ({
  ...actor([...atResidence, ...atCommittee], memberId),
  rolesAtResidence: atResidence,
  rolesAtCommittee: atCommittee,
});
const cellSecretary = formActor(['approver'], []);
// A committee role applies to its subtree: the ward secretary is staff at the residence cell too.
const wardSecretary = formActor(['approver'], ['approver']);
const wardClerk = formActor(['processor'], ['processor']);
const theMember = formActor([], [], MEMBER);
const comment = {
  strengths: 'Gương mẫu chấp hành quy định nơi cư trú',
  shortcomings: '',
  citizenDuties: 'Tham gia đầy đủ sinh hoạt tổ dân phố',
  proposals: '',
};
const file = {
  sha256: sha('e'),
  fileName: 'bao-cao.pdf',
  contentType: 'application/pdf' as const,
  size: 2048,
};

function act(f: ResidenceForm, a: ResidenceFormAction, by: ResidenceFormActor) {
  const out = applyResidenceFormAction(f, a, by, env);
  if (!out.ok) throw new Error(`${a.type}: ${out.code}`);
  return out.form;
}

describe('the comment form', () => {
  it('is written by the residence cell, approved, signed and sent by the committee', () => {
    const written = act(form(), { type: 'write', comment }, cellSecretary);
    const submitted = act(written, { type: 'submit' }, cellSecretary);
    expect(
      applyResidenceFormAction(submitted, { type: 'approve' }, cellSecretary, env),
    ).toMatchObject({
      ok: false,
      code: 'not_committee_approver',
    });
    const approved = act(submitted, { type: 'approve' }, wardSecretary);
    const sent = act(approved, { type: 'sign_and_send', signedPdfSha256: sha('f') }, wardSecretary);
    expect(sent).toMatchObject({ status: 'sent', formPdfSha256: sha('f'), sentAt: NOW });
    expect(
      applyResidenceFormAction(sent, { type: 'write', comment }, cellSecretary, env),
    ).toMatchObject({
      ok: false,
      code: 'not_allowed_now',
    });
  });

  it('cannot be submitted empty; a returned form is rewritten and submitted again', () => {
    expect(applyResidenceFormAction(form(), { type: 'submit' }, cellSecretary, env)).toMatchObject({
      ok: false,
      code: 'no_comment',
    });
    const submitted = act(
      act(form(), { type: 'write', comment }, cellSecretary),
      { type: 'submit' },
      cellSecretary,
    );
    const back = act(
      submitted,
      { type: 'return', reason: 'Bổ sung ý kiến của ban công tác mặt trận' },
      wardSecretary,
    );
    expect(back.status).toBe('returned');
    const again = act(
      act(back, { type: 'write', comment: { ...comment, proposals: 'Không' } }, cellSecretary),
      { type: 'submit' },
      cellSecretary,
    );
    expect(again).toMatchObject({ status: 'submitted', reason: null });
  });

  it('takes the member’s report only from that member and only when asked, even after sending', () => {
    expect(
      applyResidenceFormAction(
        form(),
        { type: 'report', summary: 'Báo cáo', file },
        cellSecretary,
        env,
      ),
    ).toMatchObject({
      ok: false,
      code: 'not_your_form',
    });
    expect(
      applyResidenceFormAction(
        form({ reportRequired: false }),
        { type: 'report', summary: 'Báo cáo', file },
        theMember,
        env,
      ),
    ).toMatchObject({ ok: false, code: 'report_not_asked' });
    const sent = form({ status: 'sent', comment, formPdfSha256: sha('1'), sentAt: NOW });
    expect(
      act(sent, { type: 'report', summary: 'Báo cáo năm 2026', file }, theMember).report,
    ).toEqual({
      summary: 'Báo cáo năm 2026',
      file,
      submittedAt: NOW,
    });
  });

  it('records a paper form at the committee, which completes the member’s item as paper', () => {
    const paper = { scan: file, broughtBy: 'Nguyễn Văn Tổ trưởng', receivedOn: '2026-10-04' };
    expect(
      applyResidenceFormAction(form(), { type: 'record_paper', paper }, cellSecretary, env),
    ).toMatchObject({
      ok: false,
      code: 'not_committee_staff',
    });
    expect(act(form(), { type: 'record_paper', paper }, wardClerk)).toMatchObject({
      status: 'sent',
      paper,
    });
  });

  it('keeps its invariants whatever actions anyone tries, in any order', () => {
    const actions: ResidenceFormAction[] = [
      { type: 'write', comment },
      { type: 'submit' },
      { type: 'approve' },
      { type: 'return', reason: 'Thiếu ý kiến' },
      { type: 'sign_and_send', signedPdfSha256: sha('2') },
      {
        type: 'record_paper',
        paper: { scan: file, broughtBy: 'Tổ trưởng', receivedOn: '2026-10-01' },
      },
      { type: 'report', summary: 'Báo cáo', file },
    ];
    const actors = [cellSecretary, wardSecretary, wardClerk, theMember, formActor([], [])];
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.constantFrom(...actions), fc.constantFrom(...actors)), {
          maxLength: 30,
        }),
        (reportRequired, steps) => {
          let f = form({ reportRequired });
          for (const [a, by] of steps) {
            const out = applyResidenceFormAction(f, a, by, env);
            if (out.ok) f = out.form;
            expect(residenceFormInvariantViolations(f)).toEqual([]);
          }
        },
      ),
    );
  });
});

describe('the campaign deadline', () => {
  const campaign = { dueOn: '2026-11-30' };
  it('flags open forms as due soon five working days ahead, and overdue after', () => {
    expect(deadlineState(campaign, '2026-11-16', false, CALENDAR_2026)).toBe('on_time');
    // 23/11 (Mon) + 5 working days = 30/11.
    expect(deadlineState(campaign, '2026-11-23', false, CALENDAR_2026)).toBe('due_soon');
    expect(deadlineState(campaign, '2026-11-30', false, CALENDAR_2026)).toBe('due_soon');
    expect(deadlineState(campaign, '2026-12-01', false, CALENDAR_2026)).toBe('overdue');
    expect(deadlineState(campaign, '2026-12-01', true, CALENDAR_2026)).toBe('on_time');
  });
});
