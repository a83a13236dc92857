import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { HolidayYearWire } from '../src/api/holiday-wire';
import { HolidaysResponse } from '../src/api/holidays';
import { PullResponse } from '../src/api/sync';
import { ids } from './test-support/fixture';
import { openTransferServer, type TransferTestServer } from './test-support/transfers';

const YEAR_2027 = {
  holidays: [
    { date: '2027-01-01', name: 'Tết Dương lịch' },
    { date: '2027-02-05', name: 'Tết Nguyên đán' },
  ],
  makeUpDays: [{ date: '2027-02-20', name: 'Làm bù cho ngày 12/02/2027' }],
};

describe.each(serverEngines)('holiday calendar on %s', (engine) => {
  let t: TransferTestServer;
  beforeEach(async () => {
    t = await openTransferServer({ engine, postgresUrl: inject('postgresUrl') });
  });
  afterEach(() => t?.close());

  const put = async (username: string, year: number | string, body: unknown) =>
    t.request('PUT', `/v1/holidays/${year}`, await t.tokenFor(username), body);
  const list = async (username: string) => {
    const res = await t.request('GET', '/v1/holidays', await t.tokenFor(username));
    expect(res.statusCode).toBe(200);
    return HolidaysResponse.parse(res.json()).items;
  };
  const history = () =>
    t.server.db.selectFrom('holiday_year_history').selectAll().orderBy('changed_at').execute();

  it('ships 2026, readable by every signed-in user, a member included', async () => {
    for (const who of ['qt.viethung', 'bithu.tdp1', 'dv.duc']) {
      const years = await list(who);
      expect(years.map((y) => y.year)).toEqual([2026]);
      expect(years[0]!.holidays).toHaveLength(11);
      expect(years[0]!.holidays[1]).toEqual({ date: '2026-02-16', name: 'Tết Nguyên đán' });
      expect(years[0]!.updatedBy).toBeNull();
    }
    expect((await t.get('/v1/holidays')).statusCode).toBe(401);
  });

  it('lets the top admin set a year, audited, and pulled by every cache', async () => {
    const res = await put('qt.thanhpho', 2027, YEAR_2027);
    expect(res.statusCode).toBe(200);
    expect(HolidayYearWire.parse(res.json())).toMatchObject({
      year: 2027,
      ...YEAR_2027,
      updatedBy: ids.provinceAdmin,
    });
    expect((await list('bithu.tdp1')).map((y) => y.year)).toEqual([2026, 2027]);

    // Changed again: the history keeps who, when, before and after.
    t.clock.now = new Date('2026-01-06T09:00:00Z');
    const fewer = { ...YEAR_2027, holidays: YEAR_2027.holidays.slice(0, 1) };
    expect((await put('qt.thanhpho', 2027, fewer)).statusCode).toBe(200);
    const trail = await history();
    expect(trail.map((h) => [h.year, h.changed_by, h.changed_at])).toEqual([
      [2027, ids.provinceAdmin, '2026-01-05T09:00:00.000Z'],
      [2027, ids.provinceAdmin, '2026-01-06T09:00:00.000Z'],
    ]);
    expect(trail[0]!.before).toBeNull();
    expect(JSON.parse(trail[1]!.before!).holidays).toHaveLength(2);
    expect(JSON.parse(trail[1]!.after).holidays).toEqual(fewer.holidays);

    // A cell secretary's cache receives the year as its last change.
    const pulled = PullResponse.parse(
      (await t.request('GET', '/v1/sync/pull', await t.tokenFor('bithu.tdp1'))).json(),
    );
    const years = pulled.changes.filter((c) => c.entity === 'holidayYear');
    expect(years.map((c) => c.id).sort()).toEqual(['2026', '2027']);
    const y2027 = years.find((c) => c.id === '2027');
    expect(y2027?.op === 'upsert' && y2027.data.holidays).toEqual(fewer.holidays);
  });

  it('refuses a ward admin (403) and writes nothing', async () => {
    const res = await put('qt.viethung', 2027, YEAR_2027);
    expect(res.statusCode).toBe(403);
    expect((await list('qt.viethung')).map((y) => y.year)).toEqual([2026]);
    expect(await history()).toEqual([]);
    // Nor does a processor of the province (a top-org grant, but not admin).
    expect((await put('xuly.thanhpho', 2027, YEAR_2027)).statusCode).toBe(403);
    expect(await history()).toEqual([]);
  });

  it('refuses a holiday on a weekend, a make-up weekday and a day of another year, in Vietnamese', async () => {
    const cases: [unknown, string, string][] = [
      [
        { holidays: [{ date: '2027-02-06', name: 'Tết' }], makeUpDays: [] },
        'holidays.0.date',
        'Ngày 06/02/2027 là thứ Bảy hoặc Chủ nhật: ngày nghỉ chỉ khai cho ngày làm việc trong tuần.',
      ],
      [
        { holidays: [], makeUpDays: [{ date: '2027-02-19', name: 'Bù' }] },
        'makeUpDays.0.date',
        'Ngày làm bù 19/02/2027 phải là thứ Bảy hoặc Chủ nhật.',
      ],
      [
        { holidays: [{ date: '2026-12-31', name: 'Cuối năm' }], makeUpDays: [] },
        'holidays.0.date',
        'Ngày 31/12/2026 không thuộc năm 2027.',
      ],
    ];
    for (const [body, field, messageVi] of cases) {
      const res = await put('qt.thanhpho', 2027, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'bad_request', field, messageVi });
    }
    expect((await put('qt.thanhpho', 1999, YEAR_2027)).statusCode).toBe(400);
    expect(await history()).toEqual([]);
  });

  it('counts server-side deadlines with the stored calendar', async () => {
    // A day off added inside the 30 working days from Mon 5 Jan moves the deadline by one day
    // (2026-02-23 with the seeded calendar: see transfers.test.ts).
    const seeded = (await list('qt.thanhpho'))[0]!;
    const added = {
      holidays: [...seeded.holidays, { date: '2026-02-10', name: 'Nghỉ đột xuất' }],
      makeUpDays: [],
    };
    expect((await put('qt.thanhpho', 2026, added)).statusCode).toBe(200);

    const member = await t.tokenFor('dv.duc');
    const d = await t.submit(member, {
      id: randomUUID(),
      variant: 'official',
      form: {
        destinationOrgId: ids.otherCell,
        reason: 'Chuyển nơi cư trú',
        movedOn: '2026-01-02',
        newAddress: 'Số 5 ngõ 12, Phúc Lợi',
        temporary: null,
      },
      attachments: [],
    });
    for (const username of ['bithu.tdp1', 'xuly.viethung', 'xuly.thanhpho', 'xuly.phucloi']) {
      const token = await t.tokenFor(username);
      let { rev } = await t.dossier(token, d.id);
      for (const action of [
        { type: 'check' as const, data: { note: 'Đủ hồ sơ' }, nextOrgId: null },
        { type: 'forward' as const },
      ]) {
        const [result] = await t.push(token, [
          { id: randomUUID(), entity: 'dossier', entityId: d.id, baseRev: rev, action },
        ]);
        expect(result, username).toMatchObject({ status: 'applied' });
        rev = result!.rev!;
      }
    }
    expect((await t.dossier(member, d.id)).presentBy).toBe('2026-02-24');
  });
});
