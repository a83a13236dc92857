import {
  ApartmentOutlined,
  CloudUploadOutlined,
  FileSyncOutlined,
  LogoutOutlined,
  SolutionOutlined,
  TeamOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { Alert, Button, Dropdown, Layout, Menu, Spin, type MenuProps } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { dossierSideLabelVi, type SessionUser } from '../../../../src/desktop/contract';
import {
  TransferVariant,
  transferVariantLabelVi,
} from '../../../../src/domain/procedures/transfer-route';
import { useBridge } from '../../desktop-context';
import { FEE_VIEW_TITLES, NavigationContext, type FeeView, type Screen } from '../../navigation';
import { OrgsScreen } from '../orgs/orgs-screen';
import { FirstSyncView } from './first-sync-view';
import { PartyEmblem } from './party-emblem';
import { SyncIndicator } from './sync-indicator';
import { useSyncStatus } from './use-sync-status';

// The org list is the first screen; the others load when first opened, so the app paints sooner.
const MembersScreen = lazy(() =>
  import('../members/members-screen').then((m) => ({ default: m.MembersScreen })),
);
const UsersScreen = lazy(() =>
  import('../users/users-screen').then((m) => ({ default: m.UsersScreen })),
);

const TransfersScreen = lazy(() =>
  import('../transfers/transfers-screen').then((m) => ({ default: m.TransfersScreen })),
);
const OutboxScreen = lazy(() =>
  import('../outbox/outbox-screen').then((m) => ({ default: m.OutboxScreen })),
);
const FeesScreen = lazy(() =>
  import('../fees/fees-screen').then((m) => ({ default: m.FeesScreen })),
);

const TITLES = {
  orgs: ['Quản trị danh mục', 'Quản lý tổ chức Đảng'],
  members: ['Đảng viên', 'Tra cứu đảng viên'],
  users: ['Quản trị hệ thống', 'Quản lý người dùng'],
  transfers: ['Xử lý hồ sơ', 'Hồ sơ chờ gửi'],
  fees: ['Thủ tục thu nộp đảng phí', ''],
} as const;

/** Menu keys are the screen's name and its parameters joined by ':'. */
const keyOf = (screen: Screen): string => {
  switch (screen.name) {
    case 'transfers':
      return `transfers:${screen.variant}:${screen.side}`;
    case 'fees':
      return `fees:${screen.view}`;
    case 'orgs':
    case 'members':
    case 'users':
    case 'outbox':
      return screen.name;
  }
};

function screenOf(key: string): Screen {
  const [name, a, b] = key.split(':');
  if (name === 'transfers') {
    const variant = TransferVariant.safeParse(a);
    if (variant.success && (b === 'outgoing' || b === 'incoming'))
      return { name: 'transfers', variant: variant.data, side: b };
  }
  if (name === 'fees' && a && a in FEE_VIEW_TITLES) return { name: 'fees', view: a as FeeView };
  if (name === 'members' || name === 'users' || name === 'outbox') return { name };
  return { name: 'orgs' };
}

/** The frame around every screen: menu, sync indicator, user and the offline notice. */
export function AppLayout({
  user,
  offline,
  onSessionChange,
}: {
  user: SessionUser;
  offline: boolean;
  onSessionChange: () => void;
}) {
  const bridge = useBridge();
  const sync = useSyncStatus();
  const [screen, setScreen] = useState<Screen>({ name: 'orgs' });
  const isAdmin = user.roles.some((r) => r.role === 'admin');
  const navigation = useMemo(() => ({ screen, go: setScreen }), [screen]);

  const menu: MenuProps['items'] = [
    {
      type: 'group',
      label: TITLES.orgs[0],
      children: [{ key: 'orgs', icon: <ApartmentOutlined />, label: TITLES.orgs[1] }],
    },
    {
      type: 'group',
      label: TITLES.members[0],
      children: [{ key: 'members', icon: <TeamOutlined />, label: TITLES.members[1] }],
    },
    {
      type: 'group',
      label: TITLES.transfers[0],
      children: [
        ...TransferVariant.options.map((variant) => ({
          key: `transfers:${variant}`,
          icon: <FileSyncOutlined />,
          label: transferVariantLabelVi[variant],
          children: (['outgoing', 'incoming'] as const).map((side) => ({
            key: `transfers:${variant}:${side}`,
            label: dossierSideLabelVi[side],
          })),
        })),
        { key: 'outbox', icon: <CloudUploadOutlined />, label: TITLES.transfers[1] },
      ],
    },
    {
      type: 'group',
      label: TITLES.fees[0],
      children: (Object.keys(FEE_VIEW_TITLES) as FeeView[]).map((view) => ({
        key: `fees:${view}`,
        icon: <WalletOutlined />,
        label: FEE_VIEW_TITLES[view],
      })),
    },
    ...(isAdmin
      ? [
          {
            type: 'group' as const,
            label: TITLES.users[0],
            children: [{ key: 'users', icon: <SolutionOutlined />, label: TITLES.users[1] }],
          },
        ]
      : []),
  ];

  async function logout() {
    await bridge.call('logout', {});
    onSessionChange();
  }

  const serverBack = offline && sync.status?.online === true;
  // Never synced and syncing: the screens would show empty lists as if the unit had no data.
  const firstSync = sync.syncing && sync.status !== undefined && sync.status.lastSyncAt === null;
  return (
    <NavigationContext.Provider value={navigation}>
      <Layout className="app-frame">
        <Layout.Header className="app-header">
          <PartyEmblem size={32} />
          <div className="app-title">Hệ thống thông tin giải quyết thủ tục hành chính của Đảng</div>
          <SyncIndicator sync={sync} readOnly={offline} />
          <Dropdown
            menu={{
              items: [{ key: 'logout', icon: <LogoutOutlined />, label: 'Đăng xuất' }],
              onClick: () => void logout(),
            }}
          >
            <Button type="text" style={{ color: '#fff' }} data-testid="current-user">
              {user.fullName}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout className="app-body">
          <Layout.Sider className="app-sider" width={260} breakpoint="lg" collapsedWidth={0}>
            <Menu
              className="app-menu"
              mode="inline"
              selectedKeys={[keyOf(screen)]}
              items={menu}
              onClick={({ key }) => setScreen(screenOf(key))}
              style={{ height: '100%', borderInlineEnd: 0 }}
            />
          </Layout.Sider>
          <Layout.Content className="page">
            {offline && (
              <Alert
                data-testid="offline-banner"
                type={serverBack ? 'success' : 'warning'}
                showIcon
                style={{ marginBottom: 12 }}
                title={
                  serverBack
                    ? 'Máy chủ đã hoạt động trở lại. Đăng nhập lại để đồng bộ dữ liệu.'
                    : 'Đang làm việc ngoại tuyến: không kết nối được máy chủ. Thao tác xử lý hồ sơ được lưu trong máy và gửi lên khi đăng nhập lại có kết nối.'
                }
                action={
                  serverBack ? (
                    <Button size="small" type="primary" onClick={() => void logout()}>
                      Đăng nhập lại
                    </Button>
                  ) : undefined
                }
              />
            )}
            {firstSync ? (
              <FirstSyncView progress={sync.progress ?? sync.status?.progress ?? null} />
            ) : (
              <Suspense fallback={<Spin />}>
                {screen.name === 'orgs' && <OrgsScreen parentId={screen.parentId ?? null} />}
                {screen.name === 'members' && (
                  <MembersScreen orgId={screen.orgId} back={screen.back} />
                )}
                {screen.name === 'users' && isAdmin && <UsersScreen />}
                {screen.name === 'transfers' && (
                  <TransfersScreen
                    key={keyOf(screen)}
                    variant={screen.variant}
                    side={screen.side}
                    dossierId={screen.dossierId}
                  />
                )}
                {screen.name === 'outbox' && <OutboxScreen />}
                {screen.name === 'fees' && <FeesScreen key={screen.view} view={screen.view} />}
              </Suspense>
            )}
          </Layout.Content>
        </Layout>
      </Layout>
    </NavigationContext.Provider>
  );
}
