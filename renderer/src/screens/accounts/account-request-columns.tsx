import { Space, type TableColumnsType } from 'antd';
import type { AccountRequestItem } from '../../../../src/desktop/contract-accounts';
import { accountRequestKindLabelVi } from '../../../../src/domain/accounts/account-request';
import { formatDate } from '../../format';
import { indexColumn, nowrapColumn, openColumn } from '../../ui/list-table';
import { orgNameColumn } from '../../ui/org-name';
import { StackedCell } from '../../ui/stacked-cell';
import { PendingFlags } from '../residence/residence-tags';
import { AccountStatusTag } from './account-tags';

/**
 * An approval list: the member (birth date under the name), his numbers, his cell, what he asks,
 * when; status and action stay in view on the right. `showKind` names the kind above the summary
 * in lists of more than one kind.
 */
export function accountRequestColumns(
  onOpen: (item: AccountRequestItem) => void,
  showKind: boolean,
): TableColumnsType<AccountRequestItem> {
  return [
    indexColumn(),
    {
      title: 'Họ và tên',
      key: 'name',
      width: 176,
      render: (_v, r) => (
        <StackedCell
          main={r.memberName}
          secondary={r.birthDate ? `Sinh ngày ${formatDate(r.birthDate)}` : undefined}
          title={r.memberName}
        />
      ),
    },
    {
      title: 'Số CCCD / Số thẻ',
      key: 'numbers',
      width: 140,
      render: (_v, r) => (
        <StackedCell main={r.citizenId ?? '—'} secondary={r.cardNo ?? r.profileNo ?? undefined} />
      ),
    },
    orgNameColumn('Chi bộ', 'cell', 150, (r) => r.cell?.name ?? '—'),
    {
      title: 'Nội dung',
      key: 'summary',
      width: 150,
      ellipsis: true,
      render: (_v, r) =>
        showKind ? (
          <StackedCell main={accountRequestKindLabelVi[r.kind]} secondary={r.summary} />
        ) : (
          r.summary
        ),
    },
    nowrapColumn<AccountRequestItem>({
      title: 'Ngày gửi',
      key: 'createdAt',
      width: 96,
      render: (_v, r) => formatDate(r.createdAt),
    }),
    {
      title: 'Trạng thái',
      key: 'status',
      width: 120,
      fixed: 'right',
      render: (_v, r) => (
        <Space size={4} wrap>
          <AccountStatusTag status={r.status} />
          <PendingFlags pendingActions={r.pendingActions} needsAttention={r.needsAttention} />
        </Space>
      ),
    },
    openColumn(onOpen, 'Xem chi tiết', 96),
  ];
}
