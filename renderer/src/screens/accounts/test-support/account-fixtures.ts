import type {
  AccountRequestDetail,
  AccountRequestItem,
} from '../../../../../src/desktop/contract-accounts';

/** A request as the lists show it; `over` sets what a test is about. */
export function requestItem(
  id: string,
  over: Partial<AccountRequestItem> = {},
): AccountRequestItem {
  return {
    id,
    kind: 'registration',
    status: 'pending',
    memberName: `Đảng viên ${id}`,
    birthDate: '1980-05-12',
    citizenId: '001080012345',
    cardNo: '01234567',
    profileNo: null,
    cell: { id: 'c1', name: 'Chi bộ Tổ dân phố số 1' },
    decidingOrg: { id: 'c1', name: 'Chi bộ Tổ dân phố số 1' },
    summary: 'Đăng ký mới',
    filedOnBehalf: false,
    createdAt: '2026-11-02T08:00:00.000Z',
    decidedAt: null,
    reason: null,
    pendingActions: 0,
    needsAttention: false,
    ...over,
  };
}

export function requestDetail(
  item: AccountRequestItem,
  over: Partial<AccountRequestDetail> = {},
): AccountRequestDetail {
  return {
    item,
    fields: [],
    notOnFile: false,
    history: [{ type: 'filed', actorName: item.memberName, at: item.createdAt, reason: null }],
    canDecide: true,
    ...over,
  };
}
