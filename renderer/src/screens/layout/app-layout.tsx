import { Alert, Button, Layout, Menu, Spin } from 'antd';
import { lazy, Suspense, useCallback, useMemo, useRef } from 'react';
import type { SessionUser } from '../../../../src/desktop/contract';
import { useBridge } from '../../desktop-context';
import { NavigationContext, type Screen } from '../../navigation';
import { canOpen, mayUse, rolesOf, startScreen } from '../../role-screens';
import { useScreenHistory } from '../../screen-history';
import { useHeadingFocus } from '../../ui/use-heading-focus';
import { useAccountCounts } from '../accounts/use-account-counts';
import { OrgsScreen } from '../orgs/orgs-screen';
import { appMenuItems, menuKeyOf, menuOpenKeysOf, screenOfMenuKey } from './app-menu';
import { FirstSyncView } from './first-sync-view';
import { NotificationBell } from './notification-bell';
import { PartyEmblem } from './party-emblem';
import { SyncIndicator } from './sync-indicator';
import { UpdateNotice } from './update-notice';
import { UserMenu } from './user-menu';
import { useSyncStatus } from './use-sync-status';

// The org list (an admin's first screen) comes with the frame; the others load when first
// opened, so the app paints sooner.
const MembersScreen = lazy(() =>
  import('../members/members-screen').then((m) => ({ default: m.MembersScreen })),
);
const UsersScreen = lazy(() =>
  import('../users/users-screen').then((m) => ({ default: m.UsersScreen })),
);

const HolidaysScreen = lazy(() =>
  import('../holidays/holidays-screen').then((m) => ({ default: m.HolidaysScreen })),
);

const ImportScreen = lazy(() =>
  import('../import/import-screen').then((m) => ({ default: m.ImportScreen })),
);

const TransfersScreen = lazy(() =>
  import('../transfers/transfers-screen').then((m) => ({ default: m.TransfersScreen })),
);
const MyTransfersScreen = lazy(() =>
  import('../transfers/my-transfers-screen').then((m) => ({ default: m.MyTransfersScreen })),
);
const OutboxScreen = lazy(() =>
  import('../outbox/outbox-screen').then((m) => ({ default: m.OutboxScreen })),
);
const AccountScreen = lazy(() =>
  import('../account/account-screen').then((m) => ({ default: m.AccountScreen })),
);
const ResidenceScreen = lazy(() =>
  import('../residence/residence-screen').then((m) => ({ default: m.ResidenceScreen })),
);
const AccountsScreen = lazy(() =>
  import('../accounts/accounts-screen').then((m) => ({ default: m.AccountsScreen })),
);
const DashboardScreen = lazy(() =>
  import('../oversight/dashboard-screen').then((m) => ({ default: m.DashboardScreen })),
);
const ReadinessScreen = lazy(() =>
  import('../oversight/readiness-screen').then((m) => ({ default: m.ReadinessScreen })),
);
const FeesScreen = lazy(() =>
  import('../fees/fees-screen').then((m) => ({ default: m.FeesScreen })),
);

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
  const roles = useMemo(() => rolesOf(user.roles), [user.roles]);
  const start = useMemo(() => startScreen(roles), [roles]);
  const allowed = useCallback((screen: Screen) => canOpen(screen, roles), [roles]);
  const navigation = useScreenHistory(start, allowed);
  const { screen } = navigation;
  const accountCounts = useAccountCounts(mayUse('accounts:registrations', roles));
  const menu = useMemo(() => appMenuItems(roles, accountCounts), [roles, accountCounts]);
  const content = useRef<HTMLElement>(null);
  // Never synced and syncing: the screens would show empty lists as if the unit had no data.
  const firstSync = sync.syncing && sync.status !== undefined && sync.status.lastSyncAt === null;
  // The screen's heading takes the focus again when it replaces the first-sync view.
  useHeadingFocus(content, `${JSON.stringify(screen)}${firstSync ? ':first-sync' : ''}`);

  async function logout() {
    await bridge.call('logout', {});
    onSessionChange();
  }

  const serverBack = offline && sync.status?.online === true;
  return (
    <NavigationContext.Provider value={navigation}>
      <Layout className="app-frame">
        <Layout.Header className="app-header">
          <PartyEmblem size={32} />
          <div className="app-title">Hệ thống thông tin giải quyết thủ tục hành chính của Đảng</div>
          <SyncIndicator sync={sync} readOnly={offline} />
          <NotificationBell />
          <UserMenu fullName={user.fullName} onLogout={() => void logout()} />
        </Layout.Header>
        <Layout className="app-body">
          <Layout.Sider className="app-sider" width={260} breakpoint="lg" collapsedWidth={0}>
            <Menu
              className="app-menu"
              mode="inline"
              aria-label="Chức năng"
              selectedKeys={[menuKeyOf(screen)]}
              defaultOpenKeys={menuOpenKeysOf(screen)}
              items={menu}
              onClick={({ key }) => navigation.go(screenOfMenuKey(key))}
              style={{ height: '100%', borderInlineEnd: 0 }}
            />
          </Layout.Sider>
          <Layout.Content className="page" ref={content}>
            <UpdateNotice />
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
                {screen.name === 'users' && <UsersScreen />}
                {screen.name === 'holidays' && <HolidaysScreen />}
                {screen.name === 'imports' && <ImportScreen />}
                {screen.name === 'dashboard' && <DashboardScreen roles={roles} />}
                {screen.name === 'readiness' && <ReadinessScreen roles={roles} />}
                {screen.name === 'transfers' && (
                  <TransfersScreen
                    // The inbox keeps its own filters while a dossier of it is open.
                    key={`${menuKeyOf(screen)}${screen.awaitingMe ? ':inbox' : ''}`}
                    variant={screen.variant}
                    side={screen.side}
                    dossierId={screen.dossierId}
                    awaitingMe={screen.awaitingMe}
                  />
                )}
                {screen.name === 'myTransfers' && <MyTransfersScreen />}
                {screen.name === 'outbox' && <OutboxScreen />}
                {screen.name === 'fees' && <FeesScreen key={screen.view} view={screen.view} />}
                {screen.name === 'residence' && (
                  <ResidenceScreen key={screen.view} view={screen.view} listId={screen.listId} />
                )}
                {screen.name === 'accounts' && (
                  <AccountsScreen key={screen.view} view={screen.view} />
                )}
                {screen.name === 'myAccount' && (
                  <AccountScreen key={screen.view} view={screen.view} />
                )}
              </Suspense>
            )}
          </Layout.Content>
        </Layout>
      </Layout>
    </NavigationContext.Provider>
  );
}
