import { describe, expect, it } from 'vitest';
import {
  applyInfoChanges,
  decideAccountRequest,
  decidingOrgOf,
  DeclaredMember,
  duplicateFailure,
  infoChangesOf,
  InfoChanges,
  type AccountActor,
  type AccountRequest,
  type AccountRequestPayload,
} from './account-request';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const WARD = uuid(1);
const CELL = uuid(2);
const OTHER_CELL = uuid(3);
const MEMBER = uuid(10);
const REQUESTER = uuid(20);
const SECRETARY = uuid(21);
const parentOf = (id: string) => (id === CELL || id === OTHER_CELL ? WARD : null);

const declared = {
  fullName: 'Nguyễn Văn Đức',
  birthDate: '1985-03-02',
  sex: 'male' as const,
  citizenId: '001085000001',
  cardNo: '93.0000001',
  profileNo: null,
  homeOrgId: CELL,
  residenceOrgId: null,
  phone: '0912345678',
  email: null,
  position: null,
};

const registration: AccountRequestPayload = {
  kind: 'registration',
  declared,
  userId: REQUESTER,
  username: 'dv.duc',
  memberId: MEMBER,
};

const pending = (payload: AccountRequestPayload = registration): AccountRequest =>
  ({
    id: uuid(30),
    status: 'pending',
    requesterUserId: REQUESTER,
    filedByUserId: REQUESTER,
    decidingOrgId: CELL,
    reason: null,
    createdAt: '2026-01-05T09:00:00.000Z',
    decidedAt: null,
    ...payload,
  }) as AccountRequest;

const secretary: AccountActor = {
  userId: SECRETARY,
  fullName: 'Ngô Văn Minh',
  rolesHere: ['approver'],
};
const NOW = '2026-01-06T10:00:00.000Z';

describe('decidingOrgOf', () => {
  it('is the declared cell for a registration', () => {
    expect(decidingOrgOf(registration, null, parentOf)).toBe(CELL);
  });

  it("is the member's cell for an info change, and refuses a member without one", () => {
    const info: AccountRequestPayload = {
      kind: 'info_change',
      memberId: MEMBER,
      changes: [{ field: 'phone', before: null, after: '0912345678' }],
    };
    expect(decidingOrgOf(info, CELL, parentOf)).toBe(CELL);
    expect(decidingOrgOf(info, null, parentOf)).toMatchObject({ ok: false, code: 'not_a_cell' });
  });

  it('is the cell moved to for a cell change, and refuses a move to the same cell', () => {
    const move = (toOrgId: string): AccountRequestPayload => ({
      kind: 'cell_change',
      memberId: MEMBER,
      fromOrgId: CELL,
      toOrgId,
    });
    expect(decidingOrgOf(move(OTHER_CELL), CELL, parentOf)).toBe(OTHER_CELL);
    expect(decidingOrgOf(move(CELL), CELL, parentOf)).toMatchObject({
      ok: false,
      code: 'same_cell',
      messageVi: 'Chi bộ mới trùng với chi bộ đang sinh hoạt.',
    });
  });

  it('is the superior org of the cell for a position, and refuses at the top org', () => {
    const position = (orgId: string): AccountRequestPayload => ({
      kind: 'position',
      memberId: MEMBER,
      orgId,
      position: 'deputy_secretary',
    });
    expect(decidingOrgOf(position(CELL), CELL, parentOf)).toBe(WARD);
    expect(decidingOrgOf(position(WARD), CELL, parentOf)).toMatchObject({
      ok: false,
      code: 'not_a_cell',
    });
  });
});

describe('decideAccountRequest', () => {
  it('approves a pending request: approved, decided now, no reason', () => {
    const outcome = decideAccountRequest(pending(), secretary, { type: 'approve' }, NOW);
    expect(outcome).toEqual({
      ok: true,
      request: { ...pending(), status: 'approved', decidedAt: NOW, reason: null },
    });
  });

  it('refuses with the reason the member reads at his next sign-in', () => {
    const outcome = decideAccountRequest(
      pending(),
      secretary,
      { type: 'refuse', reason: 'Không đúng chi bộ' },
      NOW,
    );
    expect(outcome).toMatchObject({
      ok: true,
      request: { status: 'refused', decidedAt: NOW, reason: 'Không đúng chi bộ' },
    });
  });

  it('refuses to decide a request decided already, naming its state', () => {
    const decided = { ...pending(), status: 'approved' as const, decidedAt: NOW };
    expect(decideAccountRequest(decided, secretary, { type: 'approve' }, NOW)).toMatchObject({
      ok: false,
      code: 'not_allowed_now',
      messageVi: 'Yêu cầu đã được xử lý (Đã duyệt).',
    });
  });

  it.each([[['member']], [['processor', 'clerk']], [[]]] as const)(
    'refuses an actor holding %j at the deciding org',
    (roles) => {
      const actor = { ...secretary, rolesHere: [...roles] };
      expect(decideAccountRequest(pending(), actor, { type: 'approve' }, NOW)).toMatchObject({
        ok: false,
        code: 'not_decider',
      });
    },
  );

  it('lets an admin decide', () => {
    const admin = { ...secretary, rolesHere: ['admin' as const] };
    expect(decideAccountRequest(pending(), admin, { type: 'approve' }, NOW).ok).toBe(true);
  });

  it('refuses a decider deciding his own request, even an approver', () => {
    const self = { ...secretary, userId: REQUESTER };
    expect(decideAccountRequest(pending(), self, { type: 'approve' }, NOW)).toMatchObject({
      ok: false,
      code: 'own_request',
    });
  });

  it('lets the staff who filed it on the member’s behalf decide it', () => {
    const onBehalf = { ...pending(), filedByUserId: SECRETARY };
    expect(decideAccountRequest(onBehalf, secretary, { type: 'approve' }, NOW).ok).toBe(true);
  });
});

