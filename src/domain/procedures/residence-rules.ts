import { z } from 'zod';
import { IsoDate } from '../common/schemas';
import { addWorkingDays, type HolidayCalendar } from '../calendar/working-days';

/**
 * Who is not asked for residence comments (Hướng dẫn 33-HD/BTCTW on Quy định 213-QĐ/TW). Kept as
 * data with effective dates, like the fee rules: a new guidance adds a version, never edits code.
 * `introduced_only`: the workplace introduces the member to the residence cell, but no yearly
 * comment is asked; `not_introduced`: the member is left out of the lists altogether.
 */
export const ResidenceExemptionEffect = z.enum(['introduced_only', 'not_introduced']);
export type ResidenceExemptionEffect = z.infer<typeof ResidenceExemptionEffect>;

export const ResidenceExemptionCode = z.enum([
  'armed_forces_barracks',
  'mobile_worker',
  'student_away',
  'secret_mission',
]);
export type ResidenceExemptionCode = z.infer<typeof ResidenceExemptionCode>;

export const ResidenceExemptionRule = z.object({
  code: ResidenceExemptionCode,
  labelVi: z.string().min(1),
  effect: ResidenceExemptionEffect,
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable(),
});
export type ResidenceExemptionRule = z.infer<typeof ResidenceExemptionRule>;

/** Hướng dẫn 33-HD/BTCTW (2024), the guidance now in force. */
export const RESIDENCE_EXEMPTIONS: readonly ResidenceExemptionRule[] = [
  {
    code: 'armed_forces_barracks',
    labelVi: 'Lực lượng vũ trang ở trong doanh trại',
    effect: 'introduced_only',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
  },
  {
    code: 'mobile_worker',
    labelVi: 'Làm việc lưu động, không thường xuyên ở nơi cư trú',
    effect: 'introduced_only',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
  },
  {
    code: 'student_away',
    labelVi: 'Học tập trung xa nơi cư trú',
    effect: 'introduced_only',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
  },
  {
    code: 'secret_mission',
    labelVi: 'Làm nhiệm vụ đặc biệt, không giới thiệu về nơi cư trú',
    effect: 'not_introduced',
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
  },
];

/** The rule for `code` on `on`, or null when none is in force that day. */
export function exemptionOn(
  code: ResidenceExemptionCode,
  on: string,
  rules: readonly ResidenceExemptionRule[] = RESIDENCE_EXEMPTIONS,
): ResidenceExemptionRule | null {
  return (
    rules.find(
      (r) =>
        r.code === code && r.effectiveFrom <= on && (r.effectiveTo === null || on <= r.effectiveTo),
    ) ?? null
  );
}

/**
 * The yearly campaign a ward or commune committee sets before the year-end review: lists are sent
 * from `opensOn`, forms are due back by `dueOn`.
 */
export const ResidenceCampaign = z
  .object({
    year: z.number().int().min(2020).max(2100),
    opensOn: IsoDate,
    dueOn: IsoDate,
  })
  .refine((c) => c.dueOn > c.opensOn, { message: 'dueOn is not after opensOn' });
export type ResidenceCampaign = z.infer<typeof ResidenceCampaign>;

/** Forms still open this many working days before the due date are flagged as due soon. */
export const DUE_SOON_WORKING_DAYS = 5;

export type DeadlineState = 'on_time' | 'due_soon' | 'overdue';

/** Where an open item stands against the campaign's due date (a finished one is on time). */
export function deadlineState(
  campaign: Pick<ResidenceCampaign, 'dueOn'>,
  today: string,
  finished: boolean,
  calendar: HolidayCalendar,
): DeadlineState {
  if (finished) return 'on_time';
  if (today > campaign.dueOn) return 'overdue';
  return addWorkingDays(today, DUE_SOON_WORKING_DAYS, calendar) >= campaign.dueOn
    ? 'due_soon'
    : 'on_time';
}
