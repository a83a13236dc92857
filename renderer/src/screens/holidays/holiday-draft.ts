import {
  HolidayYear,
  sortedYear,
  type CalendarDay,
} from '../../../../src/domain/calendar/holiday-year';
import type { HolidayYearView } from '../../../../src/desktop/contract-holidays';

/** The two lists of a year: days off, and weekend days worked instead ("ngày làm bù"). */
export type DayKind = 'holidays' | 'makeUpDays';
export const DAY_KIND_LABEL_VI: Record<DayKind, string> = {
  holidays: 'Ngày nghỉ lễ, Tết',
  makeUpDays: 'Ngày làm bù',
};

const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
/** "Thứ Sáu" for 2027-01-01. */
export const weekdayVi = (date: string): string =>
  WEEKDAYS_VI[new Date(`${date}T00:00:00Z`).getUTCDay()]!;

/** A year as the screen edits it: set on the server or not yet. */
export const draftOf = (year: number, stored: HolidayYearView | undefined): HolidayYear =>
  stored
    ? { year, holidays: stored.holidays, makeUpDays: stored.makeUpDays }
    : { year, holidays: [], makeUpDays: [] };

export const sameDays = (a: HolidayYear, b: HolidayYear): boolean =>
  JSON.stringify(sortedYear(a)) === JSON.stringify(sortedYear(b));

/**
 * The year with one more day, or the Vietnamese reason it is refused: the year's own rules
 * (within the year, once, a holiday on a weekday, a make-up day on a weekend).
 */
export function withDay(
  draft: HolidayYear,
  kind: DayKind,
  day: CalendarDay,
): { ok: true; draft: HolidayYear } | { ok: false; messageVi: string } {
  const next = { ...draft, [kind]: [...draft[kind], day] };
  const checked = HolidayYear.safeParse(next);
  if (checked.success) return { ok: true, draft: sortedYear(checked.data) };
  const index = draft[kind].length;
  const issue =
    checked.error.issues.find((i) => i.path[0] === kind && i.path[1] === index) ??
    checked.error.issues[0]!;
  return { ok: false, messageVi: issue.message };
}

export const withoutDay = (draft: HolidayYear, kind: DayKind, date: string): HolidayYear => ({
  ...draft,
  [kind]: draft[kind].filter((d) => d.date !== date),
});

/** The years the picker offers: those set, this year and the next two. */
export function yearChoices(setYears: readonly number[], thisYear: number): number[] {
  const years = new Set([...setYears, thisYear, thisYear + 1, thisYear + 2]);
  return [...years].sort((a, b) => a - b);
}
