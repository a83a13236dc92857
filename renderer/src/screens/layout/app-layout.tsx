import {
  ApartmentOutlined,
  LogoutOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, Button, Dropdown, Layout, Menu, Spin, type MenuProps } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { SessionUser } from '../../../../src/desktop/contract';
import { useBridge } from '../../desktop-context';
import { NavigationContext, type Screen } from '../../navigation';
import { OrgsScreen } from '../orgs/orgs-screen';
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

const TITLES: Record<Screen['name'], [group: string, title: string]> = {
  orgs: ['Quản trị danh mục', 'Quản lý tổ chức Đảng'],
  members: ['Đảng viên', 'Tra cứu đảng viên'],
  users: ['Quản trị hệ thống', 'Quản lý người dùng'],
};

const screenOf = (key: string): Screen =>
  key === 'members' ? { name: 'members' } : key === 'users' ? { name: 'users' } : { name: 'orgs' };

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
  return (
    <NavigationContext.Provider value={navigation}>
      <Layout style={{ minHeight: '100vh' }}>
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
        <Layout>
          <Layout.Sider width={240} breakpoint="lg" collapsedWidth={0}>
            <Menu
              mode="inline"
              selectedKeys={[screen.name]}
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
                    : 'Đang làm việc ngoại tuyến: không kết nối được máy chủ. Dữ liệu trong máy chỉ được xem, không thay đổi.'
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
            <Suspense fallback={<Spin />}>
              {screen.name === 'orgs' && <OrgsScreen parentId={screen.parentId ?? null} />}
              {screen.name === 'members' && (
                <MembersScreen orgId={screen.orgId} back={screen.back} />
              )}
              {screen.name === 'users' && isAdmin && <UsersScreen />}
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </NavigationContext.Provider>
  );
}
