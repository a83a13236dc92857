import { Card, Typography } from 'antd';
import { ACCOUNT_VIEW_TITLES, useNavigation, type AccountView } from '../../navigation';
import { AccountChangeView } from './account-change-view';
import { AccountInfoView } from './account-info-view';
import { SignatureImageView } from './signature-image-view';

/** Thông tin tài khoản » <view>: the signed-in member's own account, with the guide's names. */
export function AccountScreen({ view }: { view: AccountView }) {
  const { go } = useNavigation();
  return (
    <Card className="page-card" data-testid="account-screen" data-view={view}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {ACCOUNT_VIEW_TITLES[view]}
      </Typography.Title>
      {view === 'info' && (
        <AccountInfoView onChange={() => go({ name: 'myAccount', view: 'change' })} />
      )}
      {view === 'change' && <AccountChangeView />}
      {view === 'signature' && <SignatureImageView />}
    </Card>
  );
}
