import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openServerDb } from '../src/db/server-db';
import { importWorkbook } from '../src/documents/import/test-support/import-workbook';
import { seedFixture } from '../server/test-support/fixture';
import { runImportCli } from './import';
import { freshServerDatabase, serverEngines } from './test-support/databases';

const CELL = ['2256105', 'Chi bộ Tổ dân phố số 5', '2256101', 'Chi bộ cơ sở'];
const LAN = [
  'Vũ Thị Lan',
  '03/04/1996',
  'Nữ',
  '001196000031',
  '93.1000031',
  null,
  null,
  null,
  '2256105',
];

describe.each(serverEngines)('npm run import on %s', (engine) => {
  let db: string;
  let drop: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
  beforeEach(async () => {
    const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
    const server = await openServerDb(fresh.config);
    await seedFixture(server.db);
    await server.close();
    db = 'sqliteFile' in fresh.config ? fresh.config.sqliteFile : fresh.config.databaseUrl;
    drop = fresh.drop;
  });
  afterEach(() => drop?.());

  const file = async (name: string, spec: Parameters<typeof importWorkbook>[0]) => {
    const path = join(dir, name);
    writeFileSync(path, await importWorkbook(spec));
    return path;
  };
  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    const errors: string[] = [];
    const code = await runImportCli(argv, {
      log: (l) => lines.push(l),
      error: (l) => errors.push(l),
    });
    return { code, lines, errors };
  };
  const counts = async () => {
    const server = await openServerDb(
      db.startsWith('postgres') ? { databaseUrl: db } : { sqliteFile: db },
    );
    try {
      const n = async (table: 'orgs' | 'members' | 'import_audit') =>
        Number(
          (
            await server.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const audit = await server.db.selectFrom('import_audit').selectAll().execute();
      return { orgs: await n('orgs'), members: await n('members'), audit };
    } finally {
      await server.close();
    }
  };

  it('checks without writing, prints the problems, and applies with --apply', async () => {
    const before = await counts();
    const bad = await file('bad.xlsx', {
      orgs: [[...CELL.slice(0, 2), '9999999', CELL[3]!]],
      members: [LAN],
    });
    const checked = await run('--db', db, bad);
    expect(checked.code).toBe(1);
    expect(checked.errors).toContain(
      'Tổ chức đảng, dòng 2, cột Mã đơn vị cha: Không tìm thấy đơn vị cha có mã 9999999 trong tệp hoặc trong dữ liệu [import_unknown_parent]',
    );
    expect(await counts()).toEqual(before);

    const good = await file('good.xlsx', { orgs: [CELL], members: [LAN] });
    const dry = await run('--db', db, good);
    expect(dry.code).toBe(0);
    expect(dry.lines).toEqual([
      'Tổ chức đảng: 1 thêm mới, 0 cập nhật, 0 không đổi',
      'Đảng viên: 1 thêm mới, 0 cập nhật, 0 không đổi',
      'import: no problem found; run again with --apply to write it',
    ]);
    expect(await counts()).toEqual(before);

    const applied = await run('--db', db, '--under', '2256101', '--apply', good);
    expect(applied.code).toBe(0);
    const after = await counts();
    expect([after.orgs, after.members]).toEqual([before.orgs + 1, before.members + 1]);
    expect(after.audit).toHaveLength(1);
    expect(after.audit[0]).toMatchObject({
      source: 'cli',
      imported_by: null,
      orgs_added: 1,
      members_added: 1,
    });

    const again = await run('--db', db, '--apply', good);
    expect(again.lines.slice(0, 2)).toEqual([
      'Tổ chức đảng: 0 thêm mới, 0 cập nhật, 1 không đổi',
      'Đảng viên: 0 thêm mới, 0 cập nhật, 1 không đổi',
    ]);
  });

  it('keeps --under to its subtree', async () => {
    const elsewhere = await file('elsewhere.xlsx', {
      orgs: [['2256207', 'Chi bộ mới', '2256201', 'Chi bộ cơ sở']],
    });
    expect((await run('--db', db, elsewhere)).code).toBe(0);
    const under = await run('--db', db, '--under', '2256101', '--apply', elsewhere);
    expect(under.code).toBe(1);
    expect(under.errors.join('\n')).toContain('import_parent_out_of_scope');
    expect((await counts()).audit).toEqual([]);
  });

  it('refuses a wrong command line', async () => {
    expect((await run('x.xlsx')).code).toBe(2);
    expect((await run('--db', db)).code).toBe(2);
    expect((await run('--db', join(dir, 'typo.sqlite'), join(dir, 'none.xlsx'))).code).toBe(2);
    const good = await file('any.xlsx', { orgs: [CELL] });
    const typo = await run('--db', join(dir, 'typo.sqlite'), good);
    expect(typo.code).toBe(2);
    expect(typo.errors[0]).toBe(`import: no such SQLite database: ${join(dir, 'typo.sqlite')}`);
    expect((await run('--db', db, '--under', '0000000', good)).code).toBe(2);
  });
});
