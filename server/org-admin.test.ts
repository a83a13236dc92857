import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import type { OrgFields } from '../src/api/org-admin';
import { OrgHistoryResponse } from '../src/api/org-admin';
import { OrgWire, PullResponse } from '../src/api/sync';
import { orgHistory } from './repositories/org-admin';
import { ids, members, orgs } from './test-support/fixture';
import { openTestServer, type TestServer } from './test-support/harness';

const CRAFTED = '00000000-0000-4000-8000-00000000dead';
const WARD_ADMIN = 'qt.viethung';
const TOP_ADMIN = 'qt.thanhpho';
const OTHER_ADMIN = 'qt.phucloi';

/** An org's form as the fixture has it. */
const formOf = (id: string): OrgFields => {
  const {
    id: _id,
    parentId: _p,
    hasSeal: _s,
    status: _st,
    ...fields
  } = orgs.find((o) => o.id === id)!;
  return fields;
};

const newOrg = (over: Partial<OrgFields>): OrgFields => ({
  ...formOf(ids.cell1),
  name: 'Chi bộ mới',
  code: '2256199',
  ...over,
});

describe.each(serverEngines)('org tree administration on %s', (engine) => {
  let t: TestServer;
  const tokens = new Map<string, string>();
  beforeEach(async () => {
    t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
    tokens.clear();
  });
  afterEach(() => t?.close());

  const token = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await t.tokenFor(username));
    return tokens.get(username)!;
  };
  /** Each write a second after the last, so the history has an order. */
  const call = async (who: string, method: 'POST' | 'PUT' | 'GET', url: string, body?: object) => {
    t.clock.now = new Date(t.clock.now.getTime() + 1000);
    return t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await token(who)}` },
      ...(body ? { payload: body } : {}),
    });
  };
  const edit = (who: string, id: string, fields: OrgFields) =>
    call(who, 'PUT', `/v1/orgs/${id}`, fields);
  const add = (who: string, parentId: string, fields: OrgFields) =>
    call(who, 'POST', `/v1/orgs/${parentId}/children`, fields);
  const move = (who: string, id: string, parentId: string) =>
    call(who, 'POST', `/v1/orgs/${id}/move`, { parentId });
  const stored = async (id: string) =>
    t.server.db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const pullOrgs = async (who: string) => {
    const res = await call(who, 'GET', '/v1/sync/pull?limit=5000');
    return PullResponse.parse(res.json()).changes.filter((c) => c.entity === 'org');
  };
  const errorOf = (res: { json: () => unknown }) => (res.json() as { error: string }).error;

  describe('editing an org', () => {
    it('lets the ward admin edit a cell with its allocation direction, audited and pulled', async () => {
      const before = await stored(ids.cell1);
      const fields = {
        ...formOf(ids.cell1),
        name: 'Chi bộ Tổ dân phố số 1 (mới)',
        code: '2256190',
        email: 'tdp1@viethung.vn',
        phone: '024 3822 0001',
        addressDetail: 'Số 1 ngõ 2 phố Việt Hưng',
        allocationDirection: 'bottom_up' as const,
      };
      const res = await edit(WARD_ADMIN, ids.cell1, fields);
      expect(res.statusCode, res.body).toBe(200);
      expect(OrgWire.parse(res.json())).toMatchObject({
        id: ids.cell1,
        ...fields,
        parentId: ids.ward,
        path: before.path,
      });
      const after = await stored(ids.cell1);
      expect(Number(after.rev)).toBeGreaterThan(Number(before.rev));
      expect(after.name_folded).toContain('moi');

      const [entry] = await orgHistory(t.server.db, ids.cell1);
      expect(entry).toMatchObject({
        action: 'edit',
        changedBy: ids.wardAdmin,
        changedAt: t.clock.now.toISOString(),
        changes: {
          name: ['Chi bộ Tổ dân phố số 1', fields.name],
          code: ['2256102', '2256190'],
          email: [null, 'tdp1@viethung.vn'],
          allocationDirection: ['top_down', 'bottom_up'],
        },
      });
      // Unchanged fields are not in the entry.
      expect(Object.keys(entry!.changes)).not.toContain('province');

      // The cell's secretary pulls the change.
      const pulled = (await pullOrgs('bithu.tdp1')).find((c) => c.id === ids.cell1);
      expect(pulled?.op === 'upsert' && pulled.data).toMatchObject({
        name: fields.name,
        allocationDirection: 'bottom_up',
      });

      // The history is read by an admin over the org.
      const history = await call(WARD_ADMIN, 'GET', `/v1/orgs/${ids.cell1}/history`);
      expect(OrgHistoryResponse.parse(history.json()).items).toHaveLength(1);
    });

    it('writes nothing when nothing changes', async () => {
      const before = await stored(ids.cell1);
      const res = await edit(WARD_ADMIN, ids.cell1, formOf(ids.cell1));
      expect(res.statusCode, res.body).toBe(200);
      expect(Number((await stored(ids.cell1)).rev)).toBe(Number(before.rev));
      expect(await orgHistory(t.server.db, ids.cell1)).toEqual([]);
    });

    it('keeps the ward admin off his own ward, the province, a sibling ward and crafted ids', async () => {
      const own = await edit(WARD_ADMIN, ids.ward, { ...formOf(ids.ward), phone: '1' });
      expect(own.statusCode).toBe(403);
      expect(errorOf(own)).toBe('out_of_tier');
      expect((await edit(WARD_ADMIN, ids.province, formOf(ids.province))).statusCode).toBe(403);
      const sibling = await edit(WARD_ADMIN, ids.otherCell, {
        ...formOf(ids.otherCell),
        phone: '1',
      });
      expect(sibling.statusCode).toBe(403);
      const siblingWard = { ...formOf(ids.otherWard), phone: '1' };
      expect((await edit(WARD_ADMIN, ids.otherWard, siblingWard)).statusCode).toBe(403);
      expect((await edit(WARD_ADMIN, CRAFTED, formOf(ids.cell1))).statusCode).toBe(404);
      // A processor or a secretary is no admin.
      expect((await edit('bithu.tdp1', ids.cell1, formOf(ids.cell1))).statusCode).toBe(403);
      // The province's admin reaches the ward.
      const top = await edit(TOP_ADMIN, ids.ward, { ...formOf(ids.ward), phone: '024 3827 1234' });
      expect(top.statusCode, top.body).toBe(200);
      expect((await stored(ids.otherCell)).phone).toBeNull();
      expect(await orgHistory(t.server.db, ids.otherCell)).toEqual([]);
    });

    it('refuses a code already taken (409) and a type the parent cannot hold (422)', async () => {
      const taken = await edit(WARD_ADMIN, ids.cell1, { ...formOf(ids.cell1), code: '2256103' });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ error: 'org_code_taken', field: 'code' });
      // Another ward's code is taken too: codes are unique in the whole tree.
      const elsewhere = await edit(WARD_ADMIN, ids.cell1, {
        ...formOf(ids.cell1),
        code: '2256202',
      });
      expect(elsewhere.statusCode).toBe(409);

      const misplaced = await edit(WARD_ADMIN, ids.cell1, {
        ...formOf(ids.cell1),
        type: 'affiliated_cell',
        cellSubtype: 'agency_cell',
      });
      expect(misplaced.statusCode).toBe(422);
      expect(misplaced.json()).toMatchObject({
        error: 'type_not_allowed_under_parent',
        field: 'type',
      });
      const noSubtype = await edit(WARD_ADMIN, ids.cell1, {
        ...formOf(ids.cell1),
        cellSubtype: 'agency_cell',
      });
      expect(errorOf(noSubtype)).toBe('cell_subtype_not_allowed');
      // The ward made a cell would no longer hold its cells.
      const emptied = await edit(TOP_ADMIN, ids.ward, {
        ...formOf(ids.ward),
        type: 'grassroots_cell',
      });
      expect(emptied.statusCode).toBe(422);
      expect(errorOf(emptied)).toBe('parent_is_a_cell');
      expect((await stored(ids.cell1)).code).toBe('2256102');
      expect((await stored(ids.ward)).type).toBe('superior_committee');
    });

    it('refuses a malformed body with 400', async () => {
      const res = await edit(WARD_ADMIN, ids.cell1, {
        ...formOf(ids.cell1),
        allocationDirection: 'sideways' as 'top_down',
      });
      expect(res.statusCode).toBe(400);
    });
  });

  describe('adding an org', () => {
    it('adds a cell under the ward, audited, and the ward rejects what it cannot hold', async () => {
      const res = await add(WARD_ADMIN, ids.ward, newOrg({}));
      expect(res.statusCode, res.body).toBe(201);
      const made = OrgWire.parse(res.json());
      expect(made).toMatchObject({
        parentId: ids.ward,
        name: 'Chi bộ mới',
        code: '2256199',
        depth: 2,
        status: 'active',
        hasSeal: false,
      });
      expect(made.path).toBe(`${(await stored(ids.ward)).path}${made.id}/`);
      const [created] = await orgHistory(t.server.db, made.id);
      expect(created).toMatchObject({
        action: 'create',
        changedBy: ids.wardAdmin,
        changes: { name: [null, 'Chi bộ mới'], parentId: [null, ids.ward] },
      });
      expect((await pullOrgs('qt.viethung')).map((c) => c.id)).toContain(made.id);

      const again = await add(WARD_ADMIN, ids.ward, newOrg({ name: 'Chi bộ khác' }));
      expect(again.statusCode).toBe(409);
      const affiliated = await add(
        WARD_ADMIN,
        ids.ward,
        newOrg({ code: '2256198', type: 'affiliated_cell', cellSubtype: 'agency_cell' }),
      );
      expect(errorOf(affiliated)).toBe('type_not_allowed_under_parent');
      const underCell = await add(WARD_ADMIN, ids.cell1, newOrg({ code: '2256197' }));
      expect(underCell.statusCode).toBe(422);
      expect(errorOf(underCell)).toBe('parent_is_a_cell');
    });

    it('keeps the ward admin out of a sibling ward and the province', async () => {
      expect((await add(WARD_ADMIN, ids.otherWard, newOrg({}))).statusCode).toBe(403);
      const ward = newOrg({ type: 'superior_committee' });
      expect((await add(WARD_ADMIN, ids.province, ward)).statusCode).toBe(403);
      expect((await add(WARD_ADMIN, CRAFTED, newOrg({}))).statusCode).toBe(404);
      expect(
        await t.server.db.selectFrom('orgs').select('id').where('code', '=', '2256199').execute(),
      ).toEqual([]);
    });
  });

  describe('moving an org', () => {
    /** Two school committees of the ward, and an affiliated cell in the first. */
    async function schools() {
      const committee = (code: string, name: string) =>
        newOrg({ code, name, type: 'grassroots_committee' });
      const a = OrgWire.parse(
        (await add(WARD_ADMIN, ids.ward, committee('2256301', 'Đảng bộ Trường A'))).json(),
      );
      const b = OrgWire.parse(
        (await add(WARD_ADMIN, ids.ward, committee('2256302', 'Đảng bộ Trường B'))).json(),
      );
      const cell = OrgWire.parse(
        (
          await add(
            WARD_ADMIN,
            a.id,
            newOrg({
              code: '2256303',
              name: 'Chi bộ Giáo viên',
              type: 'affiliated_cell',
              cellSubtype: 'school_cell',
            }),
          )
        ).json(),
      );
      return { a, b, cell };
    }

    it('moves a cell to another committee of the ward, audited, and caches follow', async () => {
      const { a, b, cell } = await schools();
      const res = await move(WARD_ADMIN, cell.id, b.id);
      expect(res.statusCode, res.body).toBe(200);
      const moved = OrgWire.parse(res.json());
      expect(moved).toMatchObject({ parentId: b.id, path: `${b.path}${cell.id}/`, depth: 3 });
      const [entry] = await orgHistory(t.server.db, cell.id);
      expect(entry).toMatchObject({
        action: 'move',
        changedBy: ids.wardAdmin,
        changes: { parentId: [a.id, b.id], path: [cell.path, moved.path] },
      });
      // The old place's exit, then the new version.
      const pulled = (await pullOrgs(WARD_ADMIN)).filter((c) => c.id === cell.id).at(-1);
      expect(pulled?.op === 'upsert' && pulled.entity === 'org' && pulled.data.parentId).toBe(b.id);
      // To the parent it has: nothing to do.
      expect((await move(WARD_ADMIN, cell.id, b.id)).statusCode).toBe(200);
      expect(await orgHistory(t.server.db, cell.id)).toHaveLength(2);
    });

    it('moves a cell with its members to another ward for the province admin', async () => {
      const res = await move(TOP_ADMIN, ids.cell3, ids.otherWard);
      expect(res.statusCode, res.body).toBe(200);
      const path = `${(await stored(ids.otherWard)).path}${ids.cell3}/`;
      expect((await stored(ids.cell3)).path).toBe(path);
      // The other ward's admin now sees the cell's member.
      const bich = members.find((m) => m.homeOrgId === ids.cell3)!;
      const list = await call(OTHER_ADMIN, 'GET', '/v1/members?limit=200');
      expect((list.json() as { items: { id: string }[] }).items.map((m) => m.id)).toContain(
        bich.id,
      );
    });

    it('refuses moves out of scope, under itself, or where the type does not fit', async () => {
      const { a, cell } = await schools();
      // Out of his scope: the other ward is absent to him; his ward and the province are his
      // superiors' to move.
      expect((await move(WARD_ADMIN, ids.cell1, ids.otherWard)).statusCode).toBe(404);
      expect((await move(WARD_ADMIN, ids.otherCell, ids.ward)).statusCode).toBe(403);
      const own = await move(WARD_ADMIN, ids.ward, ids.otherWard);
      expect(own.statusCode).toBe(403);
      expect((await move(WARD_ADMIN, cell.id, ids.province)).statusCode).toBe(403);
      expect((await move(WARD_ADMIN, cell.id, CRAFTED)).statusCode).toBe(404);
      expect((await move(WARD_ADMIN, CRAFTED, a.id)).statusCode).toBe(404);
      // Under itself or below it.
      const loop = await move(WARD_ADMIN, a.id, cell.id);
      expect(loop.statusCode).toBe(422);
      expect(errorOf(loop)).toBe('move_under_itself');
      expect(errorOf(await move(WARD_ADMIN, a.id, a.id))).toBe('move_under_itself');
      expect(errorOf(await move(TOP_ADMIN, ids.ward, ids.cell1))).toBe('move_under_itself');
      // Types: an affiliated cell belongs under a grassroots committee, not under the ward.
      const misplaced = await move(WARD_ADMIN, cell.id, ids.ward);
      expect(misplaced.statusCode).toBe(422);
      expect(errorOf(misplaced)).toBe('type_not_allowed_under_parent');
      expect(errorOf(await move(WARD_ADMIN, cell.id, ids.cell1))).toBe('parent_is_a_cell');
      expect((await stored(cell.id)).parent_id).toBe(a.id);
      expect((await stored(ids.cell1)).parent_id).toBe(ids.ward);
      expect(await orgHistory(t.server.db, cell.id)).toHaveLength(1);
    });
  });
});
