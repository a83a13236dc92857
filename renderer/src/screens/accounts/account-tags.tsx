import { Tag } from 'antd';
import {
  accountRequestStatusLabelVi,
  type AccountRequestStatus,
} from '../../../../src/domain/accounts/account-request';

const COLORS: Record<AccountRequestStatus, string> = {
  pending: 'gold',
  approved: 'green',
  refused: 'red',
};

export function AccountStatusTag({ status }: { status: AccountRequestStatus }) {
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="account-status">
      {accountRequestStatusLabelVi[status]}
    </Tag>
  );
}
