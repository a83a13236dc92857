import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClientDb, type ClientDb } from '../../db/client-db';
import { foldForSearch } from '../../domain/text/fold';
import { vietnameseNameSortKey } from '../../domain/text/vietnamese-names';
import {
  bankAccountWire,
  change,
  dossierWire,
  memberWire,
  orgWire,
  residenceFormWire,
  residenceRequestWire,
  userRoleWire,
  userWire,
} from '../test-support/wire';
import { blobCacheRepo } from './blob-cache';
import { createCacheWriter, type CacheWriter } from './cache-writer';
import { SYNC_KEYS, syncStateRepo } from './sync-state';

let cache: ClientDb;
let writer: CacheWriter;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cache-writer-'));
  cache = await openClientDb(join(dir, 'cache.sqlite'));
  writer = createCacheWriter(cache.handle);
});
afterEach(async () => {
  await cache.close();
  rmSync(dir, { recursive: true, force: true });
});

const root = orgWire(1, null, { name: 'Đảng bộ Phường Việt Hưng', code: '2256101' });
const cell = orgWire(2, root, { name: 'Chi bộ Tổ dân phố số 5' });
const an = memberWire(1, cell.id, 'Nguyễn Văn An');
const binh = memberWire(2, cell.id, 'Trần Thị Bình');

const membersFtsHits = (match: string) =>
  cache.handle
    .prepare<[string], { id: string }>(
      'select m.id from members_fts f join members m on m.rowid = f.rowid where members_fts match ? order by m.id',
    )
    .all(match)
    .map((r) => r.id);
const orgsFtsHits = (match: string) =>
  cache.handle
    .prepare<[string], { id: string }>(
      'select o.id from orgs_fts f join orgs o on o.rowid = f.rowid where orgs_fts match ? order by o.id',
    )
    .all(match)
    .map((r) => r.id);
const count = (table: string) =>
  cache.handle.prepare<[], number>(`select count(*) from ${table}`).pluck().get();
const ftsCount = (table: string) =>
  cache.handle.prepare<[], number>(`select count(*) from ${table}`).pluck().get();

function firstPage() {
  const user = userWire(1, root.id);
  writer.applyPage(
    [
      change.org(root),
      change.org(cell),
      change.bankAccount(bankAccountWire(1, root.id)),
      change.member(an),
      change.member(binh),
      change.user(user),
      change.userRole(userRoleWire(1, user.id, root.id)),
    ],
    'cursor-1',
  );
  return user;
}

