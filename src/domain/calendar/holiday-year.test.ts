import { describe, expect, it } from 'vitest';
import { calendarOf, HolidayYear, sortedYear } from './holiday-year';
import { YEAR_2026 } from './test-support/calendars';

const messagesOf = (input: unknown) => {
  const parsed = HolidayYear.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a year of the holiday calendar', () => {
  it('accepts 2026 as announced', () => {
    expect(messagesOf(YEAR_2026)).toEqual([]);
  });

  it('refuses a holiday on a weekend, in Vietnamese', () => {
    expect(
      messagesOf({ year: 2026, holidays: [{ date: '2026-02-14', name: 'Tết' }], makeUpDays: [] }),
    ).toEqual([
      'holidays.0.date: Ngày 14/02/2026 là thứ Bảy hoặc Chủ nhật: ngày nghỉ chỉ khai cho ngày làm việc trong tuần.',
    ]);
  });

  it('refuses a make-up day on a weekday', () => {
    expect(
      messagesOf({ year: 2026, holidays: [], makeUpDays: [{ date: '2026-02-10', name: 'Bù' }] }),
    ).toEqual(['makeUpDays.0.date: Ngày làm bù 10/02/2026 phải là thứ Bảy hoặc Chủ nhật.']);
  });

  it('refuses a day of another year and a day given twice', () => {
    expect(
      messagesOf({
        year: 2027,
        holidays: [
          { date: '2026-12-31', name: 'Cuối năm' },
          { date: '2027-01-01', name: 'Tết Dương lịch' },
          { date: '2027-01-01', name: 'Năm mới' },
        ],
        makeUpDays: [],
      }),
    ).toEqual([
      'holidays.0.date: Ngày 31/12/2026 không thuộc năm 2027.',
      'holidays.2.date: Ngày 01/01/2027 được khai hai lần.',
    ]);
  });

  it('refuses a blank name', () => {
    expect(
      messagesOf({ year: 2026, holidays: [{ date: '2026-01-01', name: '  ' }], makeUpDays: [] }),
    ).toHaveLength(1);
  });

  it('merges years into one calendar and lists days in date order', () => {
    const y2027 = {
      year: 2027,
      holidays: [
        { date: '2027-05-03', name: 'Quốc tế Lao động (nghỉ bù)' },
        { date: '2027-01-01', name: 'Tết Dương lịch' },
      ],
      makeUpDays: [],
    };
    const calendar = calendarOf([y2027, YEAR_2026]);
    expect(calendar.years).toEqual([2026, 2027]);
    expect(calendar.holidays.slice(-2)).toEqual(['2027-01-01', '2027-05-03']);
    expect(sortedYear(y2027).holidays.map((d) => d.date)).toEqual(['2027-01-01', '2027-05-03']);
  });
});
