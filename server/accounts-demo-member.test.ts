import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { runDemoMember } from '../scripts/demo-member';
import { findAccountRequest } from './repositories/accounts';
import { ids, members, PASSWORD } from './test-support/fixture';
import { openTransferServer, type TransferTestServer } from './test-support/transfers';

const HOA = members.find((m) => m.id === ids.members[1])!;

describe('npm run demo:member -- register|info-change|position|cell-change|account (sqlite, real HTTP)', () => {
  let t: TransferTestServer;
  beforeEach(async () => {
    t = await openTransferServer({ engine: 'sqlite', postgresUrl: inject('postgresUrl') });
  });
  afterEach(() => t?.close());

  const as = (username: string, password = PASSWORD) => [
    '--server',
    t.url,
    '--username',
    username,
    '--password',
    password,
  ];
  const hoa = (username = 'dv.hoa') => [
    ...as(username, 'mat khau 2026'),
    '--citizen-id',
    HOA.citizenId,
  ];

  it('registers a member from the prefilled record with a corrected phone, and waits', async () => {
    const out = (await runDemoMember([
      'register',
      ...hoa(),
      '--card-no',
      HOA.cardNo!,
      '--phone',
      '0911222333',
    ])) as { requestId: string; prefilled: boolean };
    expect(out).toMatchObject({
      status: 'pending',
      prefilled: true,
      declared: { fullName: 'Trần Thị Hoa', homeOrgId: ids.cell1, phone: '0911222333' },
    });
    await expect(runDemoMember(['account', ...as('dv.hoa', 'mat khau 2026')])).rejects.toThrow(
      /chờ Bí thư chi bộ phê duyệt/,
    );
    // The same citizen id again: stopped, the holder named.
    await expect(
      runDemoMember([
        'register',
        ...hoa('dv.hoa2'),
        '--card-no',
        HOA.cardNo!,
        '--phone',
        '0911222444',
      ]),
    ).rejects.toThrow(/đồng chí Trần Thị Hoa \(Chi bộ Tổ dân phố số 1\)/);

    const rev = (await findAccountRequest(t.server.db, out.requestId))!.rev;
    const [approved] = await t.push(await t.tokenFor('bithu.tdp1'), [
      {
        id: randomUUID(),
        entity: 'accountRequest',
        entityId: out.requestId,
        baseRev: rev,
        action: { type: 'approve' },
      },
    ]);
    expect(approved?.status).toBe('applied');
    expect(await runDemoMember(['account', ...as('dv.hoa', 'mat khau 2026')])).toMatchObject({
      status: 'active',
      member: { id: HOA.id },
      requests: [{ kind: 'registration', status: 'approved', statusVi: 'Đã duyệt' }],
    });
  });

  it('files an info change, a position and a cell change, each for its deciding org', async () => {
    const duc = as('dv.duc');
    await runDemoMember([
      'info-change',
      ...duc,
      '--phone',
      '0911000222',
      '--residence-cell',
      ids.cell3,
    ]);
    await runDemoMember(['position', ...duc, '--deputy']);
    await runDemoMember(['cell-change', ...duc, '--to', ids.cell2]);
    const account = (await runDemoMember(['account', ...duc])) as {
      requests: { kind: string; status: string; decidingOrg: string }[];
    };
    expect(account.requests.map((r) => [r.kind, r.status, r.decidingOrg]).sort()).toEqual([
      ['cell_change', 'pending', 'Chi bộ Tổ dân phố số 2'],
      ['info_change', 'pending', 'Chi bộ Tổ dân phố số 1'],
      ['position', 'pending', 'Đảng bộ Phường Việt Hưng'],
    ]);
    await expect(runDemoMember(['position', ...duc])).rejects.toThrow(/needs --deputy/);
    await expect(runDemoMember(['cell-change', ...duc, '--to', ids.cell1])).rejects.toThrow(
      /trùng với chi bộ đang sinh hoạt/,
    );
  });
});
