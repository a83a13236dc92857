/**
 * The member's own account calls on a real SQLite cache, logged in offline: his page reads only
 * his requests, a filing queues exactly one push mutation and shows as waiting to be sent, and the
 * domain's refusals are answered before anything is queued. The online calls (registration, cells)
 * need the server's account routes and are covered by the server's tests and the e2e journey.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxRepo } from '../../sync/repositories/outbox';
import type { DesktopEvent } from '../contract';
import { failure, value } from '../test-support/call-results';
import { openAs, type OpenedService } from '../transfers/test-support/transfer-world';
import { accountMemberWorld, type AccountMemberWorld } from './test-support/account-member-world';

const dir = mkdtempSync(join(tmpdir(), 'desktop-account-member-'));
let world: AccountMemberWorld;
const opened: OpenedService[] = [];

beforeAll(() => {
  world = accountMemberWorld();
});
afterAll(async () => {
  for (const o of opened) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

async function asMember(who: 'member' | 'other' = 'member') {
  const o = await openAs(dir, world, world[who]);
  opened.push(o);
  return o;
}

describe('myAccount', () => {
  it('shows his account, record and positions, and only his own requests', async () => {
    const { api } = await asMember();
    const view = value('myAccount', await api.myAccount({}));
    expect(view).toMatchObject({
      username: world.member.user.username,
      fullName: world.record.fullName,
      status: 'active',
      member: {
        id: world.record.id,
        citizenId: world.record.citizenId,
        homeOrg: { id: world.ward.cells[0]!.id, name: world.ward.cells[0]!.name },
      },
    });
    expect(view.requests.map((r) => r.id)).toEqual([
      world.requests.approved.id,
      world.requests.refused.id,
    ]);
    expect(view.requests[0]).toMatchObject({
      kind: 'position',
      status: 'approved',
      summary: 'Phó bí thư',
      decidingOrg: { name: world.ward.root.name },
    });
    expect(view.requests[1]).toMatchObject({
      kind: 'info_change',
      status: 'refused',
      summary: 'Số điện thoại',
      reason: 'Số điện thoại không đúng với hồ sơ.',
      pendingActions: 0,
    });
  });

  it("another member sees his own request, not the first member's", async () => {
    const { api } = await asMember('other');
    const view = value('myAccount', await api.myAccount({}));
    expect(view.requests.map((r) => r.id)).toEqual([world.requests.others.id]);
  });
});

describe('filing a request', () => {
  it('an info change queues one mutation with only the changed fields, shown as waiting', async () => {
    const { api, cache } = await asMember();
    const events: DesktopEvent['type'][] = [];
    api.subscribe((e) => events.push(e.type));
    const outbox = outboxRepo(cache.handle);
    const before = outbox.list().length;

    const queued = value(
      'fileInfoChange',
      await api.fileInfoChange({
        changes: { fullName: world.record.fullName, phone: '0912345678' },
      }),
    );

    const entries = outbox.list();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({
      id: queued.outboxId,
      mutation: {
        entity: 'accountRequest',
        entityId: queued.requestId,
        baseRev: 0,
        action: { type: 'file_info_change', changes: { phone: '0912345678' } },
      },
    });
    expect((entries.at(-1)!.mutation.action as { changes: object }).changes).not.toHaveProperty(
      'fullName',
    );
    expect(events).toContain('accounts-changed');

    const view = value('myAccount', await api.myAccount({}));
    expect(view.requests.find((r) => r.id === queued.requestId)).toMatchObject({
      kind: 'info_change',
      status: 'pending',
      summary: 'Số điện thoại',
      decidingOrg: { id: world.ward.cells[0]!.id },
      pendingActions: 1,
      needsAttention: false,
    });
  });

  it('an info change that changes nothing is refused and queues nothing', async () => {
    const { api, cache } = await asMember();
    const before = outboxRepo(cache.handle).list().length;
    const error = failure(
      await api.fileInfoChange({ changes: { fullName: world.record.fullName } }),
    );
    expect(error).toMatchObject({
      code: 'nothing_changed',
      messageVi: 'Chưa có thông tin nào thay đổi.',
    });
    expect(outboxRepo(cache.handle).list()).toHaveLength(before);
  });

  it('an info change that would leave an invalid record is refused under its field', async () => {
    const { api, cache } = await asMember();
    const before = outboxRepo(cache.handle).list().length;
    const noNumber = failure(
      await api.fileInfoChange({ changes: { cardNo: null, profileNo: null } }),
    );
    expect(noNumber).toMatchObject({
      code: 'invalid_input',
      field: 'cardNo',
      messageVi: 'Phải có Số thẻ đảng viên hoặc Số lý lịch',
    });
    // The citizen id says the member's sex: changing it alone does not match any more.
    const otherSex = world.record.sex === 'male' ? 'female' : 'male';
    const mismatch = failure(await api.fileInfoChange({ changes: { sex: otherSex } }));
    expect(mismatch).toMatchObject({ code: 'invalid_input', field: 'citizenId' });
    expect(outboxRepo(cache.handle).list()).toHaveLength(before);
  });

  it('a position request goes to the superior org', async () => {
    const { api } = await asMember();
    const queued = value(
      'filePositionRequest',
      await api.filePositionRequest({ position: 'secretary' }),
    );
    const view = value('myAccount', await api.myAccount({}));
    expect(view.requests.find((r) => r.id === queued.requestId)).toMatchObject({
      kind: 'position',
      summary: 'Bí thư',
      decidingOrg: { id: world.ward.root.id },
    });
  });

  it('a cell change to his own cell is refused with the domain message', async () => {
    const { api, cache } = await asMember();
    const before = outboxRepo(cache.handle).list().length;
    const error = failure(await api.fileCellChange({ toOrgId: world.ward.cells[0]!.id }));
    expect(error).toMatchObject({
      code: 'same_cell',
      messageVi: 'Chi bộ mới trùng với chi bộ đang sinh hoạt.',
    });
    expect(outboxRepo(cache.handle).list()).toHaveLength(before);
  });

  it('a cell change to another cell is decided by that cell', async () => {
    const { api } = await asMember();
    const to = world.ward.cells[4]!;
    const queued = value('fileCellChange', await api.fileCellChange({ toOrgId: to.id }));
    const view = value('myAccount', await api.myAccount({}));
    expect(view.requests.find((r) => r.id === queued.requestId)).toMatchObject({
      kind: 'cell_change',
      summary: `→ ${to.name}`,
      decidingOrg: { id: to.id },
      cell: { id: world.ward.cells[0]!.id },
    });
  });
});
