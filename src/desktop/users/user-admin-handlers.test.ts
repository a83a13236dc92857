/**
 * User administration against the server's answers (the routes' own tests live with the server):
 * each call asks the server, then syncs and says `users-changed`; offline it says so.
 */
import { describe, expect, it, vi } from 'vitest';
import { ApiClientError, CLIENT_ERROR } from '../../api/client';
import { userAdminRoutes } from '../../api/users-admin';
import { uid } from '../../sync/test-support/wire';
import { DesktopFailure, type ServiceContext } from '../service-context';
import { userAdminHandlers } from './user-admin-handlers';
import { userHistoryView } from './user-history-view';

const detail = {
  id: uid(2),
  username: 'xuly.an',
  fullName: 'Lê Văn An',
  citizenId: '001075000003',
  phone: '0987000222',
  email: null,
  position: null,
  orgId: uid(9),
  status: 'active',
  memberId: uid(3),
  updatedBy: uid(51),
  updatedAt: '2026-01-05T09:00:00.000Z',
  roles: [{ role: 'processor', orgId: uid(9) }],
  createdAt: '2026-01-05T09:00:00.000Z',
};

/** A service context whose API answers with `answer`; what it emits and sends is recorded. */
function contextAnswering(answer: () => Promise<unknown>) {
  const emitted: string[] = [];
  const request = vi.fn((_spec: unknown, _req: unknown) => answer());
  const sync = vi.fn(() => Promise.resolve({}));
  const ctx = {
    serverUrl: 'http://server',
    api: { request },
    engine: { sync },
    tracked: <T>(call: Promise<T>) => call,
    emit: (e: { type: string }) => emitted.push(e.type),
    requireServerSession: () => ({
      id: uid(51),
      username: 'qt',
      fullName: 'Q',
      orgId: '',
      roles: [],
    }),
  } as unknown as ServiceContext;
  return { handlers: userAdminHandlers(ctx), emitted, request, sync };
}

describe('user administration calls', () => {
  it('adds a user: the initial password once, then a sync and users-changed', async () => {
    const { handlers, emitted, request, sync } = contextAnswering(() =>
      Promise.resolve({ user: detail, initialPassword: 'Xk3-9aQ_p2Lm' }),
    );
    const input = {
      lookup: { citizenId: '001075000003', fullName: 'Lê Văn An', birthDate: '1975-01-20' },
      username: 'xuly.an',
      phone: '0987000222',
      email: null,
      position: null,
      orgId: uid(9),
      roles: [{ role: 'processor' as const, orgId: uid(9) }],
      active: true,
    };
    expect(await handlers.createUser(input)).toEqual({
      userId: uid(2),
      username: 'xuly.an',
      initialPassword: 'Xk3-9aQ_p2Lm',
    });
    expect(request.mock.calls[0]).toEqual([userAdminRoutes.createUser, { body: input }]);
    expect(sync).toHaveBeenCalledOnce();
    expect(emitted).toEqual(['users-changed']);
  });

  it('sends the account id as the path and the rest as the body', async () => {
    const { handlers, request, emitted } = contextAnswering(() => Promise.resolve(detail));
    await handlers.grantUserRole({ id: uid(2), role: 'approver', orgId: uid(4) });
    await handlers.lockUser({ id: uid(2) });
    expect(request.mock.calls).toEqual([
      [
        userAdminRoutes.grantUserRole,
        { params: { id: uid(2) }, body: { role: 'approver', orgId: uid(4) } },
      ],
      [userAdminRoutes.lockUser, { params: { id: uid(2) } }],
    ]);
    expect(emitted).toEqual(['users-changed', 'users-changed']);
  });

  it('a refusal stays the call’s failure, unsynced; unreachable says it needs the network', async () => {
    const forbidden = new ApiClientError({
      status: 403,
      code: 'out_of_tier',
      message: 'no',
      messageVi: 'Bạn chỉ quản lý được tài khoản của các đơn vị cấp dưới.',
    });
    const refused = contextAnswering(() => Promise.reject(forbidden));
    await expect(refused.handlers.unlockUser({ id: uid(2) })).rejects.toBe(forbidden);
    expect(refused.sync).not.toHaveBeenCalled();
    expect(refused.emitted).toEqual([]);

    const down = contextAnswering(() =>
      Promise.reject(
        new ApiClientError({
          status: 0,
          code: CLIENT_ERROR.unreachable,
          message: 'd',
          messageVi: 'x',
        }),
      ),
    );
    const offline = await Promise.resolve(down.handlers.resetUserPassword({ id: uid(2) })).catch(
      (e: unknown) => e,
    );
    expect(offline).toBeInstanceOf(DesktopFailure);
    expect((offline as DesktopFailure).error).toMatchObject({
      code: 'offline',
      messageVi: expect.stringContaining('Cần kết nối mạng'),
    });
  });
});

describe('userHistoryView', () => {
  it('says each change in the screen’s words: labels, statuses, grants and orgs by name', () => {
    const names = {
      user: (id: string) => (id === uid(51) ? 'Bùi Thị Lan' : id),
      org: (id: string) => (id === uid(9) ? 'Đảng bộ Phường Việt Hưng' : id),
    };
    const [entry] = userHistoryView(
      [
        {
          id: 'h1',
          userId: uid(2),
          changedBy: uid(51),
          changedAt: '2026-01-05T09:00:00.000Z',
          changes: {
            status: ['active', 'inactive'],
            roles: [[], [{ role: 'processor', orgId: uid(9) }]],
            password: ['***', '***'],
            phone: [null, '0987000222'],
          },
        },
      ],
      names,
    );
    expect(entry!.changedBy).toEqual({ id: uid(51), name: 'Bùi Thị Lan' });
    expect(entry!.changes).toEqual([
      {
        field: 'status',
        labelVi: 'Trạng thái',
        before: 'Đang hoạt động',
        after: 'Không hoạt động',
      },
      {
        field: 'roles',
        labelVi: 'Vai trò',
        before: '',
        after: 'Cán bộ xử lý TTHC — Đảng bộ Phường Việt Hưng',
      },
      { field: 'password', labelVi: 'Mật khẩu', before: '***', after: '***' },
      { field: 'phone', labelVi: 'Số điện thoại', before: null, after: '0987000222' },
    ]);
  });
});
