import { calendarOf, type HolidayYear } from '../holiday-year';

/**
 * 2026 as announced (and as server migration 0012 seeds it): New Year; Tết Bính Ngọ (Mon 16 –
 * Fri 20 Feb, the break runs 14–22 Feb); Hùng Kings (10/3 lunar falls on Sun 26 Apr, off on
 * Mon 27); 30/4 and 1/5; National Day (1–2 Sep). No make-up day.
 */
export const YEAR_2026: HolidayYear = {
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

/** The calendar most tests count with: 2026 only, as seeded. */
export const CALENDAR_2026 = calendarOf([YEAR_2026]);
