import { z } from 'zod';
import { fail } from '../common/result';
import { Id, IsoDate, NonBlankText } from '../common/schemas';
import { addFailure } from '../common/zod-result';
import { CitizenId, validateCitizenId } from '../validation/citizen-id';
import { Email } from '../validation/email';
import { VietnameseMobile } from '../validation/mobile-phone';
import { Sex } from './sex';

/** Positions in a cell or committee; secretary and deputy need the superior org's approval. */
export const Position = z.enum(['secretary', 'deputy_secretary', 'committee_member']);
export type Position = z.infer<typeof Position>;
export const positionLabelVi = {
  secretary: 'Bí thư',
  deputy_secretary: 'Phó bí thư',
  committee_member: 'Chi ủy viên',
} as const satisfies Record<Position, string>;

export const MemberPosition = z.object({ orgId: Id, position: Position });
export type MemberPosition = z.infer<typeof MemberPosition>;

export const MemberStatus = z.enum(['active', 'transferred_out', 'deceased', 'removed']);
export type MemberStatus = z.infer<typeof MemberStatus>;
export const memberStatusLabelVi = {
  active: 'Đang sinh hoạt',
  transferred_out: 'Đã chuyển sinh hoạt đi',
  deceased: 'Đã từ trần',
  removed: 'Đã ra khỏi Đảng',
} as const satisfies Record<MemberStatus, string>;

/** The member's fields with their own checks; pick, omit and extend this one. */
export const MemberFields = z.object({
  id: Id,
  fullName: NonBlankText(200),
  birthDate: IsoDate,
  sex: Sex,
  citizenId: CitizenId,
  /** Số thẻ đảng viên */
  cardNo: NonBlankText(30).nullable(),
  /** Số lý lịch */
  profileNo: NonBlankText(30).nullable(),
  /** Chi bộ sinh hoạt: where the member is officially registered. */
  homeOrgId: Id,
  /** Chi bộ nơi cư trú: the cell where the member lives. */
  residenceOrgId: Id.nullable(),
  phone: VietnameseMobile.nullable(),
  email: Email.nullable(),
  /** Ngày vào Đảng */
  joinedOn: IsoDate.nullable(),
  /** Ngày chính thức */
  officialOn: IsoDate.nullable(),
  positions: z.array(MemberPosition),
  status: MemberStatus,
});

export const memberFieldLabelVi = {
  id: 'Mã định danh',
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  sex: 'Giới tính',
  citizenId: 'Số CCCD',
  cardNo: 'Số thẻ đảng viên',
  profileNo: 'Số lý lịch',
  homeOrgId: 'Chi bộ sinh hoạt',
  residenceOrgId: 'Chi bộ nơi cư trú',
  phone: 'Số điện thoại',
  email: 'Email',
  joinedOn: 'Ngày vào Đảng',
  officialOn: 'Ngày chính thức',
  positions: 'Chức vụ',
  status: 'Trạng thái',
} as const satisfies Record<keyof z.infer<typeof MemberFields>, string>;

/** Codes the citizen id check reports against the declared birth date and sex. */
const CITIZEN_ID_MISMATCHES = new Set([
  'citizen_id_sex_mismatch',
  'citizen_id_century_mismatch',
  'citizen_id_birth_year_mismatch',
]);

/** A party member, with the rules across fields. */
export const Member = MemberFields.superRefine((member, ctx) => {
  // Registration finds the member's record by one of the two numbers.
  if (member.cardNo === null && member.profileNo === null) {
    addFailure(
      ctx,
      fail(
        'member_card_or_profile_required',
        'a member needs a party card number (cardNo) or a personnel-file number (profileNo), both are null',
        'Phải có Số thẻ đảng viên hoặc Số lý lịch',
      ),
      ['cardNo'],
    );
  }
  const birthYear = Number(member.birthDate.slice(0, 4));
  const citizenId = validateCitizenId(member.citizenId, { birthYear, sex: member.sex });
  if (!citizenId.ok && CITIZEN_ID_MISMATCHES.has(citizenId.code)) {
    addFailure(ctx, citizenId, ['citizenId']);
  }
  if (
    member.joinedOn !== null &&
    member.officialOn !== null &&
    member.officialOn < member.joinedOn
  ) {
    addFailure(
      ctx,
      fail(
        'member_official_before_joined',
        `officialOn ${member.officialOn} is before joinedOn ${member.joinedOn}`,
        'Ngày chính thức không thể trước ngày vào Đảng',
      ),
      ['officialOn'],
    );
  }
  const orgIds = member.positions.map((p) => p.orgId);
  const repeated = orgIds.find((orgId, i) => orgIds.indexOf(orgId) !== i);
  if (repeated !== undefined) {
    addFailure(
      ctx,
      fail(
        'member_several_positions_in_org',
        `a member holds at most one position per org, but has several in org ${repeated}`,
        'Mỗi đảng viên chỉ giữ một chức vụ trong một tổ chức đảng',
      ),
      ['positions'],
    );
  }
});
export type Member = z.infer<typeof Member>;
