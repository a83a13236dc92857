import { Card, Typography } from 'antd';
import { ACCOUNTS_VIEW_TITLES, type AccountsView } from '../../navigation';
import { AccountRequestsView } from './account-requests-view';

/** Tài khoản đảng viên » <view>: the approval lists, with the user guide's names. */
export function AccountsScreen({ view }: { view: AccountsView }) {
  return (
    <Card className="page-card" data-testid="accounts-screen" data-view={view}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {ACCOUNTS_VIEW_TITLES[view]}
      </Typography.Title>
      <AccountRequestsView view={view} />
    </Card>
  );
}
