/**
 * The org tree's administration against the server's answers (the routes' own tests live with the
 * server): each call asks the server, then syncs and says `orgs-changed`; offline it says so.
 */
import { describe, expect, it, vi } from 'vitest';
import { ApiClientError, CLIENT_ERROR } from '../../api/client';
import { orgAdminRoutes } from '../../api/org-admin';
import { uid } from '../../sync/test-support/wire';
import { DesktopFailure, type ServiceContext } from '../service-context';
import { orgAdminHandlers } from './org-admin-handlers';

const fields = {
  code: '2256102',
  name: 'Chi bộ Tổ dân phố số 1',
  type: 'grassroots_cell' as const,
  cellSubtype: null,
  taxCode: null,
  email: 'tdp1@viethung.vn',
  phone: null,
  website: null,
  province: 'Hà Nội',
  ward: null,
  addressDetail: null,
  description: null,
  allocationDirection: 'bottom_up' as const,
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
  return { handlers: orgAdminHandlers(ctx), emitted, request, sync };
}

describe('org administration calls', () => {
  it('sends the org as the path and the form as the body, then syncs and says orgs-changed', async () => {
    const { handlers, emitted, request, sync } = contextAnswering(() =>
      Promise.resolve({ id: uid(3) }),
    );
    expect(await handlers.editOrg({ id: uid(3), ...fields })).toEqual({ orgId: uid(3) });
    await handlers.addChildOrg({ parentId: uid(2), ...fields });
    await handlers.moveOrg({ id: uid(3), parentId: uid(4) });
    expect(request.mock.calls).toEqual([
      [orgAdminRoutes.editOrg, { params: { id: uid(3) }, body: fields }],
      [orgAdminRoutes.addChildOrg, { params: { id: uid(2) }, body: fields }],
      [orgAdminRoutes.moveOrg, { params: { id: uid(3) }, body: { parentId: uid(4) } }],
    ]);
    expect(sync).toHaveBeenCalledTimes(3);
    expect(emitted).toEqual(['orgs-changed', 'orgs-changed', 'orgs-changed']);
  });

  it('a refusal stays the call’s failure, unsynced; unreachable says it needs the network', async () => {
    const taken = new ApiClientError({
      status: 409,
      code: 'org_code_taken',
      message: 'taken',
      messageVi: 'Mã cơ quan, đơn vị 2256103 đã được dùng.',
    });
    const refused = contextAnswering(() => Promise.reject(taken));
    await expect(refused.handlers.editOrg({ id: uid(3), ...fields })).rejects.toBe(taken);
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
    const offline = await Promise.resolve(
      down.handlers.moveOrg({ id: uid(3), parentId: uid(4) }),
    ).catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(DesktopFailure);
    expect((offline as DesktopFailure).error).toMatchObject({
      code: 'offline',
      messageVi: expect.stringContaining('Cần kết nối mạng'),
    });
    expect(down.emitted).toEqual([]);
  });
});
