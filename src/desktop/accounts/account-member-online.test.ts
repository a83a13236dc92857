/**
 * Registration's answers as the desktop turns them into the call's outcome: a duplicate number
 * names its holder, a server out of reach says registration needs the network. The API client is
 * a stand-in here; the routes themselves are the server's (its tests and the e2e journey).
 */
import { describe, expect, it } from 'vitest';
import type { RegistrationRequest } from '../../api/accounts';
import { ApiClientError, type ApiClient } from '../../api/client';
import { DesktopFailure, type ServiceContext } from '../service-context';
import { registerAccount, registrationLookup } from './account-member-online';

const declared = {
  fullName: 'Nguyễn Văn An',
  birthDate: '1985-04-12',
  sex: 'male',
  citizenId: '001085012345',
  cardNo: '12345678',
  profileNo: null,
  homeOrgId: 'cell-1',
  residenceOrgId: null,
  phone: null,
  email: null,
  position: null,
} as const;

function contextWith(api: Partial<ApiClient>): ServiceContext {
  return { api, tracked: <T>(call: Promise<T>) => call } as unknown as ServiceContext;
}

const holder = { field: 'citizenId', fullName: 'Trần Thị Bình', orgName: 'Chi bộ Tổ dân phố số 1' };

describe('registerAccount', () => {
  it('sends the form as a password registration and answers its request id', async () => {
    const sent: RegistrationRequest[] = [];
    const ctx = contextWith({
      register: (req) => {
        sent.push(req);
        return Promise.resolve({ requestId: 'r-1', userId: 'u-1', status: 'pending' });
      },
    });
    const outcome = await registerAccount(ctx, {
      username: 'an.nv',
      password: 'Mk@2026',
      declared,
    });
    expect(outcome).toEqual({ ok: true, requestId: 'r-1' });
    expect(sent[0]).toEqual({
      identity: { kind: 'password', username: 'an.nv', password: 'Mk@2026' },
      declared,
    });
  });

  it('a 409 duplicate names who holds the number', async () => {
    const body = {
      error: 'duplicate_account',
      message: 'citizenId is already held by another account',
      messageVi: 'Số CCCD đã được dùng cho tài khoản của đồng chí Trần Thị Bình.',
      holder,
    };
    const ctx = contextWith({
      register: () =>
        Promise.reject(new ApiClientError({ status: 409, code: body.error, ...body, body })),
    });
    const outcome = await registerAccount(ctx, { username: 'an.nv', password: 'x', declared });
    expect(outcome).toEqual({ ok: false, messageVi: body.messageVi, holder });
  });

  it('another refusal stays a failure', async () => {
    const refused = new ApiClientError({
      status: 409,
      code: 'username_taken',
      message: 'username taken',
      messageVi: 'Tên đăng nhập đã được dùng.',
      body: { error: 'username_taken', message: 'username taken', messageVi: '…' },
    });
    const ctx = contextWith({ register: () => Promise.reject(refused) });
    await expect(registerAccount(ctx, { username: 'an.nv', password: 'x', declared })).rejects.toBe(
      refused,
    );
  });

  it('offline: registration needs the network', async () => {
    const gone = new ApiClientError({
      status: 0,
      code: 'unreachable',
      message: 'server unreachable',
      messageVi: 'Không kết nối được máy chủ.',
    });
    const ctx = contextWith({ registrationLookup: () => Promise.reject(gone) });
    const err: unknown = await registrationLookup(ctx, {
      citizenId: declared.citizenId,
      cardNo: '12345678',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DesktopFailure);
    expect((err as DesktopFailure).error).toMatchObject({
      code: 'offline',
      messageVi: 'Cần kết nối mạng để đăng ký.',
    });
  });
});
