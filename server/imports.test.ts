import { deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { ImportApplied, ImportPreview, ImportRefused } from '../src/api/imports';
import {
  importCsv,
  importWorkbook,
  MEMBER_HEADERS,
  ORG_HEADERS,
  type SheetCell,
} from '../src/documents/import/test-support/import-workbook';
import { ids } from './test-support/fixture';
import { openTestServer, type TestServer } from './test-support/harness';

const GRASSROOTS_CELL = 'Chi bộ cơ sở';
const WARD = '2256101';

/** A new cell under the ward, and one under a parent nobody knows. */
const NEW_CELL: SheetCell[] = ['2256105', 'Chi bộ Tổ dân phố số 5', WARD, GRASSROOTS_CELL];
const ORPHAN_CELL: SheetCell[] = ['2256106', 'Chi bộ Tổ dân phố số 6', '9999999', GRASSROOTS_CELL];
const member = (
  name: string,
  cccd: string,
  birth: string,
  sex: string,
  cell: string,
): SheetCell[] => [
  name,
  birth,
  sex,
  cccd,
  `93.1${cccd.slice(-6)}`,
  null,
  '15/03/2015',
  '15/03/2016',
  cell,
];
const NEW_MEMBER = member('Vũ Thị Lan', '001196000031', '03/04/1996', 'Nữ', '2256105');
const BAD_CCCD = member('Đinh Văn Minh', '00108700003', '12/12/1987', 'Nam', '2256102');
const FIXED_CCCD = member('Đinh Văn Minh', '001087000032', '12/12/1987', 'Nam', '2256102');

describe.each(serverEngines)('import of orgs and members on %s', (engine) => {
  let t: TestServer;
  beforeEach(async () => {
    t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
  });
  afterEach(() => t?.close());

  const post = async (
    action: 'preview' | 'apply',
    files: { name: string; bytes: Buffer }[],
    { username = 'qt.viethung', orgId = ids.ward } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/imports/${action}?orgId=${orgId}`,
      headers: { authorization: `Bearer ${await t.tokenFor(username)}` },
      payload: {
        files: files.map((f) => ({ name: f.name, contentBase64: f.bytes.toString('base64') })),
      },
    });
  const xlsx = async (spec: Parameters<typeof importWorkbook>[0]) => [
    { name: 'phuong-viet-hung.xlsx', bytes: await importWorkbook({ title: true, ...spec }) },
  ];
  /** Everything a write would touch: the rev counter, the rows, the audit. */
  const state = async () => {
    const db = t.server.db;
    const counter = await db.selectFrom('sync_counter').select('value').executeTakeFirstOrThrow();
    const count = async (table: 'orgs' | 'members' | 'import_audit') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      rev: Number(counter.value),
      orgs: await count('orgs'),
      members: await count('members'),
      audits: await count('import_audit'),
    };
  };

  it('lists a bad CCCD and an unknown parent and writes nothing; fixed, applies once', async () => {
    const before = await state();
    const bad = await xlsx({ orgs: [NEW_CELL, ORPHAN_CELL], members: [NEW_MEMBER, BAD_CCCD] });

    const preview = await post('preview', bad);
    expect(preview.statusCode).toBe(200);
    const plan = ImportPreview.parse(preview.json());
    expect(plan.problems.map((p) => [p.sheet, p.row, p.column, p.code])).toEqual([
      ['Đảng viên', 4, 'CCCD', 'citizen_id_wrong_length'],
      ['Tổ chức đảng', 4, 'Mã đơn vị cha', 'import_unknown_parent'],
    ]);
    expect(plan.problems[0]!.messageVi).toContain('12 chữ số');
    expect(plan.problems[1]!.messageVi).toContain('9999999');
    expect(await state()).toEqual(before);

    // Apply refuses the same file, with the same problems, and writes nothing either.
    const refused = await post('apply', bad);
    expect(refused.statusCode).toBe(422);
    const body = ImportRefused.parse(refused.json());
    expect(body.error).toBe('import_has_problems');
    expect(body.plan?.problems).toHaveLength(2);
    expect(await state()).toEqual(before);

    const fixed = await xlsx({
      orgs: [NEW_CELL, [...ORPHAN_CELL.slice(0, 2), WARD, GRASSROOTS_CELL]],
      members: [NEW_MEMBER, FIXED_CCCD],
    });
    const applied = await post('apply', fixed);
    expect(applied.statusCode).toBe(200);
    const done = ImportApplied.parse(applied.json());
    expect(done.problems).toEqual([]);
    expect(done.orgs).toEqual({ add: 2, update: 0, unchanged: 0 });
    expect(done.members).toEqual({ add: 2, update: 0, unchanged: 0 });
    const after = await state();
    expect(after).toMatchObject({
      orgs: before.orgs + 2,
      members: before.members + 2,
      audits: 1,
    });
    expect(after.rev).toBeGreaterThan(before.rev);
    const lan = await t.server.db
      .selectFrom('members as m')
      .innerJoin('orgs as o', 'o.id', 'm.home_org_id')
      .select(['m.full_name', 'm.birth_date', 'm.sex', 'm.joined_on', 'o.code', 'o.parent_id'])
      .where('m.citizen_id', '=', '001196000031')
      .executeTakeFirstOrThrow();
    expect(lan).toEqual({
      full_name: 'Vũ Thị Lan',
      birth_date: '1996-04-03',
      sex: 'female',
      joined_on: '2015-03-15',
      code: '2256105',
      parent_id: ids.ward,
    });
    const audit = await t.server.db
      .selectFrom('import_audit')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      id: done.auditId,
      org_id: ids.ward,
      imported_by: ids.wardAdmin,
      source: 'api',
      file_sha256: done.fileSha256,
      orgs_added: 2,
      members_added: 2,
    });

    // The same file again: every row unchanged, no rev taken; only the audit records it.
    const again = ImportApplied.parse((await post('apply', fixed)).json());
    expect(again.orgs).toEqual({ add: 0, update: 0, unchanged: 2 });
    expect(again.members).toEqual({ add: 0, update: 0, unchanged: 2 });
    expect(await state()).toEqual({ ...after, audits: 2 });
  });

  it('updates an existing member by CCCD and moves him to another cell in scope', async () => {
    const before = await state();
    const existing = member('Nguyễn Văn Đức', '001085000001', '02/03/1985', 'Nam', '2256103');
    const res = await post('apply', await xlsx({ members: [existing] }));
    expect(res.statusCode).toBe(200);
    const done = ImportApplied.parse(res.json());
    expect(done.members).toEqual({ add: 0, update: 1, unchanged: 0 });
    expect(done.rows[0]!.changes).toEqual([
      'Số thẻ đảng',
      'Ngày vào Đảng',
      'Ngày chính thức',
      'Mã chi bộ',
    ]);
    const row = await t.server.db
      .selectFrom('members')
      .selectAll()
      .where('id', '=', ids.members[0]!)
      .executeTakeFirstOrThrow();
    expect([row.home_org_id, row.card_no, row.joined_on]).toEqual([
      ids.cell2,
      '93.1000001',
      '2015-03-15',
    ]);
    expect((await state()).members).toBe(before.members);
    // Cell 1's caches are told the member left (a sync exit at the old path).
    const exits = await t.server.db
      .selectFrom('sync_exits')
      .selectAll()
      .where('entity_id', '=', ids.members[0]!)
      .execute();
    expect(exits).toHaveLength(1);
  });

  it('keeps an admin inside his subtree', async () => {
    const before = await state();
    // Another ward's org as the root: refused before the handler.
    expect(
      (await post('preview', await xlsx({ orgs: [NEW_CELL] }), { orgId: ids.otherWard }))
        .statusCode,
    ).toBe(403);
    // A processor is not an admin.
    expect(
      (
        await post('preview', await xlsx({ orgs: [NEW_CELL] }), {
          username: 'bithu.tdp1',
          orgId: ids.cell1,
        })
      ).statusCode,
    ).toBe(403);

    const plan = ImportPreview.parse(
      (
        await post(
          'preview',
          await xlsx({
            orgs: [
              ['2256107', 'Chi bộ lạc chỗ', '2256201', GRASSROOTS_CELL],
              ['2256202', 'Chi bộ Tổ dân phố số 9', WARD, GRASSROOTS_CELL],
            ],
            members: [
              // A member of this ward moved to a cell of another ward.
              member('Trần Thị Hoa', '001190000002', '15/07/1990', 'Nữ', '2256202'),
              // Another ward's member pulled into this ward.
              member('Đỗ Thị Giang', '001195000009', '09/09/1995', 'Nữ', '2256102'),
            ],
          }),
        )
      ).json(),
    );
    expect(plan.problems.map((p) => [p.row, p.code])).toEqual([
      [3, 'import_cell_out_of_scope'],
      [4, 'import_member_out_of_scope'],
      [3, 'import_parent_out_of_scope'],
      [4, 'import_org_out_of_scope'],
    ]);
    expect(await state()).toEqual(before);
  });

  it('finds duplicate card numbers in the file and in the database', async () => {
    const a = member('Vũ Thị Lan', '001196000031', '03/04/1996', 'Nữ', '2256102');
    const b = member('Vũ Văn Bình', '001096000033', '03/04/1996', 'Nam', '2256102');
    b[4] = a[4]!;
    const c = member('Vũ Văn Cường', '001096000034', '03/04/1996', 'Nam', '2256102');
    c[4] = '93.0000002'; // Trần Thị Hoa's
    const plan = ImportPreview.parse(
      (await post('preview', await xlsx({ members: [a, b, c] }))).json(),
    );
    expect(plan.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, 'Số thẻ đảng', 'import_duplicate_card_no'],
      [5, 'Số thẻ đảng', 'import_card_no_taken'],
    ]);
  });

  it('reads the two CSV files, with and without BOM', async () => {
    const orgs = importCsv(
      ORG_HEADERS.map((h) => h.toUpperCase()),
      [NEW_CELL.map(String)],
    );
    const members = importCsv(
      MEMBER_HEADERS,
      [
        [
          'Vũ Thị Lan',
          '03/04/1996',
          'nữ',
          '001196000031',
          '93.1000031',
          '',
          '2015-03-15',
          '',
          '2256105',
        ],
      ],
      false,
    );
    const res = await post('apply', [
      { name: 'to-chuc.csv', bytes: orgs },
      { name: 'dang-vien.csv', bytes: members },
    ]);
    expect(res.statusCode).toBe(200);
    const done = ImportApplied.parse(res.json());
    expect([done.orgs.add, done.members.add]).toEqual([1, 1]);
  });

  it('refuses hostile files with clear answers', async () => {
    const before = await state();
    const code = async (files: { name: string; bytes: Buffer }[]) => {
      const res = await post('preview', files);
      return [res.statusCode, (res.json() as { error: string }).error];
    };
    // Not a workbook: zip magic and garbage; an old .xls; a binary blob that is not UTF-8.
    expect(await code([{ name: 'a.xlsx', bytes: Buffer.from('PK\x03\x04garbage') }])).toEqual([
      422,
      'import_not_a_workbook',
    ]);
    expect(
      await code([{ name: 'a.xls', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]) }]),
    ).toEqual([422, 'import_old_excel']);
    expect(await code([{ name: 'a.csv', bytes: Buffer.from([0xff, 0xfe, 0x00, 0xd8]) }])).toEqual([
      422,
      'import_not_utf8',
    ]);
    // A zip bomb: a kilobyte that claims 1 KB and inflates to 50 MB.
    expect(await code([{ name: 'bomb.xlsx', bytes: lyingZip(50 * 1024 * 1024, 1024) }])).toEqual([
      422,
      'import_zip_bomb',
    ]);
    // 10^6 rows.
    const million = Buffer.from(`${ORG_HEADERS.join(',')}\n${'1,a,2,b\n'.repeat(1_000_000)}`);
    expect(await code([{ name: 'million.csv', bytes: million }])).toEqual([
      422,
      'import_too_many_rows',
    ]);
    // Over the size of a file.
    expect(
      await code([{ name: 'big.csv', bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) }]),
    ).toEqual([413, 'import_file_too_large']);
    expect(await state()).toEqual(before);
  });

  it('refuses formulas in cells, row by row', async () => {
    const withFormula: SheetCell[] = [
      '2256105',
      { formula: 'HYPERLINK("http://x","y")' },
      WARD,
      GRASSROOTS_CELL,
    ];
    const plan = ImportPreview.parse(
      (await post('preview', await xlsx({ orgs: [withFormula] }))).json(),
    );
    expect(plan.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'Tên', 'import_formula'],
    ]);
  });
});

/** A one-entry zip whose entry declares `declared` bytes but inflates to `actual`. */
function lyingZip(actual: number, declared: number): Buffer {
  const name = Buffer.from('xl/workbook.xml');
  const data = deflateRawSync(Buffer.alloc(actual, 0x20));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
