import type { HolidayYear } from '../../src/domain/calendar/holiday-year';

/** 2026 as announced, the same as server migration 0012 seeds. */
const YEAR_2026: HolidayYear = {
  year: 2026,
  holidays: [
    { date: '2026-01-01', name: 'Tết Dương lịch' },
    { date: '2026-02-16', name: 'Tết Nguyên đán' },
    { date: '2026-02-17', name: 'Tết Nguyên đán' },
    { date: '2026-02-18', name: 'Tết Nguyên đán' },
    { date: '2026-02-19', name: 'Tết Nguyên đán' },
    { date: '2026-02-20', name: 'Tết Nguyên đán' },
    { date: '2026-04-27', name: 'Giỗ Tổ Hùng Vương (nghỉ bù)' },
    { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam' },
    { date: '2026-05-01', name: 'Quốc tế Lao động' },
    { date: '2026-09-01', name: 'Quốc khánh' },
    { date: '2026-09-02', name: 'Quốc khánh' },
  ],
  makeUpDays: [],
};

/**
 * 2027 as the demo assumes it (not announced yet; docs/decisions/0032): New Year (Fri 1 Jan);
 * Tết Đinh Mùi (mùng 1 is Sat 6 Feb): the eve Fri 5, Mon 8 – Thu 11 Feb (two of them make up for
 * mùng 1–2 on the weekend), and Fri 12 Feb swapped with Sat 20 Feb worked; Hùng Kings (10/3 lunar
 * = Fri 16 Apr); 30/4 (Fri) and 1/5 (Sat, off on Mon 3 May); National Day Thu 2 and Fri 3 Sep.
 */
const YEAR_2027: HolidayYear = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: 'Tết Dương lịch' },
    { date: '2027-02-05', name: 'Tết Nguyên đán' },
    { date: '2027-02-08', name: 'Tết Nguyên đán' },
    { date: '2027-02-09', name: 'Tết Nguyên đán' },
    { date: '2027-02-10', name: 'Tết Nguyên đán (nghỉ bù)' },
    { date: '2027-02-11', name: 'Tết Nguyên đán (nghỉ bù)' },
    { date: '2027-02-12', name: 'Tết Nguyên đán (nghỉ hoán đổi)' },
    { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
    { date: '2027-04-30', name: 'Ngày Giải phóng miền Nam' },
    { date: '2027-05-03', name: 'Quốc tế Lao động (nghỉ bù)' },
    { date: '2027-09-02', name: 'Quốc khánh' },
    { date: '2027-09-03', name: 'Quốc khánh' },
  ],
  makeUpDays: [{ date: '2027-02-20', name: 'Làm bù cho ngày 12/02/2027' }],
};

/** The calendar of the demo server: 2026 and 2027. */
export const DEMO_HOLIDAY_YEARS: readonly HolidayYear[] = [YEAR_2026, YEAR_2027];
