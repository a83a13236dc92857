/**
 * The holiday calendar on the desktop (docs/decisions/0032), on a real cache logged in offline:
 * the years the cache holds, who may edit, saving needs the server, and the deadlines the desktop
 * counts follow the pulled calendar.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentByFrom } from '../../domain/procedures/transfer-deadlines';
import { createCacheWriter } from '../../sync/repositories/cache-writer';
import { failure, value } from '../test-support/call-results';
import {
  openAs,
  transferWorld,
  type OpenedService,
  type TransferWorld,
} from '../transfers/test-support/transfer-world';
import { transferModel } from '../transfers/transfer-model';

const dir = mkdtempSync(join(tmpdir(), 'desktop-holidays-'));
let world: TransferWorld;
const opened: OpenedService[] = [];

beforeAll(() => {
  world = transferWorld();
});
afterAll(async () => {
  for (const o of opened) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The ward approver, or the same account as admin of the ward (the top org of this cache). */
async function open(asTopAdmin: boolean) {
  const who = world.staff.wardApprover;
  const o = await openAs(
    dir,
    world,
    asTopAdmin ? { ...who, grants: [{ role: 'admin', orgId: world.ward.root.id }] } : who,
  );
  opened.push(o);
  return o;
}

/** This year and the next, less 2026 (the year the world's cache holds). */
const missingNow = () => {
  const year = new Date().getUTCFullYear();
  return [year, year + 1].filter((y) => y !== 2026);
};

describe('the holiday calendar on the desktop', () => {
  it('reads the cached years; only the top org’s admin may edit', async () => {
    const staff = await open(false);
    const state = value('holidayCalendar', await staff.api.holidayCalendar({}));
    expect(state.years.map((y) => y.year)).toEqual([2026]);
    expect(state.years[0]!.holidays[0]).toEqual({ date: '2026-01-01', name: 'Tết Dương lịch' });
    // Shipped with the server, set by nobody.
    expect(state.years[0]!.updatedAt).toBeNull();
    expect(state.canEdit).toBe(false);
    expect(state.missingYears).toEqual(missingNow());

    const admin = await open(true);
    expect(value('holidayCalendar', await admin.api.holidayCalendar({})).canEdit).toBe(true);
  });

  it('refuses to save offline, in Vietnamese, and checks the year before anything', async () => {
    const admin = await open(true);
    const offline = failure(
      await admin.api.saveHolidayYear({
        year: 2027,
        holidays: [{ date: '2027-01-01', name: 'Tết Dương lịch' }],
        makeUpDays: [],
      }),
    );
    expect(offline).toMatchObject({
      code: 'offline',
      messageVi: 'Cần kết nối mạng để lưu lịch ngày nghỉ. Vui lòng thử lại khi có kết nối.',
    });
    const weekend = failure(
      await admin.api.saveHolidayYear({
        year: 2027,
        holidays: [{ date: '2027-01-02', name: 'Nghỉ' }],
        makeUpDays: [],
      }),
    );
    expect(weekend).toMatchObject({
      code: 'invalid_input',
      messageVi:
        'Ngày 02/01/2027 là thứ Bảy hoặc Chủ nhật: ngày nghỉ chỉ khai cho ngày làm việc trong tuần.',
    });
  });

  it('counts the desktop’s deadlines with the year a pull brought', async () => {
    const o = await open(false);
    const before = transferModel(o.cache.handle, o.user).calendar;
    // Handed over on Mon 7 Dec 2026: 30 working days, 2027 not set, end on Mon 18 Jan 2027.
    expect(presentByFrom('2026-12-07', before)).toBe('2027-01-18');
    createCacheWriter(o.cache.handle).applyPage(
      [
        {
          op: 'upsert',
          entity: 'holidayYear',
          id: '2027',
          rev: 9000,
          data: {
            year: 2027,
            holidays: [{ date: '2027-01-01', name: 'Tết Dương lịch' }],
            makeUpDays: [],
            updatedAt: '2026-12-07T10:00:00.000Z',
            updatedBy: world.staff.wardApprover.user.id,
          },
        },
      ],
      'c2',
    );
    const after = transferModel(o.cache.handle, o.user).calendar;
    expect(after.years).toEqual([2026, 2027]);
    expect(presentByFrom('2026-12-07', after)).toBe('2027-01-19');
    const state = value('holidayCalendar', await o.api.holidayCalendar({}));
    expect(state.years.map((y) => [y.year, y.updatedAt])).toEqual([
      [2026, null],
      [2027, '2026-12-07T10:00:00.000Z'],
    ]);
  });
});
