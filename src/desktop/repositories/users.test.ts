import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClientDb, type ClientDb } from '../../db/client-db';
import { searchTokens } from '../../domain/text/fold';
import { createCacheWriter } from '../../sync/repositories/cache-writer';
import { wardFixture } from '../../sync/test-support/ward-cache';
import { change, userWire } from '../../sync/test-support/wire';
import { usersRepo } from './users';

const ward = wardFixture(10);
const dir = mkdtempSync(join(tmpdir(), 'users-'));
let cache: ClientDb;
let users: ReturnType<typeof usersRepo>;

beforeAll(async () => {
  cache = await openClientDb(join(dir, 'cache.sqlite'));
  // The fixture's admin is "Trần Thị Thu Hà" (quantri.phuong); her namesakes sort first by
  // username, so only ranking puts her first.
  const namesakes = [
    userWire(11, ward.root.id, { username: 'a.thinh', fullName: 'Trần Khắc Thịnh' }),
    userWire(12, ward.root.id, { username: 'a.thuha', fullName: 'Trần Thị Thu Hà Anh' }),
  ];
  createCacheWriter(cache.handle).applyPage([...ward.changes, ...namesakes.map(change.user)], 'c1');
  users = usersRepo(cache.handle);
});
afterAll(async () => {
  await cache.close();
  rmSync(dir, { recursive: true, force: true });
});

const find = (q: string, limit = 50) =>
  users.list({ tokens: searchTokens(q), limit }).items.map((u) => u.fullName);

describe('the user search', () => {
  it('puts the exact name first, then names it begins, then word starts', () => {
    expect(find('Trần Thị Thu Hà')).toEqual(['Trần Thị Thu Hà', 'Trần Thị Thu Hà Anh']);
    expect(find('tran thi')).toEqual(['Trần Thị Thu Hà Anh', 'Trần Thị Thu Hà', 'Trần Khắc Thịnh']);
  });

  it('finds an account by its username, folded, and by name and username mixed', () => {
    expect(find('QuanTri.Phuong')).toEqual(['Trần Thị Thu Hà']);
    expect(find('thinh a.thinh')).toEqual(['Trần Khắc Thịnh']);
  });

  it('keeps the rank on a capped page', () => {
    const page = users.list({ tokens: searchTokens('tran thi thu ha'), limit: 1 });
    expect(page).toMatchObject({ total: 2, truncated: true });
    expect(page.items.map((u) => u.username)).toEqual(['quantri.phuong']);
  });
});
