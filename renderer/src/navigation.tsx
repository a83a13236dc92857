import { createContext, useContext } from 'react';
import { z } from 'zod';
import { Id } from '../../src/domain/common/schemas';
import { DossierSide } from '../../src/desktop/contract';
import { TransferVariant } from '../../src/domain/procedures/transfer-route';

/** The party-fee screens, with the national system's names (see fees-screen.tsx). */
export const FeeView = z.enum([
  'memberPayment',
  'approval',
  'cellPayment',
  'transactions',
  'statements',
  'ledger',
  'bankAccounts',
  'rules',
]);
export type FeeView = z.infer<typeof FeeView>;
/** The fee screens with the national system's names. */
export const FEE_VIEW_TITLES: Record<FeeView, string> = {
  approval: 'Phê duyệt mức đóng đảng phí',
  cellPayment: 'Nộp đảng phí cho chi bộ',
  transactions: 'Danh sách giao dịch nộp đảng phí',
  statements: 'Đối soát sao kê ngân hàng',
  ledger: 'Sổ thu nộp đảng phí',
  bankAccounts: 'Tài khoản ngân hàng',
  rules: 'Quy định mức đóng đảng phí',
  memberPayment: 'Nộp đảng phí',
};

/** The residence-comment screens (Quy định 213), with the user guide's names. */
export const ResidenceView = z.enum([
  'newList',
  'lists',
  'write',
  'approve',
  'sign',
  'paper',
  'receive',
  'report',
]);
export type ResidenceView = z.infer<typeof ResidenceView>;
export const RESIDENCE_VIEW_TITLES: Record<ResidenceView, string> = {
  newList: 'Lập danh sách',
  lists: 'Danh sách đã lập',
  write: 'Lập phiếu nhận xét',
  approve: 'Duyệt phiếu nhận xét',
  sign: 'Gửi phiếu nhận xét',
  paper: 'Ghi nhận phiếu giấy',
  receive: 'Nhận phiếu nhận xét',
  report: 'Báo cáo kết quả thực hiện nhiệm vụ nơi cư trú',
};

/** The approvals of member accounts (user guide part 2), with the guide's names. */
export const AccountsView = z.enum(['registrations', 'changes', 'positions']);
export type AccountsView = z.infer<typeof AccountsView>;
export const ACCOUNTS_VIEW_TITLES: Record<AccountsView, string> = {
  registrations: 'Quản lý tài khoản đảng viên',
  changes: 'Phê duyệt đảng viên thay đổi thông tin',
  positions: 'Phê duyệt chức vụ trong chi bộ',
};

/** The member's own pages ("Thông tin tài khoản" in the user guide). */
export const AccountView = z.enum(['info', 'change', 'signature']);
export type AccountView = z.infer<typeof AccountView>;
export const ACCOUNT_VIEW_TITLES: Record<AccountView, string> = {
  info: 'Thông tin tài khoản',
  change: 'Thay đổi thông tin tài khoản',
  signature: 'Chữ ký',
};

const OrgsScreen = z.strictObject({ name: z.literal('orgs'), parentId: Id.nullish() });

/**
 * Where the user is; screens keep what they need to come back to the same place. A schema,
 * because the address bar keeps it (screen-url.ts) and whatever is read from there is checked.
 */
export const Screen = z.discriminatedUnion('name', [
  OrgsScreen,
  /** `back`: the org list level the member list was opened from ("Quay lại"). */
  z.strictObject({ name: z.literal('members'), orgId: Id.optional(), back: OrgsScreen.optional() }),
  z.strictObject({ name: z.literal('users') }),
  /** Quản trị danh mục » Cấu hình ngày nghỉ: the holiday calendar of a year. */
  z.strictObject({ name: z.literal('holidays') }),
  /** Quản trị danh mục » Nhập dữ liệu: orgs and members from the member database's exports. */
  z.strictObject({ name: z.literal('imports') }),
  /**
   * Xử lý hồ sơ » <variant> » nơi chuyển đi / nơi chuyển đến; a dossier open when dossierId;
   * `awaitingMe` starts the list on "Chỉ hồ sơ chờ tôi xử lý" (a secretary's inbox).
   */
  z.strictObject({
    name: z.literal('transfers'),
    variant: TransferVariant,
    side: DossierSide,
    dossierId: Id.optional(),
    awaitingMe: z.boolean().optional(),
  }),
  /** "Chuyển sinh hoạt đảng" of a member: his own dossiers, filing and resubmitting. */
  z.strictObject({ name: z.literal('myTransfers') }),
  /** What waits to be sent, and what the server did not apply. */
  z.strictObject({ name: z.literal('outbox') }),
  z.strictObject({ name: z.literal('fees'), view: FeeView }),
  /** Nhận xét nơi cư trú » <view>; a list open in "Danh sách đã lập" when listId. */
  z.strictObject({ name: z.literal('residence'), view: ResidenceView, listId: Id.optional() }),
  /** Tài khoản đảng viên » <view>: the requests the user decides. */
  z.strictObject({ name: z.literal('accounts'), view: AccountsView }),
  /** Thông tin tài khoản » <view>: the signed-in member's own account. */
  z.strictObject({ name: z.literal('myAccount'), view: AccountView }),
  /** "Tổng quan": the counts of the user's subtree, each opening the list that shows it. */
  z.strictObject({ name: z.literal('dashboard') }),
  /** "Rà soát sẵn sàng": what still blocks going live, each line opening the screen that fixes it. */
  z.strictObject({ name: z.literal('readiness') }),
]);
export type Screen = z.infer<typeof Screen>;
export type ScreenName = Screen['name'];

/** Two screens are the same place when they say the same (the order of keys aside). */
export function sameScreen(a: Screen, b: Screen): boolean {
  const entries = (s: Screen) =>
    JSON.stringify(
      Object.entries(s)
        .filter(([, v]) => v !== undefined)
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return entries(a) === entries(b);
}

export interface Navigation {
  screen: Screen;
  /** Opens a screen; ignored while the previous navigation is still under way (screen-history). */
  go(screen: Screen): void;
}

export const NavigationContext = createContext<Navigation | null>(null);

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigation outside NavigationContext');
  return nav;
}
