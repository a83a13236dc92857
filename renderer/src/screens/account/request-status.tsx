import { Tag } from 'antd';
import { accountRequestStatusLabelVi } from '../../../../src/domain/accounts/account-request';
import type { AccountRequestItem } from '../../../../src/desktop/contract-accounts';

const COLORS = { pending: 'gold', approved: 'green', refused: 'red' } as const;

/** Where a request stands for the member: still on this machine, waiting, decided. */
export function requestStatusOf(item: AccountRequestItem): { label: string; color: string } {
  if (item.needsAttention) return { label: 'Máy chủ không chấp nhận', color: 'red' };
  if (item.status === 'pending' && item.pendingActions > 0)
    return { label: 'Chờ gửi', color: 'default' };
  return { label: accountRequestStatusLabelVi[item.status], color: COLORS[item.status] };
}

export function RequestStatusTag({ item }: { item: AccountRequestItem }) {
  const { label, color } = requestStatusOf(item);
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}
