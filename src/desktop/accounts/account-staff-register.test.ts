/**
 * "Đăng ký hộ" against the server's answers (the route's own server tests live with the server):
 * the receipt with the initial password, a 409 naming the holder of the number, and offline.
 */
import { describe, expect, it, vi } from 'vitest';
import { ApiClientError, CLIENT_ERROR } from '../../api/client';
import type { DeclaredMember } from '../../domain/accounts/account-request';
import { memberWire, uid } from '../../sync/test-support/wire';
import { DesktopFailure, type ServiceContext } from '../service-context';
import { registerMemberOnBehalf } from './account-staff-register';

const m = memberWire(1, uid(10), 'Trịnh Văn Khải');
const declared: DeclaredMember = {
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
      username: 'bithu.cb1',
      fullName: 'B',
      orgId: '',
      roles: [],
    }),
  } as unknown as ServiceContext;
  return { ctx, emitted, request, sync };
}

describe('registering a member on his behalf', () => {
  it('answers the receipt with the initial password, and pulls the new request', async () => {
    const { ctx, emitted, request, sync } = contextAnswering(() =>
      Promise.resolve({
        requestId: uid(1),
        userId: uid(2),
        status: 'pending',
        initialPassword: 'Kh@i2026x',
      }),
    );
    const outcome = await registerMemberOnBehalf(ctx, { username: 'dangvien.khai', declared });
    expect(outcome).toEqual({
      ok: true,
      requestId: uid(1),
      username: 'dangvien.khai',
      initialPassword: 'Kh@i2026x',
    });
    expect(request.mock.calls[0]![1]).toEqual({ body: { username: 'dangvien.khai', declared } });
    expect(sync).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(emitted).toContain('accounts-changed'));
  });

  it('a number another account holds answers who holds it', async () => {
    const holder = { field: 'citizenId', fullName: 'Nguyễn Văn An', orgName: 'Chi bộ số 1' };
    const body = {
      error: 'duplicate_account',
      message: 'citizenId is already held by another account',
      messageVi: 'Số CCCD đã được dùng cho tài khoản của đồng chí Nguyễn Văn An (Chi bộ số 1).',
      holder,
    };
    const { ctx } = contextAnswering(() =>
      Promise.reject(
        new ApiClientError({
          status: 409,
          code: body.error,
          message: body.message,
          messageVi: body.messageVi,
          body,
        }),
      ),
    );
    expect(await registerMemberOnBehalf(ctx, { username: 'dangvien.khai', declared })).toEqual({
      ok: false,
      messageVi: body.messageVi,
      holder,
    });
  });

  it("another refusal stays the call's failure; unreachable says it needs the network", async () => {
    const forbidden = new ApiClientError({
      status: 403,
      code: 'forbidden',
      message: 'no',
      messageVi: 'Không có quyền.',
    });
    const { ctx } = contextAnswering(() => Promise.reject(forbidden));
    await expect(registerMemberOnBehalf(ctx, { username: 'dangvien.khai', declared })).rejects.toBe(
      forbidden,
    );

    const down = contextAnswering(() =>
      Promise.reject(
        new ApiClientError({
          status: 0,
          code: CLIENT_ERROR.unreachable,
          message: 'down',
          messageVi: 'x',
        }),
      ),
    );
    const offline = await registerMemberOnBehalf(down.ctx, { username: 'x.y.z', declared }).catch(
      (err: unknown) => err,
    );
    expect(offline).toBeInstanceOf(DesktopFailure);
    expect((offline as DesktopFailure).error.code).toBe('offline');
  });
});
