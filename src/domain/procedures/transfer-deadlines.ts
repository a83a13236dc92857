import { fail, ok, type Result } from '../common/result';
import {
  addMonths,
  addWorkingDays,
  workingDaysBetween,
  type HolidayCalendar,
} from '../calendar/working-days';
import { FINAL_STATUSES, type TemporaryStay, type TransferDossier } from './transfer-dossier';

/** Quy định 294-QĐ/TW: the member presents the introduction within 30 working days. */
export const PRESENT_WITHIN_WORKING_DAYS = 30;
/** An official transfer is started within 60 working days of the move. */
export const START_WITHIN_WORKING_DAYS = 60;

export type StayCode = 'stay_too_short' | 'stay_too_long' | 'stay_ends_before_start';

/** A temporary stay lasts 3 months to under 1 year; full-time study up to 2 years. */
export function validateTemporaryStay(stay: TemporaryStay): Result<TemporaryStay, StayCode> {
  if (stay.endOn <= stay.startOn)
    return fail(
      'stay_ends_before_start',
      'the stay ends before it starts',
      'Ngày kết thúc sinh hoạt tạm thời phải sau ngày bắt đầu.',
    );
  if (stay.endOn < addMonths(stay.startOn, 3))
    return fail(
      'stay_too_short',
      'a temporary transfer covers at least 3 months',
      'Chuyển sinh hoạt tạm thời áp dụng cho thời gian từ 3 tháng trở lên.',
    );
  const tooLong = stay.fullTimeStudy
    ? stay.endOn > addMonths(stay.startOn, 24)
    : stay.endOn >= addMonths(stay.startOn, 12);
  if (tooLong)
    return fail(
      'stay_too_long',
      stay.fullTimeStudy
        ? 'full-time study allows at most 2 years'
        : 'a temporary transfer lasts under 1 year',
      stay.fullTimeStudy
        ? 'Đi học tập trung được sinh hoạt tạm thời tối đa 2 năm.'
        : 'Chuyển sinh hoạt tạm thời áp dụng cho thời gian dưới 1 năm.',
    );
  return ok(stay);
}

/** Whether an official transfer is started in time (60 working days after the move). */
export function startedInTime(movedOn: string, today: string, calendar: HolidayCalendar): boolean {
  return workingDaysBetween(movedOn, today, calendar) <= START_WITHIN_WORKING_DAYS;
}

export function presentByFrom(handedOverOn: string, calendar: HolidayCalendar) {
  return addWorkingDays(handedOverOn, PRESENT_WITHIN_WORKING_DAYS, calendar);
}

/** Still open past the date the member had to present the introduction. */
export function isOverdue(
  dossier: Pick<TransferDossier, 'status' | 'presentBy'>,
  today: string,
): boolean {
  return (
    !FINAL_STATUSES.includes(dossier.status) &&
    dossier.presentBy !== null &&
    today > dossier.presentBy
  );
}
