import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  CommentOutlined,
  DashboardOutlined,
  FileSyncOutlined,
  IdcardOutlined,
  SolutionOutlined,
  TeamOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { Badge, type MenuProps } from 'antd';
import { dossierSideLabelVi } from '../../../../src/desktop/contract';
import type { Role } from '../../../../src/domain/people/user';
import {
  TransferVariant,
  transferVariantLabelVi,
} from '../../../../src/domain/procedures/transfer-route';
import {
  ACCOUNTS_VIEW_TITLES,
  AccountsView,
  ACCOUNT_VIEW_TITLES,
  AccountView,
  FEE_VIEW_TITLES,
  FeeView,
  RESIDENCE_VIEW_TITLES,
  ResidenceView,
  type Screen,
} from '../../navigation';
import { mayUse as may } from '../../role-screens';

export const MENU_TITLES = {
  orgs: ['Quản trị danh mục', 'Quản lý tổ chức Đảng'],
  members: ['Đảng viên', 'Tra cứu đảng viên'],
  users: ['Quản trị hệ thống', 'Quản lý người dùng'],
  holidays: ['Quản trị danh mục', 'Cấu hình ngày nghỉ'],
  imports: ['Quản trị danh mục', 'Nhập dữ liệu'],
  transfers: ['Xử lý hồ sơ', 'Hồ sơ chờ gửi'],
  myTransfers: ['Đảng viên', 'Chuyển sinh hoạt đảng'],
  fees: ['Thủ tục thu nộp đảng phí', ''],
  residence: ['Nhận xét nơi cư trú', ''],
  accounts: ['Tài khoản đảng viên', ''],
  myAccount: ['Thông tin tài khoản', ''],
  dashboard: ['Theo dõi, giám sát', 'Tổng quan'],
  readiness: ['Quản trị hệ thống', 'Rà soát sẵn sàng'],
} as const;

/** Menu keys are the screen's name and its parameters joined by ':'. */
export const menuKeyOf = (screen: Screen): string => {
  switch (screen.name) {
    case 'transfers':
      return `transfers:${screen.variant}:${screen.side}`;
    case 'fees':
      return `fees:${screen.view}`;
    case 'residence':
      return `residence:${screen.view}`;
    case 'accounts':
      return `accounts:${screen.view}`;
    case 'myAccount':
      return `myAccount:${screen.view}`;
    case 'orgs':
    case 'members':
    case 'users':
    case 'holidays':
    case 'imports':
    case 'outbox':
    case 'myTransfers':
    case 'dashboard':
    case 'readiness':
      return screen.name;
  }
};

/** The screen a menu key opens; an unknown key opens the org list. */
export function screenOfMenuKey(key: string): Screen {
  const [name, a, b] = key.split(':');
  if (name === 'transfers') {
    const variant = TransferVariant.safeParse(a);
    if (variant.success && (b === 'outgoing' || b === 'incoming'))
      return { name: 'transfers', variant: variant.data, side: b };
  }
  const view = FeeView.safeParse(a);
  if (name === 'fees' && view.success) return { name: 'fees', view: view.data };
  const residenceView = ResidenceView.safeParse(a);
  if (name === 'residence' && residenceView.success)
    return { name: 'residence', view: residenceView.data };
  const accountsView = AccountsView.safeParse(a);
  if (name === 'accounts' && accountsView.success)
    return { name: 'accounts', view: accountsView.data };
  const accountView = AccountView.safeParse(a);
  if (name === 'myAccount' && accountView.success)
    return { name: 'myAccount', view: accountView.data };
  if (
    name === 'members' ||
    name === 'users' ||
    name === 'holidays' ||
    name === 'imports' ||
    name === 'outbox' ||
    name === 'myTransfers' ||
    name === 'dashboard' ||
    name === 'readiness'
  )
    return { name };
  return { name: 'orgs' };
}

/** The submenu a screen's item lies in, open from the start so the current item shows. */
export const menuOpenKeysOf = (screen: Screen): string[] =>
  screen.name === 'transfers' ? [`transfers:${screen.variant}`] : [];

type MenuItems = NonNullable<MenuProps['items']>;

/** A group with what the roles can use of it; none when nothing is left. */
const group = (label: string, children: MenuItems): MenuItems =>
  children.length === 0 ? [] : [{ type: 'group', label, children }];

