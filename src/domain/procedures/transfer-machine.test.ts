import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../calendar/test-support/calendars';
import type { Role } from '../people/user';
import {
  filedOnBehalfVi,
  type TransferAction,
  type TransferActor,
  type TransferDossier,
} from './transfer-dossier';
import { isOverdue } from './transfer-deadlines';
import {
  applyTransferAction,
  dossierInvariantViolations,
  startTransfer,
  type TransferEnv,
} from './transfer-machine';
import { pathOf, tree } from './test-support/transfer-tree';

const uuid = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
const memberId = uuid(1);
const env: TransferEnv = { now: '2026-03-02T09:00:00.000Z', calendar: CALENDAR_2026, pathOf };
const member: TransferActor = { userId: uuid(2), fullName: 'Đảng viên', memberId, rolesHere: [] };
const staff = (...rolesHere: Role[]): TransferActor => ({
  userId: uuid(3),
  fullName: 'Cán bộ',
  memberId: null,
  rolesHere,
});
const processor = staff('processor');
const approver = staff('approver');
const letter = 'a'.repeat(64);

function submitted(destination = tree.otherCell): TransferDossier {
  const r = startTransfer(
    {
      id: uuid(9),
      variant: 'official',
      member: { id: memberId, homeOrgId: tree.cell1 },
      form: {
        destinationOrgId: destination,
        reason: 'Chuyển nơi ở',
        movedOn: '2026-02-20',
        newAddress: null,
        temporary: null,
      },
      attachments: [],
    },
    member,
    env,
  );
  if (!r.ok) throw new Error(r.message);
  return r.dossier;
}

function run(d: TransferDossier, ...steps: [TransferAction, TransferActor][]): TransferDossier {
  for (const [action, actor] of steps) {
    const r = applyTransferAction(d, action, actor, env);
    if (!r.ok) throw new Error(`${action.type}: ${r.message}`);
    d = r.dossier;
  }
  return d;
}

const check = (nextOrgId: string | null = null): TransferAction => ({
  type: 'check',
  data: {},
  nextOrgId,
});

