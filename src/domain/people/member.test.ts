import { describe, expect, it } from 'vitest';
import { parseWithMessages } from '../common/zod-result';
import { Member, MemberFields, memberFieldLabelVi, positionLabelVi } from './member';

const member: Member = {
  id: '6c1f4e2a-9b3d-4e5f-8a7b-1c2d3e4f5a60',
  fullName: 'Nguyễn Thị Ánh',
  birthDate: '1985-03-14',
  sex: 'female',
  citizenId: '001185012345',
  cardNo: '77012345',
  profileNo: null,
  homeOrgId: '6c1f4e2a-9b3d-4e5f-8a7b-1c2d3e4f5a61',
  residenceOrgId: null,
  phone: '0912345678',
  email: null,
  joinedOn: '2010-05-19',
  officialOn: '2011-05-19',
  positions: [{ orgId: '6c1f4e2a-9b3d-4e5f-8a7b-1c2d3e4f5a61', position: 'deputy_secretary' }],
  status: 'active',
};
const parse = (input: unknown) => parseWithMessages(Member, input, memberFieldLabelVi);

describe('Member', () => {
  it('parses a complete member', () => {
    expect(parse(member)).toEqual({ ok: true, value: member });
  });

  it('needs a card number or a profile number, either one', () => {
    expect(parse({ ...member, cardNo: null, profileNo: 'HN-123456' }).ok).toBe(true);
    expect(parse({ ...member, cardNo: null, profileNo: null })).toEqual({
      ok: false,
      code: 'member_card_or_profile_required',
      message:
        'cardNo: a member needs a party card number (cardNo) or a personnel-file number (profileNo), both are null',
      messageVi: 'Phải có Số thẻ đảng viên hoặc Số lý lịch',
    });
  });

  it('checks the citizen id against birth date and sex', () => {
    expect(parse({ ...member, sex: 'male' })).toMatchObject({
      ok: false,
      code: 'citizen_id_sex_mismatch',
      messageVi: 'Số CCCD không khớp với giới tính đã khai (chữ số thứ 4 là 1: nữ, sinh 1900–1999)',
    });
    expect(parse({ ...member, birthDate: '1986-03-14' })).toMatchObject({
      code: 'citizen_id_birth_year_mismatch',
    });
  });

  it('refuses an official date before the joining date', () => {
    expect(parse({ ...member, officialOn: '2009-01-01' })).toMatchObject({
      code: 'member_official_before_joined',
      message: 'officialOn: officialOn 2009-01-01 is before joinedOn 2010-05-19',
    });
  });

  it('refuses two positions in one org', () => {
    const orgId = member.homeOrgId;
    const positions = [
      { orgId, position: 'secretary' },
      { orgId, position: 'committee_member' },
    ];
    expect(parse({ ...member, positions })).toMatchObject({
      code: 'member_several_positions_in_org',
    });
  });

  it('refuses impossible dates and malformed fields with the field named in Vietnamese', () => {
    expect(parse({ ...member, birthDate: '1985-02-29' })).toMatchObject({
      code: 'invalid_field',
      messageVi: 'Trường "Ngày sinh" không hợp lệ hoặc bị thiếu',
    });
    expect(parse({ ...member, phone: '024 3223 2045' })).toMatchObject({ code: 'phone_landline' });
  });

  it('keeps the field schema composable for forms', () => {
    expect(MemberFields.pick({ fullName: true }).parse({ fullName: ' Lê An ' })).toEqual({
      fullName: 'Lê An',
    });
    expect(positionLabelVi.committee_member).toBe('Chi ủy viên');
  });
});