/** An entry's title with the number of requests waiting for the user, when there are any. */
function withCount(label: string, count: number | undefined) {
  if (!count) return label;
  return (
    <span className="menu-count">
      {label}{' '}
      <Badge count={count} size="small" overflowCount={999} title={`${count} chờ phê duyệt`} />
    </span>
  );
}

/**
 * The side menu, with the national system's names, offering only the screens the roles can use
 * (role-screens.ts); groups left empty are not shown. `accountCounts`: the pending account
 * requests per approval list, shown beside its entry.
 */
export function appMenuItems(
  roles: readonly Role[],
  accountCounts: Partial<Record<AccountsView, number>> = {},
): MenuItems {
  const transfers = may('transfers', roles)
    ? TransferVariant.options.map((variant) => ({
        key: `transfers:${variant}`,
        icon: <FileSyncOutlined />,
        label: transferVariantLabelVi[variant],
        children: (['outgoing', 'incoming'] as const).map((side) => ({
          key: `transfers:${variant}:${side}`,
          label: dossierSideLabelVi[side],
        })),
      }))
    : [];
  return [
    ...group(
      MENU_TITLES.myAccount[0],
      AccountView.options
        .filter((view) => may(`myAccount:${view}`, roles))
        .map((view) => ({
          key: `myAccount:${view}`,
          icon: <IdcardOutlined />,
          label: ACCOUNT_VIEW_TITLES[view],
        })),
    ),
    ...group(
      MENU_TITLES.dashboard[0],
      may('dashboard', roles)
        ? [{ key: 'dashboard', icon: <DashboardOutlined />, label: MENU_TITLES.dashboard[1] }]
        : [],
    ),
    ...group(MENU_TITLES.orgs[0], [
      ...(may('orgs', roles)
        ? [{ key: 'orgs', icon: <ApartmentOutlined />, label: MENU_TITLES.orgs[1] }]
        : []),
      ...(may('holidays', roles)
        ? [{ key: 'holidays', icon: <CalendarOutlined />, label: MENU_TITLES.holidays[1] }]
        : []),
      ...(may('imports', roles)
        ? [{ key: 'imports', icon: <CloudUploadOutlined />, label: MENU_TITLES.imports[1] }]
        : []),
    ]),
    ...group(
      MENU_TITLES.members[0],
      may('members', roles)
        ? [{ key: 'members', icon: <TeamOutlined />, label: MENU_TITLES.members[1] }]
        : [],
    ),
    ...group(
      MENU_TITLES.myTransfers[0],
      may('myTransfers', roles)
        ? [
            {
              key: 'myTransfers',
              icon: <FileSyncOutlined />,
              label: MENU_TITLES.myTransfers[1],
            },
          ]
        : [],
    ),
    ...group(MENU_TITLES.transfers[0], [
      ...transfers,
      ...(may('outbox', roles)
        ? [{ key: 'outbox', icon: <CloudUploadOutlined />, label: MENU_TITLES.transfers[1] }]
        : []),
    ]),
    ...group(
      MENU_TITLES.residence[0],
      ResidenceView.options
        .filter((view) => may(`residence:${view}`, roles))
        .map((view) => ({
          key: `residence:${view}`,
          icon: <CommentOutlined />,
          label: RESIDENCE_VIEW_TITLES[view],
        })),
    ),
    ...group(
      MENU_TITLES.accounts[0],
      AccountsView.options
        .filter((view) => may(`accounts:${view}`, roles))
        .map((view) => ({
          key: `accounts:${view}`,
          icon: <AuditOutlined />,
          label: withCount(ACCOUNTS_VIEW_TITLES[view], accountCounts[view]),
        })),
    ),
    ...group(
      MENU_TITLES.fees[0],
      FeeView.options
        .filter((view) => may(`fees:${view}`, roles))
        .map((view) => ({
          key: `fees:${view}`,
          icon: <WalletOutlined />,
          label: FEE_VIEW_TITLES[view],
        })),
    ),
    ...group(MENU_TITLES.users[0], [
      ...(may('users', roles)
        ? [{ key: 'users', icon: <SolutionOutlined />, label: MENU_TITLES.users[1] }]
        : []),
      ...(may('readiness', roles)
        ? [{ key: 'readiness', icon: <CheckSquareOutlined />, label: MENU_TITLES.readiness[1] }]
        : []),
    ]),
  ];
}
