import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { freshServerDatabase, serverEngines } from '../../scripts/test-support/databases';
import { openServerDb, type ServerDb } from '../../src/db/server-db';
import { ids, orgs, seedFixture } from '../test-support/fixture';
import type { Scope } from '../scope/scope';
import { insertOrg, searchOrgs } from './orgs';

describe.each(serverEngines)('the org search on %s', (engine) => {
  let server: ServerDb;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
    drop = fresh.drop;
    server = await openServerDb(fresh.config);
    await seedFixture(server.db);
  });
  afterEach(async () => {
    await server.close();
    await drop();
  });

  const everything: Scope = {
    userId: ids.provinceAdmin,
    memberId: null,
    grants: [],
    subtreePaths: [`/${ids.province}/`],
    ancestorIds: [],
    hash: 'test',
  };

  it('puts the closest names first: "so 3" finds "số 3" before "Khu số 31"', async () => {
    const cell3 = orgs.find((o) => o.id === ids.cell3);
    if (!cell3) throw new Error('fixture without cell 3');
    // In name order "Chi bộ Khu số 31" comes first; only the ranking puts "số 3" before it.
    await server.db.transaction().execute((trx) =>
      insertOrg(
        trx,
        {
          ...cell3,
          id: '00000000-0000-4000-8000-000000000931',
          code: '2256931',
          name: 'Chi bộ Khu số 31',
        },
        new Date('2026-02-01'),
      ),
    );
    const names = async (q: string) =>
      (await searchOrgs(server.db, everything, { q, page: 1, pageSize: 50 })).items.map(
        (o) => o.name,
      );
    expect(await names('so 3')).toEqual(['Chi bộ Tổ dân phố số 3', 'Chi bộ Khu số 31']);
    expect(await names('chi bo khu so 31')).toEqual(['Chi bộ Khu số 31']);
    // Without words, the levels from the top, names in order.
    expect((await names('')).slice(0, 2)).toEqual([
      'Đảng bộ Thành phố Hà Nội',
      'Đảng bộ Phường Phúc Lợi',
    ]);
  });
});
