/**
 * The unsigned letter is a function of its input: the server rebuilds it byte for byte to check
 * the first signature, on a machine with another clock and time zone than the desktop's.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { boxesOf } from '../../desktop/transfers/letter-layout';
import { unsignedLetter } from './letter-boxes';
import { CALENDAR_2026 } from '../../domain/calendar/test-support/calendars';
import { vietnamDay, type TransferLetterInput } from './transfer-letter';

const input = (date: Date): TransferLetterInput => ({
  variant: 'official',
  number: '15-GGT/CB',
  place: 'Hà Nội',
  date,
  member: {
    fullName: 'Nguyễn Văn Đức',
    birthDate: '1985-03-02',
    cardNo: '93.0000001',
    profileNo: null,
    joinedOn: '2010-05-19',
    officialOn: '2011-05-19',
  },
  from: { name: 'Chi bộ Tổ dân phố số 1', superiorName: 'Đảng bộ Phường Việt Hưng' },
  to: { name: 'Chi bộ Tổ dân phố số 2' },
  reason: 'Chuyển nơi cư trú',
  temporary: null,
  presentBy: null,
  calendar: CALENDAR_2026,
  route: [
    { orgId: 'c1', name: 'Chi bộ Tổ dân phố số 1' },
    { orgId: 'w', name: 'Đảng bộ Phường Việt Hưng' },
    { orgId: 'c2', name: 'Chi bộ Tổ dân phố số 2' },
  ],
});

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('the unsigned introduction letter', () => {
  it('is the same bytes for every instant of one Vietnamese day, in any time zone', async () => {
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    const morning = await unsignedLetter(input(new Date('2026-03-01T17:30:00Z'))); // 00:30 in VN
    process.env.TZ = 'UTC';
    const evening = await unsignedLetter(input(new Date('2026-03-02T16:59:00Z'))); // 23:59 in VN
    process.env.TZ = 'America/New_York';
    const elsewhere = await unsignedLetter(input(new Date('2026-03-02T09:00:00Z')));
    expect(evening.pdf.equals(morning.pdf)).toBe(true);
    expect(elsewhere.pdf.equals(morning.pdf)).toBe(true);
    expect(boxesOf(morning.pdf)).toEqual(morning.boxes);
    // Dated on that day, and its metadata too.
    const text = execFileSync('pdftotext', ['-', '-'], { input: morning.pdf }).toString();
    expect(text).toContain('ngày 02 tháng 03 năm 2026');
    const info = execFileSync('pdfinfo', ['-isodates', '-'], { input: morning.pdf }).toString();
    expect(info).toMatch(/CreationDate:\s+2026-03-02T05:00:00/);
  });

  it('differs with the day or any fact it states', async () => {
    const base = await unsignedLetter(input(new Date('2026-03-02T09:00:00Z')));
    const nextDay = await unsignedLetter(input(new Date('2026-03-02T17:00:00Z')));
    expect(nextDay.pdf.equals(base.pdf)).toBe(false);
    const renamed = input(new Date('2026-03-02T09:00:00Z'));
    renamed.member.fullName = 'Nguyễn Văn Được';
    expect((await unsignedLetter(renamed)).pdf.equals(base.pdf)).toBe(false);
  });

  it('reads the Vietnamese day of an instant', () => {
    expect(vietnamDay(new Date('2026-12-31T16:59:59Z')).iso).toBe('2026-12-31');
    expect(vietnamDay(new Date('2026-12-31T17:00:00Z')).iso).toBe('2027-01-01');
  });
});
