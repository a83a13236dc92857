/**
 * The staff's account calls on a real SQLite cache, logged in offline: each approver's lists (the
 * requests his subtrees decide), the overlay of queued decisions, the machine's refusals, decisions
 * on many at once, the menu's counts and the on-behalf form's lookup.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxRepo } from '../../sync/repositories/outbox';
import type { DesktopEvent } from '../contract';
import { failure, value } from '../test-support/call-results';
import { openAs, type OpenedService } from '../transfers/test-support/transfer-world';
import { accountWorld, type AccountWorld } from './test-support/account-world';

const dir = mkdtempSync(join(tmpdir(), 'desktop-accounts-'));
let world: AccountWorld;
const opened: OpenedService[] = [];

beforeAll(() => {
  world = accountWorld();
});
afterAll(async () => {
  for (const o of opened) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

async function as(who: 'wardApprover' | 'wardProcessor' | 'cell1Secretary' | 'cell5Secretary') {
  const o = await openAs(dir, world, world.staff[who]);
  opened.push(o);
  return o;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);
const list = async (
  o: OpenedService,
  input: Parameters<OpenedService['api']['accountRequests']>[0],
) => value('accountRequests', await o.api.accountRequests(input)).items;

describe('the approval lists', () => {
  it('list what the user decides: his cell for the secretary, the ward for its approver', async () => {
    const cell1 = await as('cell1Secretary');
    const ward = await as('wardApprover');
    const processor = await as('wardProcessor');
    const r = world.requests;

    // Newest first; cell 5's and the other ward's registrations are not cell 1's to decide.
    expect(ids(await list(cell1, { kind: 'registration' }))).toEqual([
      r.onBehalf.id,
      r.registration.id,
    ]);
    expect(ids(await list(ward, { kind: 'registration' }))).toEqual([
      r.cell5Registration.id,
      r.onBehalf.id,
      r.registration.id,
    ]);
    // The position request is decided by the ward, above the member's cell.
    expect(ids(await list(cell1, { kind: 'position' }))).toEqual([]);
    expect(ids(await list(ward, { kind: 'position' }))).toEqual([r.position.id]);
    // A processor grant does not make an approver.
    expect(await list(processor, {})).toEqual([]);
    // Decided ones on asking; the org filter keeps the requests decided in that subtree.
    expect(ids(await list(cell1, { status: 'approved' }))).toEqual([r.approved.id]);
    expect(ids(await list(ward, { kind: 'registration', orgId: world.ward.cells[4]!.id }))).toEqual(
      [r.cell5Registration.id],
    );
  });

  it('sum up each kind in one line and find members by name or number', async () => {
    const ward = await as('wardApprover');
    const r = world.requests;
    const byId = new Map((await list(ward, {})).map((i) => [i.id, i]));
    expect(byId.get(r.registration.id)).toMatchObject({
      summary: 'Đăng ký mới',
      filedOnBehalf: false,
      cell: { name: 'Chi bộ Tổ dân phố số 1' },
      decidingOrg: { name: 'Chi bộ Tổ dân phố số 1' },
      citizenId: r.registration.kind === 'registration' ? r.registration.declared.citizenId : '',
    });
    expect(byId.get(r.onBehalf.id)).toMatchObject({ summary: 'Đăng ký hộ', filedOnBehalf: true });
    expect(byId.get(r.infoChange.id)!.summary).toBe('Số điện thoại, Email');
    expect(byId.get(r.position.id)).toMatchObject({
      summary: 'Phó bí thư',
      decidingOrg: { name: 'Đảng bộ Phường Việt Hưng' },
    });
    expect(byId.get(r.cellChange.id)).toMatchObject({
      summary: '→ Chi bộ Tổ dân phố số 1',
      cell: { name: 'Chi bộ Tổ dân phố số 5' },
    });

    expect(ids(await list(ward, { q: 'trinh van khai' }))).toEqual([r.onBehalf.id]);
    const citizenId = r.onBehalf.kind === 'registration' ? r.onBehalf.declared.citizenId : '';
    expect(ids(await list(ward, { q: citizenId }))).toEqual([r.onBehalf.id]);
    expect(await list(ward, { q: citizenId.slice(0, 6) })).toEqual([]);
  });
});

describe('a request for review', () => {
  it('puts the declared data beside the record and marks what differs', async () => {
    const { api } = await as('cell1Secretary');
    const detail = value(
      'accountRequestDetail',
      await api.accountRequestDetail({ id: world.requests.registration.id }),
    );
    expect(detail.notOnFile).toBe(false);
    expect(detail.canDecide).toBe(true);
    expect(detail.fields.filter((f) => f.differs)).toEqual([
      {
        field: 'phone',
        labelVi: 'Số điện thoại',
        declared: '0912345678',
        onFile: null,
        differs: true,
      },
    ]);
    expect(detail.fields.find((f) => f.field === 'homeOrgId')).toMatchObject({
      declared: 'Chi bộ Tổ dân phố số 1',
      onFile: 'Chi bộ Tổ dân phố số 1',
      differs: false,
    });
    // Dates as the screens write them, not as the record stores them.
    expect(detail.fields.find((f) => f.field === 'birthDate')?.declared).toMatch(
      /^\d{2}\/\d{2}\/\d{4}$/,
    );
    expect(detail.history.map((h) => h.type)).toEqual(['filed']);

    const notOnFile = value(
      'accountRequestDetail',
      await api.accountRequestDetail({ id: world.requests.onBehalf.id }),
    );
    expect(notOnFile.notOnFile).toBe(true);
    expect(notOnFile.fields.every((f) => !f.differs && f.onFile === null)).toBe(true);
  });

  it('shows an info change and a move as before → after', async () => {
    const { api } = await as('cell1Secretary');
    const info = value(
      'accountRequestDetail',
      await api.accountRequestDetail({ id: world.requests.infoChange.id }),
    );
    expect(info.fields).toEqual([
      {
        field: 'phone',
        labelVi: 'Số điện thoại',
        declared: '0987654321',
        onFile: null,
        differs: true,
      },
      { field: 'email', labelVi: 'Email', declared: 'an@example.vn', onFile: null, differs: true },
    ]);
    const move = value(
      'accountRequestDetail',
      await api.accountRequestDetail({ id: world.requests.cellChange.id }),
    );
    expect(move.fields).toEqual([
      {
        field: 'homeOrgId',
        labelVi: 'Chi bộ sinh hoạt',
        declared: 'Chi bộ Tổ dân phố số 1',
        onFile: 'Chi bộ Tổ dân phố số 5',
        differs: true,
      },
    ]);
  });
});

describe('decisions', () => {
  it('a queued approval shows as approved, with its pending action, and announces it', async () => {
    const o = await as('cell1Secretary');
    const events: DesktopEvent['type'][] = [];
    o.api.subscribe((e) => events.push(e.type));
    const id = world.requests.registration.id;

    const { items } = value(
      'decideAccountRequests',
      await o.api.decideAccountRequests({ ids: [id], decision: 'approve' }),
    );
    expect(items).toEqual([{ id, outboxId: expect.any(String), messageVi: null }]);
    expect(events).toEqual(expect.arrayContaining(['outbox-changed', 'accounts-changed']));

    expect(ids(await list(o, { kind: 'registration' }))).not.toContain(id);
    const [approved] = (await list(o, { status: 'approved' })).filter((i) => i.id === id);
    expect(approved).toMatchObject({ status: 'approved', pendingActions: 1 });
    const detail = value('accountRequestDetail', await o.api.accountRequestDetail({ id }));
    expect(detail.canDecide).toBe(false);
    expect(detail.history.map((h) => [h.type, h.actorName])).toEqual([
      ['filed', world.requests.registration.memberName],
      ['approve', 'Phạm Văn Bình'],
    ]);
    const [entry] = outboxRepo(o.cache.handle).list();
    expect(entry!.mutation).toEqual({
      entity: 'accountRequest',
      entityId: id,
      baseRev: expect.any(Number),
      action: { type: 'approve' },
    });
    expect(entry!.baseRev).toBeGreaterThan(0);

    // Decided already (here, offline): a second decision is refused.
    const again = value(
      'decideAccountRequests',
      await o.api.decideAccountRequests({ ids: [id], decision: 'refuse', reason: 'Sai' }),
    );
    expect(again.items[0]).toMatchObject({
      outboxId: null,
      messageVi: 'Yêu cầu đã được xử lý (Đã duyệt).',
    });
    expect(outboxRepo(o.cache.handle).list()).toHaveLength(1);
  });

  it('nobody decides his own request: refused with the reason, nothing queued', async () => {
    const o = await as('cell1Secretary');
    const id = world.requests.ownInfoChange.id;
    const detail = value('accountRequestDetail', await o.api.accountRequestDetail({ id }));
    expect(detail.canDecide).toBe(false);
    const { items } = value(
      'decideAccountRequests',
      await o.api.decideAccountRequests({ ids: [id], decision: 'approve' }),
    );
    expect(items).toEqual([
      { id, outboxId: null, messageVi: 'Không thể tự phê duyệt yêu cầu của chính mình.' },
    ]);
    expect(outboxRepo(o.cache.handle).list()).toEqual([]);
  });

  it('refuses three at once with one reason, one outbox entry each', async () => {
    const o = await as('wardApprover');
    const r = world.requests;
    const chosen = [r.registration.id, r.onBehalf.id, r.cellChange.id];
    const { items } = value(
      'decideAccountRequests',
      await o.api.decideAccountRequests({
        ids: chosen,
        decision: 'refuse',
        reason: 'Thông tin không khớp hồ sơ.',
      }),
    );
    expect(items.map((i) => i.id)).toEqual(chosen);
    expect(items.every((i) => i.outboxId !== null && i.messageVi === null)).toBe(true);
    const entries = outboxRepo(o.cache.handle).list();
    expect(entries.map((e) => e.entityId)).toEqual(chosen);
    expect(entries.map((e) => e.mutation.action)).toEqual(
      chosen.map(() => ({ type: 'refuse', reason: 'Thông tin không khớp hồ sơ.' })),
    );
    const refused = await list(o, { status: 'refused' });
    expect(ids(refused).sort()).toEqual([...chosen].sort());
    expect(refused[0]!.reason).toBe('Thông tin không khớp hồ sơ.');
  });

  it('a refusal needs its reason', async () => {
    const { api } = await as('cell1Secretary');
    const refused = failure(
      await api.decideAccountRequests({
        ids: [world.requests.registration.id],
        decision: 'refuse',
      }),
    );
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'reason' });
  });
});

describe('the menu counts and the on-behalf form', () => {
  it('counts the pending requests the user may decide, per kind', async () => {
    const cell1 = await as('cell1Secretary');
    const ward = await as('wardApprover');
    // The secretary's own info change is not his to decide.
    expect(value('accountRequestCounts', await cell1.api.accountRequestCounts({}))).toEqual({
      registration: 2,
      info_change: 1,
      position: 0,
      cell_change: 1,
    });
    expect(value('accountRequestCounts', await ward.api.accountRequestCounts({}))).toEqual({
      registration: 3,
      info_change: 2,
      position: 1,
      cell_change: 1,
    });
    value(
      'decideAccountRequests',
      await cell1.api.decideAccountRequests({
        ids: [world.requests.infoChange.id],
        decision: 'approve',
      }),
    );
    expect(value('accountRequestCounts', await cell1.api.accountRequestCounts({}))).toMatchObject({
      info_change: 0,
    });
  });

  it('finds the member database record by citizen id or card number, with org names', async () => {
    const { api } = await as('cell1Secretary');
    const m = world.ward.members[0]!;
    const byCitizen = value(
      'memberRecordLookup',
      await api.memberRecordLookup({ citizenId: m.citizenId }),
    );
    expect(byCitizen.record).toMatchObject({
      memberId: m.id,
      fullName: m.fullName,
      homeOrgName: 'Chi bộ Tổ dân phố số 1',
    });
    const byCard = value('memberRecordLookup', await api.memberRecordLookup({ cardNo: m.cardNo! }));
    expect(byCard.record?.memberId).toBe(m.id);
    expect(
      value('memberRecordLookup', await api.memberRecordLookup({ cardNo: '99999999' })).record,
    ).toBeNull();
  });

  it("registering on a member's behalf needs the server", async () => {
    const { api } = await as('cell1Secretary');
    const m = world.ward.members[0]!;
    const error = failure(
      await api.registerMemberOnBehalf({
        username: 'dangvien.moi',
        declared: {
          fullName: m.fullName,
          birthDate: m.birthDate,
          sex: m.sex,
          citizenId: m.citizenId,
          cardNo: m.cardNo,
          profileNo: null,
          homeOrgId: m.homeOrgId,
          residenceOrgId: null,
          phone: null,
          email: null,
          position: null,
        },
      }),
    );
    expect(error.code).toBe('offline');
  });
});