describe('cache writer', () => {
  it('inserts every entity with the derived search columns and the cursor', () => {
    firstPage();
    expect(count('orgs')).toBe(2);
    expect(count('org_bank_accounts')).toBe(1);
    expect(count('users')).toBe(1);
    expect(count('user_roles')).toBe(1);
    const row = cache.handle.prepare('select * from members where id = ?').get(an.id);
    expect(row).toMatchObject({
      full_name: 'Nguyễn Văn An',
      name_folded: 'nguyen van an',
      sort_key: vietnameseNameSortKey('Nguyễn Văn An'),
      citizen_id: an.citizenId,
      positions: '[]',
    });
    expect(
      cache.handle.prepare('select has_seal, name_folded from orgs where id = ?').get(root.id),
    ).toEqual({
      has_seal: 1,
      name_folded: 'dang bo phuong viet hung',
    });
    expect(syncStateRepo(cache.handle).get(SYNC_KEYS.cursor)).toBe('cursor-1');
  });

  it('indexes folded names and numbers for prefix search, NFD query or NFC data alike', () => {
    firstPage();
    expect(membersFtsHits('"nguyen"* "van"*')).toEqual([an.id]);
    expect(membersFtsHits(`"${an.citizenId.slice(0, 6)}"*`)).toEqual([an.id]);
    expect(membersFtsHits(`"${binh.cardNo}"`)).toEqual([binh.id]);
    const nfd = foldForSearch('Trần Thị'.normalize('NFD'));
    expect(
      membersFtsHits(
        nfd
          .split(' ')
          .map((t) => `"${t}"*`)
          .join(' '),
      ),
    ).toEqual([binh.id]);
    expect(orgsFtsHits('"viet"* "hung"*')).toEqual([root.id]);
    expect(orgsFtsHits('"2256101"')).toEqual([root.id]);
  });

  it('keeps the index in step with updates and deletes', () => {
    firstPage();
    const rowid = () =>
      cache.handle
        .prepare<[string], number>('select rowid from members where id = ?')
        .pluck()
        .get(an.id);
    const before = rowid();
    writer.applyPage(
      [
        change.member({ ...an, fullName: 'Nguyễn Văn Đức' }),
        change.org({ ...cell, name: 'Chi bộ Tổ dân phố số 6' }),
        change.delete('member', binh.id),
        change.delete('bankAccount', bankAccountWire(1, root.id).id),
      ],
      'cursor-2',
    );
    expect(rowid()).toBe(before);
    expect(membersFtsHits('"an"')).toEqual([]);
    expect(membersFtsHits('"duc"')).toEqual([an.id]);
    expect(membersFtsHits('"tran"*')).toEqual([]);
    expect(orgsFtsHits('"5"')).toEqual([]);
    expect(orgsFtsHits('"6"')).toEqual([cell.id]);
    expect(count('members')).toBe(1);
    expect(ftsCount('members_fts')).toBe(1);
    expect(count('org_bank_accounts')).toBe(0);
    // A delete of a row the cache never had is a no-op, as after a resumed page.
    writer.applyPage([change.delete('member', binh.id), change.delete('user', 'nope')], 'cursor-3');
    expect(count('members')).toBe(1);
  });

  it('applies a page all or nothing, cursor included', () => {
    firstPage();
    const broken = change.member({ ...binh, fullName: 'Trần Thị Bích' });
    // A value the cache cannot store (NOT NULL) fails the page halfway.
    (broken as { data: { birthDate: unknown } }).data.birthDate = null;
    expect(() =>
      writer.applyPage([change.member({ ...an, fullName: 'Lê Văn Tám' }), broken], 'cursor-bad'),
    ).toThrow();
    expect(membersFtsHits('"tam"')).toEqual([]);
    expect(
      cache.handle.prepare('select full_name from members where id = ?').pluck().get(an.id),
    ).toBe('Nguyễn Văn An');
    expect(syncStateRepo(cache.handle).get(SYNC_KEYS.cursor)).toBe('cursor-1');
  });

  it('clears server state for a resync but keeps the outbox', () => {
    firstPage();
    cache.handle
      .prepare(
        `insert into outbox (id, kind, payload, base_rev, status, created_at)
         values ('m-1', 'member.update', '{}', 3, 'pending', '2026-01-05T08:00:00Z')`,
      )
      .run();
    writer.clearServerState();
    for (const table of ['orgs', 'org_bank_accounts', 'members', 'users', 'user_roles'])
      expect(count(table)).toBe(0);
    expect(ftsCount('members_fts')).toBe(0);
    expect(membersFtsHits('"nguyen"*')).toEqual([]);
    expect(syncStateRepo(cache.handle).get(SYNC_KEYS.cursor)).toBeUndefined();
    expect(count('outbox')).toBe(1);
    // Rows come back with fresh rowids and a consistent index.
    firstPage();
    expect(membersFtsHits('"nguyen"*')).toEqual([an.id]);
  });

  it('writes dossiers with their route orgs on each side, replaced when the route changes', () => {
    firstPage();
    const ward = orgWire(3, root);
    const other = orgWire(4, root, { name: 'Chi bộ Tổ dân phố số 7' });
    const d = dossierWire(1, an.id, [cell.id, root.id, ward.id], 1);
    const effects = writer.applyPage([change.org(ward), change.dossier(d)], 'cursor-2');
    expect(effects).toEqual({ dossiers: 1 });
    expect(cache.handle.prepare('select * from dossiers').all()).toEqual([
      {
        id: d.id,
        variant: 'official',
        member_id: an.id,
        from_org_id: cell.id,
        destination_org_id: ward.id,
        current_org_id: cell.id,
        status: 'pending_check',
        submitted_at: d.submittedAt,
        updated_at: d.updatedAt,
        present_by: null,
        data: JSON.stringify(d),
        rev: expect.any(Number),
      },
    ]);
    const route = () =>
      cache.handle
        .prepare('select org_id, position, side from dossier_route_orgs order by position')
        .all();
    expect(route()).toEqual([
      { org_id: cell.id, position: 0, side: 'from' },
      { org_id: root.id, position: 1, side: 'to' },
      { org_id: ward.id, position: 2, side: 'to' },
    ]);

    // Re-planned at the receiving side: the tail changes, the rows follow.
    const moved = { ...d, route: { orgIds: [cell.id, root.id, other.id], handoverIndex: 2 } };
    moved.currentOrgId = root.id;
    writer.applyPage([change.dossier(moved)], 'cursor-3');
    expect(route()).toEqual([
      { org_id: cell.id, position: 0, side: 'from' },
      { org_id: root.id, position: 1, side: 'from' },
      { org_id: other.id, position: 2, side: 'to' },
    ]);
    expect(
      cache.handle.prepare('select destination_org_id, current_org_id from dossiers').get(),
    ).toEqual({ destination_org_id: other.id, current_org_id: root.id });
    expect(writer.applyPage([change.member(an)], 'cursor-4')).toEqual({ dossiers: 0 });
  });

  it('writes residence lists and forms, a later rev replacing the earlier; a resync clears them', () => {
    firstPage();
    const other = orgWire(3, root, { name: 'Chi bộ Tổ dân phố số 3' });
    const list = residenceRequestWire(1, cell.id, an.id, other.id);
    const form = residenceFormWire(1, list, root.id);
    writer.applyPage([change.residenceRequest(list), change.residenceForm(form)], 'cursor-2');
    const forms = () =>
      cache.handle
        .prepare('select residence_org_id, committee_org_id, status from residence_forms')
        .all();
    expect(forms()).toEqual([
      { residence_org_id: other.id, committee_org_id: root.id, status: 'awaiting_comment' },
    ]);
    const written = residenceFormWire(1, list, root.id, {
      status: 'draft',
      comment: { strengths: 'Gương mẫu', shortcomings: '', citizenDuties: 'Tốt', proposals: '' },
    });
    writer.applyPage([change.residenceForm(written)], 'cursor-3');
    expect(forms()).toEqual([
      { residence_org_id: other.id, committee_org_id: root.id, status: 'draft' },
    ]);
    expect(count('residence_requests')).toBe(1);
    writer.clearServerState();
    expect(count('residence_requests')).toBe(0);
    expect(count('residence_forms')).toBe(0);
  });

  it('a resync clears dossiers and downloaded blobs, never blobs waiting for upload', () => {
    firstPage();
    writer.applyPage([change.dossier(dossierWire(2, an.id, [cell.id, root.id], 1))], 'cursor-2');
    const blobs = blobCacheRepo(cache.handle);
    const fetched = Buffer.from('%PDF-1.4 fetched');
    const signed = Buffer.from('%PDF-1.4 signed here');
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const pdf = (bytes: Buffer, needsUpload: boolean) =>
      blobs.put({ sha256: sha(bytes), contentType: 'application/pdf', bytes, needsUpload });
    pdf(fetched, false);
    pdf(signed, true);
    writer.clearServerState();
    expect(count('dossiers')).toBe(0);
    expect(count('dossier_route_orgs')).toBe(0);
    expect(blobs.has(sha(fetched))).toBe(false);
    expect(blobs.needingUpload()).toEqual([sha(signed)]);
  });
});
