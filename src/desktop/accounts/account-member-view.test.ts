import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../api/auth';
import type { AccountMemberCache, MemberRecordRow, OrgRef } from './account-member-cache';
import { myAccountView } from './account-member-view';

const CELL = { id: 'org-cell-1', name: 'Chi bộ Tổ dân phố số 1', parentId: 'org-ward' };
/** Another cell of the ward: not in a member's cache, which holds only his line of orgs. */
const RESIDENCE = 'org-cell-2';

const record: MemberRecordRow = {
  id: 'member-1',
  full_name: 'Nguyễn Thị Đào',
  name_folded: 'nguyen thi dao',
  sort_key: 'dao nguyen thi',
  birth_date: '1964-08-21',
  sex: 'female',
  citizen_id: '001164134267',
  card_no: '47481320',
  profile_no: null,
  home_org_id: CELL.id,
  residence_org_id: RESIDENCE,
  phone: '0987000222',
  email: null,
  joined_on: null,
  official_on: null,
  positions: [],
  status: 'active',
  rev: 1,
};

const orgs = new Map<string, OrgRef>([[CELL.id, CELL]]);
const cache = {
  user: () => ({
    id: 'user-1',
    username: 'dangky.moi',
    full_name: record.full_name,
    status: 'active',
    member_id: record.id,
  }),
  member: (id: string) => (id === record.id ? record : undefined),
  org: (id: string) => orgs.get(id),
  requestsOf: () => [],
} satisfies AccountMemberCache;

const user: SessionUser = {
  id: 'user-1',
  username: 'dangky.moi',
  fullName: record.full_name,
  orgId: CELL.id,
  roles: [],
};

describe('myAccountView', () => {
  it('names a residence cell outside his cache by the name his requests carry', () => {
    const view = myAccountView(cache, user, [], { [RESIDENCE]: 'Chi bộ Tổ dân phố số 2' });
    expect(view.member?.homeOrg).toEqual({ id: CELL.id, name: CELL.name });
    expect(view.member?.residenceOrg).toEqual({ id: RESIDENCE, name: 'Chi bộ Tổ dân phố số 2' });
  });
});