describe('transfer state machine', () => {
  it('walks the route hop by hop and completes at the destination cell', () => {
    let d = submitted();
    expect(d).toMatchObject({ status: 'pending_check', position: 0 });
    for (let hop = 0; hop < 4; hop++)
      d = run(d, [check(), processor], [{ type: 'forward' }, processor]);
    expect(d).toMatchObject({ position: 4, status: 'pending_check' });
    // The receiving side got it on 2 March: 30 working days later.
    expect(d.presentBy).toBe('2026-04-13');
    d = run(
      d,
      [check(), approver],
      [{ type: 'sign_and_forward', signedPdfSha256: letter }, approver],
    );
    expect(d).toMatchObject({ status: 'completed', letterSha256: letter, completedAt: env.now });
  });

  it('records the member as the filer of his own dossier', () => {
    expect(submitted().filedBy).toEqual({
      userId: member.userId,
      fullName: member.fullName,
      onBehalf: false,
    });
    expect(filedOnBehalfVi(submitted().filedBy)).toBeNull();
  });

  it('staff of the home cell file on the member’s behalf; others may not', () => {
    const fileAs = (actor: TransferActor) =>
      startTransfer(
        {
          id: uuid(9),
          variant: 'official',
          member: { id: memberId, homeOrgId: tree.cell1 },
          form: {
            destinationOrgId: tree.otherCell,
            reason: 'Chuyển nơi ở',
            movedOn: '2026-02-20',
            newAddress: null,
            temporary: null,
          },
          attachments: [],
        },
        actor,
        env,
      );
    for (const actor of [processor, approver]) {
      const r = fileAs(actor);
      if (!r.ok) throw new Error(r.message);
      expect(r.dossier).toMatchObject({
        memberId,
        status: 'pending_check',
        filedBy: { userId: actor.userId, fullName: 'Cán bộ', onBehalf: true },
      });
      expect(r.events).toMatchObject([{ type: 'submit', actorId: actor.userId }]);
      expect(filedOnBehalfVi(r.dossier.filedBy)).toBe('Nộp hộ bởi Cán bộ');
    }
    // Roles are those at the member's home cell: none there means outside the filer's subtree.
    for (const actor of [
      staff(),
      staff('clerk'),
      staff('member'),
      { ...member, memberId: uuid(7) },
    ])
      expect(fileAs(actor)).toMatchObject({ ok: false, code: 'not_your_dossier' });
  });

  it('only approvers sign; approving needs a check first', () => {
    const d = submitted();
    expect(applyTransferAction(d, { type: 'forward' }, processor, env)).toMatchObject({
      ok: false,
      code: 'not_checked',
    });
    const checked = run(d, [check(), processor]);
    expect(
      applyTransferAction(
        checked,
        { type: 'sign_and_forward', signedPdfSha256: letter },
        processor,
        env,
      ),
    ).toMatchObject({ ok: false, code: 'not_approver' });
    expect(applyTransferAction(checked, { type: 'forward' }, staff('clerk'), env)).toMatchObject({
      ok: false,
      code: 'not_processor',
    });
  });

  it('refuses a next org off the route', () => {
    const r = applyTransferAction(submitted(), check(tree.province), processor, env);
    expect(r).toMatchObject({ ok: false, code: 'invalid_next_org' });
    if (!r.ok) expect(r.messageVi).toMatch(/không hợp lệ/);
  });

  it('a returned dossier goes back to the member, who resubmits; a rejected one is final', () => {
    let d = run(submitted(), [{ type: 'return', reason: 'Thiếu giấy tờ' }, processor]);
    expect(d).toMatchObject({ status: 'returned', reason: 'Thiếu giấy tờ' });
    expect(applyTransferAction(d, check(), processor, env)).toMatchObject({ ok: false });
    d = run(d, [{ type: 'resubmit', form: d.form, attachments: [] }, member]);
    expect(d).toMatchObject({ status: 'pending_check', position: 0, reason: null });
    d = run(d, [{ type: 'reject', reason: 'Không đủ điều kiện' }, processor]);
    expect(
      applyTransferAction(d, { type: 'resubmit', form: d.form, attachments: [] }, member, env),
    ).toMatchObject({ ok: false, code: 'not_allowed_now' });
  });

  it('a dossier filed on the member’s behalf is resubmitted by its filer, not by other staff', () => {
    const filed = startTransfer(
      {
        id: uuid(9),
        variant: 'official',
        member: { id: memberId, homeOrgId: tree.cell1 },
        form: submitted().form,
        attachments: [],
      },
      approver,
      env,
    );
    if (!filed.ok) throw new Error(filed.message);
    const returned = run(filed.dossier, [{ type: 'return', reason: 'Thiếu giấy tờ' }, processor]);
    const resubmit = { type: 'resubmit' as const, form: returned.form, attachments: [] };
    // Another officer of the cell filed nothing: he may not answer for the member.
    const colleague = { ...processor, userId: uuid(4) };
    expect(applyTransferAction(returned, resubmit, colleague, env)).toMatchObject({
      ok: false,
      code: 'not_your_dossier',
    });
    expect(applyTransferAction(returned, resubmit, approver, env)).toMatchObject({
      ok: true,
      dossier: { status: 'pending_check' },
      events: [{ type: 'resubmit', actorId: approver.userId }],
    });
    // The member himself still may.
    expect(applyTransferAction(returned, resubmit, member, env)).toMatchObject({ ok: true });
  });

  it('validates the temporary stay and the 60-working-day start', () => {
    const base = {
      id: uuid(9),
      member: { id: memberId, homeOrgId: tree.cell1 },
      attachments: [],
    };
    const form = {
      destinationOrgId: tree.otherCell,
      reason: 'Đi học',
      movedOn: '2026-02-20',
      newAddress: null,
    };
    const stay = (endOn: string, fullTimeStudy = false) =>
      startTransfer(
        {
          ...base,
          variant: 'temporary',
          form: { ...form, temporary: { startOn: '2026-03-01', endOn, fullTimeStudy } },
        },
        member,
        env,
      );
    expect(stay('2026-05-31')).toMatchObject({ ok: false, code: 'stay_too_short' });
    expect(stay('2026-06-01')).toMatchObject({ ok: true });
    expect(stay('2027-03-01')).toMatchObject({ ok: false, code: 'stay_too_long' });
    expect(stay('2028-03-01', true)).toMatchObject({ ok: true });
    expect(
      startTransfer(
        { ...base, variant: 'official', form: { ...form, movedOn: '2025-11-01', temporary: null } },
        member,
        env,
      ),
    ).toMatchObject({ ok: false, code: 'started_too_late' });
  });

  it('flags an open dossier past its presentation date', () => {
    expect(isOverdue({ status: 'pending_check', presentBy: '2026-04-14' }, '2026-04-15')).toBe(
      true,
    );
    expect(isOverdue({ status: 'completed', presentBy: '2026-04-14' }, '2026-05-01')).toBe(false);
    expect(isOverdue({ status: 'checked', presentBy: null }, '2027-01-01')).toBe(false);
  });

  it('no sequence of actions reaches an invalid state', () => {
    const actorArb = fc.constantFrom(member, processor, approver, staff('clerk'));
    const actionArb: fc.Arbitrary<TransferAction> = fc.oneof(
      fc.constant(check()),
      fc.constantFrom(...Object.values(tree)).map((id) => check(id)),
      fc.constant<TransferAction>({ type: 'forward' }),
      fc.constant<TransferAction>({ type: 'sign_and_forward', signedPdfSha256: letter }),
      fc.constant<TransferAction>({ type: 'return', reason: 'Thiếu' }),
      fc.constant<TransferAction>({ type: 'reject', reason: 'Sai' }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(tree.otherCell, tree.cell2, tree.affiliated1),
        fc.array(fc.tuple(actionArb, actorArb), { maxLength: 30 }),
        (destination, steps) => {
          let d = submitted(destination);
          for (const [action, actor] of steps) {
            const r = applyTransferAction(
              d,
              action.type === 'resubmit' ? action : action,
              actor,
              env,
            );
            if (r.ok) d = r.dossier;
            expect(dossierInvariantViolations(d)).toEqual([]);
            expect(d.route.orgIds[d.route.orgIds.length - 1]).toBe(
              d.status === 'completed' ? d.route.orgIds[d.position] : d.route.orgIds.at(-1),
            );
          }
          if (d.status === 'returned') {
            const r = applyTransferAction(
              d,
              { type: 'resubmit', form: d.form, attachments: [] },
              member,
              env,
            );
            expect(r.ok && dossierInvariantViolations(r.dossier)).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
