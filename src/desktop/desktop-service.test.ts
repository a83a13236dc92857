import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClientDb, type ClientDb } from '../db/client-db';
import { compareVietnameseNames } from '../domain/text/vietnamese-names';
import { createCacheWriter } from '../sync/repositories/cache-writer';
import { wardFixture } from '../sync/test-support/ward-cache';
import { desktopCalls, type DesktopCallName, type DesktopResult } from './contract';
import { createDesktopService, type DesktopService } from './desktop-service';
import { orgAddress } from './repositories/org-tree';

const ward = wardFixture(300);
let cache: ClientDb;
let api: DesktopService;
const dir = mkdtempSync(join(tmpdir(), 'desktop-'));

beforeAll(async () => {
  cache = await openClientDb(join(dir, 'cache.sqlite'));
  createCacheWriter(cache.handle).applyPage(ward.changes, 'c1');
  // Nothing listens there: queries must work offline.
  api = createDesktopService({ cache, serverUrl: 'http://127.0.0.1:9' });
});
afterAll(async () => {
  await cache.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The value of a successful call, checked against the contract's output schema. */
function value<K extends DesktopCallName>(name: K, result: DesktopResult<unknown>) {
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return desktopCalls[name].output.parse(result.value) as ReturnType<
    (typeof desktopCalls)[K]['output']['parse']
  >;
}

const byVietnameseName = (
  a: { fullName: string; id: string },
  b: { fullName: string; id: string },
) => compareVietnameseNames(a.fullName, b.fullName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('org tree', () => {
  it('lists children in Vietnamese order with child and member counts', async () => {
    const roots = value('orgChildren', await api.orgChildren({}));
    expect(roots.items.map((o) => o.id)).toEqual([ward.root.id]);
    expect(roots.items[0]).toMatchObject({ childCount: 12, memberCount: 0 });
    const cells = value('orgChildren', await api.orgChildren({ orgId: ward.root.id })).items;
    expect(cells.map((c) => c.name).slice(0, 3)).toEqual([
      'Chi bộ Tổ dân phố số 1',
      'Chi bộ Tổ dân phố số 2',
      'Chi bộ Tổ dân phố số 3',
    ]);
    expect(cells.at(-1)?.name).toBe('Chi bộ Tổ dân phố số 12');
    const first = ward.cells[0];
    const expected = ward.members.filter((m) => m.homeOrgId === first?.id).length;
    expect(cells.find((c) => c.id === first?.id)).toMatchObject({
      childCount: 0,
      memberCount: expected,
    });
  });

  it('gives the breadcrumb, root first', async () => {
    const cell = ward.cells[4];
    const crumbs = value('orgAncestors', await api.orgAncestors({ orgId: cell?.id ?? '' }));
    expect(crumbs.items.map((o) => o.id)).toEqual([ward.root.id, cell?.id]);
  });

  it('pages through a subtree without gaps or repeats, as rows or ids', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = value(
        'orgSubtree',
        await api.orgSubtree({ orgId: ward.root.id, limit: 5, cursor }),
      );
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen[0]).toBe(ward.root.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([ward.root.id, ...ward.cells.map((c) => c.id)].sort());
    const ids = value('orgSubtreeIds', await api.orgSubtreeIds({ orgId: ward.root.id }));
    expect(ids).toEqual({ ids: seen, nextCursor: null });
    const leaf = value(
      'orgSubtreeIds',
      await api.orgSubtreeIds({ orgId: ward.cells[3]?.id ?? '' }),
    );
    expect(leaf.ids).toEqual([ward.cells[3]?.id]);
  });

  it('shows an org with its bank accounts, the active one first', async () => {
    const detail = value('orgDetail', await api.orgDetail({ orgId: ward.root.id }));
    expect(detail.org).toMatchObject({
      name: 'Đảng bộ Phường Việt Hưng',
      hasSeal: true,
      path: ward.root.path,
    });
    expect(detail.bankAccounts.map((b) => b.isActive)).toEqual([true, false]);
    expect(detail.childCount).toBe(12);
  });
});

describe('member search', () => {
  it('finds "Nguyễn Văn …" from "nguyen van", ranked, then in Vietnamese order', async () => {
    const found = value('searchMembers', await api.searchMembers({ q: 'nguyen van', limit: 200 }));
    const expected = ward.members.filter((m) => /^Nguyễn Văn /.test(m.fullName));
    expect(expected.length).toBeGreaterThan(3);
    expect(found.items.map((m) => m.id).sort()).toEqual(expected.map((m) => m.id).sort());
    expect(found.items).toEqual([...found.items].sort(byVietnameseName));
    expect(found.truncated).toBe(false);
  });

  it('matches NFD input against NFC data, and đ with d', async () => {
    const nfc = value('searchMembers', await api.searchMembers({ q: 'Đặng Thị' }));
    const nfd = value('searchMembers', await api.searchMembers({ q: 'Đặng Thị'.normalize('NFD') }));
    const plain = value('searchMembers', await api.searchMembers({ q: 'dang thi' }));
    expect(nfc.items.length).toBeGreaterThan(0);
    expect(nfd.items).toEqual(nfc.items);
    expect(plain.items).toEqual(nfc.items);
  });

  it('puts whole-word and given-name matches before mere prefixes', async () => {
    const found = value('searchMembers', await api.searchMembers({ q: 'an', limit: 200 })).items;
    const given = (name: string) => name.split(' ').at(-1);
    const firstNotAn = found.findIndex((m) => given(m.fullName) !== 'An');
    expect(firstNotAn).toBeGreaterThan(0);
    expect(found.slice(firstNotAn).every((m) => given(m.fullName) !== 'An')).toBe(true);
    expect(found.some((m) => given(m.fullName) === 'Anh')).toBe(true);
  });

  it('finds by citizen id prefix and by card number', async () => {
    const m = ward.members[41];
    const byId = value('searchMembers', await api.searchMembers({ q: m?.citizenId ?? '' }));
    expect(byId.items[0]?.id).toBe(m?.id);
    const byPrefix = value(
      'searchMembers',
      await api.searchMembers({ q: m?.citizenId.slice(0, 9) ?? '' }),
    );
    expect(byPrefix.items.map((x) => x.id)).toContain(m?.id);
    // A short, common prefix (every fixture id starts with 001): answered by the bounded scan.
    const common = value('searchMembers', await api.searchMembers({ q: '001', limit: 20 }));
    expect(common.items).toHaveLength(20);
    expect(common.truncated).toBe(true);
    expect(common.items.every((x) => x.citizenId.startsWith('001'))).toBe(true);
    const byCard = value('searchMembers', await api.searchMembers({ q: m?.cardNo ?? '' }));
    expect(byCard.items.map((x) => x.id)).toEqual([m?.id]);
  });

  it('treats FTS syntax in the query as text', async () => {
    for (const q of [
      '"',
      'nguyen" OR "tran',
      '*',
      'NEAR(an binh)',
      '-an',
      'name:an',
      '^an',
      'AND',
      '(',
      "H'Hen",
    ]) {
      const result = await api.searchMembers({ q });
      expect(result.ok, q).toBe(true);
    }
    const empty = value('searchMembers', await api.searchMembers({ q: '  ' }));
    expect(empty.items).toEqual([]);
  });

  it('reports truncation when the hits exceed the limit', async () => {
    const found = value('searchMembers', await api.searchMembers({ q: 'n', limit: 5 }));
    expect(found.items).toHaveLength(5);
    expect(found.truncated).toBe(true);
  });
});

describe('org search', () => {
  it('finds orgs by folded name or by code prefix', async () => {
    const byName = value('searchOrgs', await api.searchOrgs({ q: 'to dan pho so 1' }));
    expect(byName.items[0]?.name).toBe('Chi bộ Tổ dân phố số 1');
    expect(byName.items.map((o) => o.name)).toContain('Chi bộ Tổ dân phố số 10');
    const byCode = value('searchOrgs', await api.searchOrgs({ q: '2256101' }));
    expect(byCode.items[0]?.id).toBe(ward.root.id);
    const byCodePrefix = value('searchOrgs', await api.searchOrgs({ q: '22561', limit: 50 }));
    expect(byCodePrefix.items).toHaveLength(13);
  });
});

describe('org addresses', () => {
  it('gives the list its "Địa chỉ": street, ward, province, or null', async () => {
    const roots = value('orgChildren', await api.orgChildren({}));
    expect(roots.items[0]?.address).toBe('Việt Hưng, Hà Nội');
    expect(
      orgAddress({ address_detail: '99 Nguyễn Tuấn', ward: 'Thanh Xuân', province: 'Hà Nội' }),
    ).toBe('99 Nguyễn Tuấn, Thanh Xuân, Hà Nội');
    expect(orgAddress({ address_detail: '  ', ward: null, province: null })).toBeNull();
  });
});

describe('org list filters', () => {
  it('filters by code prefix, name words, status and subtree', async () => {
    const byCode = value('findOrgs', await api.findOrgs({ code: '225611' }));
    expect(byCode.items.map((o) => o.code).sort()).toEqual(
      ward.cells
        .map((c) => c.code)
        .filter((c) => c.startsWith('225611'))
        .sort(),
    );
    const byName = value('findOrgs', await api.findOrgs({ name: 'to dan pho so 1' }));
    expect(byName.items.map((o) => o.name)).toEqual([
      'Chi bộ Tổ dân phố số 1',
      'Chi bộ Tổ dân phố số 10',
      'Chi bộ Tổ dân phố số 11',
      'Chi bộ Tổ dân phố số 12',
    ]);
    expect(byName.items[0]).toMatchObject({ childCount: 0, parentId: ward.root.id });
    const under = value(
      'findOrgs',
      await api.findOrgs({ underOrgId: ward.cells[2]?.id ?? '', status: 'active' }),
    );
    expect(under.items.map((o) => o.id)).toEqual([ward.cells[2]?.id]);
    const none = value('findOrgs', await api.findOrgs({ status: 'inactive' }));
    expect(none.items).toEqual([]);
    const capped = value('findOrgs', await api.findOrgs({ limit: 5 }));
    expect(capped).toMatchObject({ truncated: true });
    expect(capped.items).toHaveLength(5);
  });
});

describe('user list', () => {
  it('lists accounts with roles and filters like the admin guide', async () => {
    const all = value('listUsers', await api.listUsers({}));
    expect(all.total).toBe(3);
    expect(all.positions).toEqual(['Bí thư chi bộ', 'Chuyên viên', 'Quản trị đơn vị']);
    const admin = all.items.find((u) => u.username === 'quantri.phuong');
    expect(admin).toMatchObject({
      org: { id: ward.root.id, name: 'Đảng bộ Phường Việt Hưng' },
      roles: [{ role: 'admin', orgId: ward.root.id, orgName: 'Đảng bộ Phường Việt Hưng' }],
    });
    const byName = value('listUsers', await api.listUsers({ q: 'pham binh' }));
    expect(byName.items.map((u) => u.username)).toEqual(['bithu.chibo1']);
    const inactive = value('listUsers', await api.listUsers({ status: 'inactive' }));
    expect(inactive.items.map((u) => u.username)).toEqual(['bithu.chibo1']);
    const processors = value('listUsers', await api.listUsers({ role: 'processor' }));
    expect(processors.items.map((u) => u.username)).toEqual(['canbo.xuly']);
    const inCell = value('listUsers', await api.listUsers({ orgId: ward.cells[0]?.id ?? '' }));
    expect(inCell.items.map((u) => u.username)).toEqual(['bithu.chibo1']);
    const capped = value('listUsers', await api.listUsers({ limit: 2 }));
    expect(capped).toMatchObject({ total: 3, truncated: true });
    expect(capped.items).toHaveLength(2);
  });
});

describe('members of an org', () => {
  it('pages in Vietnamese order by keyset, without gaps or repeats', async () => {
    const cell = ward.cells[0];
    const expected = ward.members.filter((m) => m.homeOrgId === cell?.id).sort(byVietnameseName);
    // Shared names, so (sort_key, id) tie-breaking is exercised.
    expect(new Set(expected.map((m) => m.fullName)).size).toBeLessThan(expected.length);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = value(
        'orgMembers',
        await api.orgMembers({ orgId: cell?.id ?? '', limit: 7, cursor }),
      );
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(seen).toEqual(expected.map((m) => m.id));
  });

  it('shows a member with the home org', async () => {
    const m = ward.members[5];
    const detail = value('memberDetail', await api.memberDetail({ memberId: m?.id ?? '' }));
    expect(detail.member).toEqual(m);
    expect(detail.homeOrg?.id).toBe(m?.homeOrgId);
    expect(detail.residenceOrg).toBeNull();
  });
});

describe('bad input and missing rows', () => {
  it('answers typed errors instead of throwing', async () => {
    const tooLong = await api.searchMembers({ q: 'x'.repeat(500) });
    expect(tooLong).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'q',
        // The screen's words and what to do, never the code's field name.
        messageVi: 'Từ khóa tìm kiếm dài quá mức cho phép. Vui lòng kiểm tra lại.',
      },
    });
    const wrongType = await api.orgChildren({ orgId: 42 } as never);
    expect(wrongType).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'orgId' },
    });
    const badLimit = await api.orgMembers({ orgId: ward.root.id, limit: 0 });
    expect(badLimit).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limit' } });
    const badCursor = await api.orgMembers({ orgId: ward.root.id, cursor: 'garbage' });
    expect(badCursor).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'cursor' },
    });
    const missing = await api.orgDetail({ orgId: 'no-such-org' });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'not_found', messageVi: 'Không tìm thấy tổ chức đảng.' },
    });
    const noMember = await api.memberDetail({ memberId: 'x' });
    expect(noMember).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const notInput = await api.syncStatus(undefined as never);
    expect(notInput).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses to sync before login, and reports status offline-first', async () => {
    const sync = await api.syncNow({});
    expect(sync).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });
    expect(value('session', await api.session({}))).toEqual({ user: null, offline: false });
    const status = value('syncStatus', await api.syncStatus({}));
    expect(status).toMatchObject({ online: null, pulling: false, outboxCount: 0, user: null });
    const check = value('checkConnection', await api.checkConnection({}));
    expect(check.online).toBe(false);
    expect(value('syncStatus', await api.syncStatus({})).online).toBe(false);
  });
});

describe('updates where the app never updates itself (browser host, development)', () => {
  it('has no update ready, and answers a restart with a Vietnamese no-op', async () => {
    expect(value('updateStatus', await api.updateStatus({}))).toEqual({ readyVersion: null });
    const answer = value('restartToUpdate', await api.restartToUpdate({}));
    expect(answer.restarting).toBe(false);
    expect(answer.messageVi).toMatch(/không tự cập nhật/);
  });
});