describe('infoChangesOf and applyInfoChanges', () => {
  const record = {
    fullName: 'Nguyễn Văn Đức',
    birthDate: '1985-03-02',
    sex: 'male' as const,
    cardNo: '93.0000001',
    profileNo: null,
    residenceOrgId: null,
    phone: null,
    email: 'duc@example.vn',
  };

  it('keeps only the proposed fields that differ from the record, before and after', () => {
    const changes = infoChangesOf(record, {
      fullName: 'Nguyễn Văn Đức',
      phone: '0912345678',
      residenceOrgId: OTHER_CELL,
      email: null,
    });
    expect(changes).toEqual([
      { field: 'residenceOrgId', before: null, after: OTHER_CELL },
      { field: 'phone', before: null, after: '0912345678' },
      { field: 'email', before: 'duc@example.vn', after: null },
    ]);
  });

  it('finds nothing when every proposed value is the record’s', () => {
    expect(infoChangesOf(record, { cardNo: '93.0000001', profileNo: null })).toEqual([]);
  });

  it('applies the changes and leaves the other fields', () => {
    const next = applyInfoChanges({ ...record, id: MEMBER }, [
      { field: 'phone', before: null, after: '0912345678' },
      { field: 'email', before: 'duc@example.vn', after: null },
    ]);
    expect(next).toEqual({ ...record, id: MEMBER, phone: '0912345678', email: null });
  });

  it('refuses an empty set of proposed values', () => {
    expect(InfoChanges.safeParse({}).success).toBe(false);
    expect(InfoChanges.safeParse({ phone: '0912345678' }).success).toBe(true);
  });
});

describe('DeclaredMember', () => {
  const codesOf = (input: unknown) => {
    const parsed = DeclaredMember.safeParse(input);
    return parsed.success
      ? []
      : parsed.error.issues.map((i) => (i as { params?: { code?: string } }).params?.code);
  };

  it('accepts a declaration with the card number or the profile number', () => {
    expect(codesOf(declared)).toEqual([]);
    expect(codesOf({ ...declared, cardNo: null, profileNo: 'LL-123' })).toEqual([]);
  });

  it('needs the card number or the profile number', () => {
    expect(codesOf({ ...declared, cardNo: null })).toEqual(['card_or_profile_required']);
  });

  it('refuses a citizen id that does not match the birth year or the sex', () => {
    expect(codesOf({ ...declared, birthDate: '1986-03-02' })).toEqual([
      'citizen_id_birth_year_mismatch',
    ]);
    expect(codesOf({ ...declared, sex: 'female' })).toEqual(['citizen_id_sex_mismatch']);
  });

  it('refuses a declared position other than secretary or deputy', () => {
    expect(DeclaredMember.safeParse({ ...declared, position: 'committee_member' }).success).toBe(
      false,
    );
    expect(codesOf({ ...declared, position: 'deputy_secretary' })).toEqual([]);
  });
});

describe('duplicateFailure', () => {
  it('names the number, the holder and his cell (TH1 of the guide)', () => {
    const failure = duplicateFailure({
      field: 'cardNo',
      fullName: 'Trần Thị Hoa',
      orgName: 'Chi bộ Tổ dân phố số 1',
    });
    expect(failure.code).toBe('duplicate_account');
    expect(failure.messageVi).toMatch(
      /^Số thẻ đảng viên đã được dùng cho tài khoản của đồng chí Trần Thị Hoa \(Chi bộ Tổ dân phố số 1\)\. /,
    );
  });

  it('leaves the cell out when the holder has none', () => {
    const failure = duplicateFailure({
      field: 'citizenId',
      fullName: 'Trần Thị Hoa',
      orgName: null,
    });
    expect(failure.messageVi).toMatch(
      /^Số CCCD đã được dùng cho tài khoản của đồng chí Trần Thị Hoa\. /,
    );
  });
});
