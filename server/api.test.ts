import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { ApiError } from '../src/api/errors';
import { apiRoutes } from '../src/api/routes';
import { ids, PASSWORD } from './test-support/fixture';
import { openTestServer, type TestServer } from './test-support/harness';

const json = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>;

describe.each(serverEngines)('central API on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => t?.close());

  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });

  it('answers health', async () => {
    const res = await t.get('/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  describe('reads limited to scope', () => {
    it('/v1/me gives the user, their roles and their org', async () => {
      const res = await t.get('/v1/me', await t.tokenFor('bithu.tdp1'));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        user: { id: ids.secretary, roles: [{ role: 'approver', orgId: ids.cell1 }] },
        org: { id: ids.cell1, name: 'Chi bộ Tổ dân phố số 1', depth: 2 },
      });
      expect(res.body).not.toContain('scrypt');
    });

    it('shows org details with bank accounts in scope, ancestors without, and 404 outside', async () => {
      const token = await t.tokenFor('qt.viethung');
      const ward = await t.get(`/v1/orgs/${ids.ward}`, token);
      expect(ward.statusCode).toBe(200);
      expect(ward.json()).toMatchObject({
        id: ids.ward,
        path: `/${ids.province}/${ids.ward}/`,
        bankAccounts: [{ id: ids.account, citadCode: '01203001', isActive: true }],
      });
      const province = await t.get(`/v1/orgs/${ids.province}`, token);
      expect(province.statusCode).toBe(200);
      expect(province.json()).toMatchObject({ id: ids.province, bankAccounts: [] });
      for (const id of [ids.otherWard, ids.otherCell, '00000000-0000-4000-8000-999999999999']) {
        const res = await t.get(`/v1/orgs/${id}`, token);
        expect(res.statusCode).toBe(404);
        expect(json(res).error).toBe('not_found');
      }
    });

    it('lists children with their child counts, and only the visible ones of an ancestor', async () => {
      const token = await t.tokenFor('qt.viethung');
      const children = await t.get(`/v1/orgs/${ids.ward}/children`, token);
      expect(children.statusCode).toBe(200);
      const items = (children.json() as { items: { id: string; childCount: number }[] }).items;
      expect(items.map((c) => c.id)).toEqual([ids.cell1, ids.cell2, ids.cell3]);
      expect(items.every((c) => c.childCount === 0)).toBe(true);
      const top = await t.get(`/v1/orgs/${ids.province}/children`, token);
      expect(top.json()).toMatchObject({ items: [{ id: ids.ward, childCount: 3 }] });
      expect((await t.get(`/v1/orgs/${ids.otherWard}/children`, token)).statusCode).toBe(404);
    });

    it('gives the breadcrumb of an org, root first', async () => {
      // Cell 2 is a sibling of the secretary's cell 1, outside their subtree.
      const res = await t.get(`/v1/orgs/${ids.cell2}/ancestors`, await t.tokenFor('bithu.tdp1'));
      expect(res.statusCode).toBe(404);
      const ok = await t.get(`/v1/orgs/${ids.cell2}/ancestors`, await t.tokenFor('qt.viethung'));
      expect(ok.json()).toMatchObject({ items: [{ id: ids.province }, { id: ids.ward }] });
    });

    it('searches orgs by folded name or code prefix, within scope, paged', async () => {
      const token = await t.tokenFor('qt.viethung');
      const byName = await t.get('/v1/orgs?q=to%20dan%20pho&pageSize=2', token);
      expect(byName.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect((byName.json() as { items: unknown[] }).items).toHaveLength(2);
      const byCode = await t.get('/v1/orgs?q=225610', token);
      expect((byCode.json() as { total: number }).total).toBe(4);
      // The other ward's cell "số 9" exists, but not for this caller.
      expect((await t.get('/v1/orgs?q=so%209', token)).json()).toMatchObject({ total: 0 });
      const children = await t.get(`/v1/orgs?parentId=${ids.province}`, token);
      expect(children.json()).toMatchObject({ total: 1, items: [{ id: ids.ward }] });
      const province = await t.get('/v1/orgs?q=dang%20bo', await t.tokenFor('qt.thanhpho'));
      expect((province.json() as { total: number }).total).toBe(3);
    });

    it('shows members registered or residing in scope, and hides the others', async () => {
      const token = await t.tokenFor('qt.viethung');
      const [m1, , , , m5] = ids.members;
      expect((await t.get(`/v1/members/${m1}`, token)).json()).toMatchObject({
        id: m1,
        fullName: 'Nguyễn Văn Đức',
        positions: [],
      });
      expect((await t.get(`/v1/members/${m5}`, token)).statusCode).toBe(200);
      expect((await t.get(`/v1/members/${ids.outsider}`, token)).statusCode).toBe(404);
      const secretary = await t.tokenFor('bithu.tdp1');
      expect((await t.get(`/v1/members/${ids.members[2]}`, secretary)).statusCode).toBe(404);
    });

    it('pages members in Vietnamese name order with a keyset cursor', async () => {
      const token = await t.tokenFor('qt.viethung');
      const names: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/v1/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.get(url, token);
        expect(res.statusCode).toBe(200);
        const page = res.json() as { items: { fullName: string }[]; nextCursor: string | null };
        names.push(...page.items.map((m) => m.fullName));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      // Sorted by given name first: An, Bích, Đức, Em, Hoa.
      expect(names).toEqual([
        'Lê Văn An',
        'Phạm Thị Bích',
        'Nguyễn Văn Đức',
        'Hoàng Văn Em',
        'Trần Thị Hoa',
      ]);
      expect(pages).toBe(3);
      const search = await t.get('/v1/members?q=nguyen%20duc', token);
      expect(search.json()).toMatchObject({
        items: [{ fullName: 'Nguyễn Văn Đức' }],
        nextCursor: null,
      });
      const byId = await t.get('/v1/members?q=001190000002', token);
      expect(byId.json()).toMatchObject({ items: [{ fullName: 'Trần Thị Hoa' }] });
      const cell3 = await t.get(`/v1/members?orgId=${ids.cell3}`, token);
      const cell3Names = (cell3.json() as { items: { fullName: string }[] }).items.map(
        (m) => m.fullName,
      );
      expect(cell3Names).toEqual(['Phạm Thị Bích', 'Hoàng Văn Em']);
      expect((await t.get(`/v1/members?orgId=${ids.otherCell}`, token)).statusCode).toBe(404);
      const bad = await t.get('/v1/members?cursor=bm9wZQ', token);
      expect(bad.statusCode).toBe(400);
      expect(json(bad).field).toBe('cursor');
    });

    it('lists users for admins only, with the admin guide filters', async () => {
      const admin = await t.tokenFor('qt.viethung');
      const all = (await t.get('/v1/users', admin)).json() as {
        items: { username: string }[];
        total: number;
      };
      expect(all.items.map((u) => u.username).sort()).toEqual([
        'bithu.tdp1',
        'nghi.viec',
        'qt.viethung',
      ]);
      const filtered = async (query: string) =>
        (
          (await t.get(`/v1/users?${query}`, admin)).json() as { items: { username: string }[] }
        ).items.map((u) => u.username);
      expect(await filtered('q=ngo%20minh')).toEqual(['bithu.tdp1']);
      expect(await filtered('status=inactive')).toEqual(['nghi.viec']);
      expect(await filtered(`orgId=${ids.cell1}`)).toEqual(['bithu.tdp1']);
      expect(await filtered('position=Chuy%C3%AAn%20vi%C3%AAn')).toEqual(['qt.viethung']);
      expect(await filtered('role=approver')).toEqual(['bithu.tdp1']);
      expect(all.items.some((u) => JSON.stringify(u).includes('scrypt'))).toBe(false);

      const notAdmin = await t.get('/v1/users', await t.tokenFor('bithu.tdp1'));
      expect(notAdmin.statusCode).toBe(403);
      expect(json(notAdmin).error).toBe('forbidden');
    });

    it('shows users in scope, their history to admins, and 404 outside', async () => {
      const admin = await t.tokenFor('qt.viethung');
      const secretary = await t.get(`/v1/users/${ids.secretary}`, admin);
      expect(secretary.json()).toMatchObject({ id: ids.secretary, roles: [{ role: 'approver' }] });
      expect((await t.get(`/v1/users/${ids.otherAdmin}`, admin)).statusCode).toBe(404);
      expect((await t.get(`/v1/users/${ids.secretary}/history`, admin)).json()).toEqual({
        items: [],
      });
      expect((await t.get(`/v1/users/${ids.otherAdmin}/history`, admin)).statusCode).toBe(404);
      const own = await t.get(`/v1/users/${ids.secretary}`, await t.tokenFor('bithu.tdp1'));
      expect(own.statusCode).toBe(200);
    });
  });

  describe('bad input', () => {
    it('answers 400 naming the wrong field in params, query and body, in the words of the screen', async () => {
      const token = await t.tokenFor('qt.viethung');
      // The field by the screens' word (the code name is for programs: `field`).
      const cases = [
        [await t.get('/v1/orgs/not-a-uuid', token), 'id', 'Mã định danh'],
        [await t.get('/v1/orgs?pageSize=0', token), 'pageSize', 'Số dòng mỗi trang'],
        [await t.get('/v1/sync/pull?limit=99999', token), 'limit', 'Số dòng'],
        [await login('', PASSWORD), 'username', 'Tên đăng nhập'],
        [
          await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'a' } }),
          'password',
          'Mật khẩu',
        ],
      ] as const;
      for (const [res, field, words] of cases) {
        expect(res.statusCode).toBe(400);
        const body = ApiError.parse(res.json());
        expect(body).toMatchObject({ error: 'bad_request', field });
        expect(body.messageVi).toBe(
          `Dữ liệu gửi lên không hợp lệ (${words}). Vui lòng kiểm tra lại.`,
        );
      }
    });

    it('answers unknown routes with a 404 ApiError', async () => {
      const res = await t.get('/v1/nothing/here');
      expect(res.statusCode).toBe(404);
      expect(ApiError.parse(res.json()).error).toBe('not_found');
    });

    it('refuses bodies over 1 MiB (413), other content types (415) and broken JSON (400)', async () => {
      const big = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'a', password: 'x'.repeat(1024 * 1024) }),
      });
      expect(big.statusCode).toBe(413);
      expect(ApiError.parse(big.json()).error).toBe('payload_too_large');
      for (const type of ['text/plain', 'application/xml']) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/v1/auth/login',
          headers: { 'content-type': type },
          payload: 'username=a',
        });
        expect(res.statusCode).toBe(415);
        expect(ApiError.parse(res.json()).error).toBe('unsupported_media_type');
      }
      const broken = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": ',
      });
      expect(broken.statusCode).toBe(400);
      expect(ApiError.parse(broken.json())).toMatchObject({ error: 'bad_request', field: 'body' });
      expect((await t.get('/v1/health')).statusCode).toBe(200);
    });
  });

  it('publishes the OpenAPI document of every route, and the browsable reference', async () => {
    const res = await t.get('/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const spec of Object.values(apiRoutes)) {
      const path = spec.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[spec.method.toLowerCase()], `${spec.method} ${path}`).toBeDefined();
    }
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/docs'))).toBe(false);
    expect(JSON.stringify(doc.paths['/v1/auth/login'])).toContain('password');
    const ui = await t.get('/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});

describe('request logs', () => {
  it('carry the route pattern, status, duration and user id, but no personal data', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(
          ...chunk
            .toString()
            .split('\n')
            .filter((l) => l !== ''),
        );
        done();
      },
    });
    const t = await openTestServer({
      engine: 'sqlite',
      postgresUrl: inject('postgresUrl'),
      server: { logger: { stream } },
    });
    try {
      const token = await t.tokenFor('qt.viethung');
      await t.get('/v1/health');
      await t.get('/v1/members?q=Nguy%E1%BB%85n%20V%C4%83n%20%C4%90%E1%BB%A9c', token);
      await t.get(`/v1/members/${ids.members[0]}`, token);
      await t.get('/v1/users/x', token);
    } finally {
      await t.close();
    }
    const requests = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.route);
    // The apps' heartbeat (/v1/health every 2 s) stays out of the info log.
    expect(requests.map((l) => [l.route, l.statusCode])).toEqual([
      ['/v1/auth/login', 200],
      ['/v1/members', 200],
      ['/v1/members/:id', 200],
      ['/v1/users/:id', 400],
    ]);
    expect(requests[1]).toMatchObject({ userId: ids.wardAdmin, method: 'GET' });
    expect(typeof requests[1]?.durationMs).toBe('number');
    expect(typeof requests[1]?.reqId).toBe('string');
    const all = lines.join('\n');
    for (const secret of [PASSWORD, 'Nguy', 'qt.viethung', 'Bearer', ids.members[0], 'q=']) {
      expect(all).not.toContain(secret);
    }
  });
});
