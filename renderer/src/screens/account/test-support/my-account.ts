import type {
  AccountRequestItem,
  MyAccountView,
} from '../../../../../src/desktop/contract-accounts';

/** Test support: a member's account page as myAccount answers it. */
export const CELL_1 = {
  id: '00000000-0000-4000-8000-000000000011',
  name: 'Chi bộ Tổ dân phố số 1',
};
export const CELL_5 = {
  id: '00000000-0000-4000-8000-000000000015',
  name: 'Chi bộ Tổ dân phố số 5',
};
export const WARD = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Đảng bộ Phường Việt Hưng',
};

export function requestItem(over: Partial<AccountRequestItem>): AccountRequestItem {
  return {
    id: '00000000-0000-4000-8000-000000000901',
    kind: 'info_change',
    status: 'pending',
    memberName: 'Nguyễn Văn An',
    birthDate: '1985-04-12',
    citizenId: '001085012345',
    cardNo: '12345678',
    profileNo: null,
    cell: CELL_1,
    decidingOrg: CELL_1,
    summary: 'Số điện thoại',
    filedOnBehalf: false,
    createdAt: '2026-11-01T08:00:00.000Z',
    decidedAt: null,
    reason: null,
    pendingActions: 0,
    needsAttention: false,
    ...over,
  };
}

export function myAccount(requests: AccountRequestItem[] = []): MyAccountView {
  return {
    username: 'dangvien.an',
    fullName: 'Nguyễn Văn An',
    status: 'active',
    member: {
      id: '00000000-0000-4000-8000-000000000501',
      fullName: 'Nguyễn Văn An',
      birthDate: '1985-04-12',
      sex: 'male',
      citizenId: '001085012345',
      cardNo: '12345678',
      profileNo: null,
      homeOrg: CELL_1,
      residenceOrg: CELL_1,
      phone: '0912000111',
      email: null,
      positions: [],
    },
    requests,
  };
}
