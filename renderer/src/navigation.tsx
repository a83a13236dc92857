import { createContext, useContext } from 'react';
import type { DossierSide } from '../../src/desktop/contract';
import type { TransferVariant } from '../../src/domain/procedures/transfer-route';

/** The party-fee screens, with the national system's names (see fees-screen.tsx). */
export type FeeView =
  'approval' | 'cellPayment' | 'transactions' | 'statements' | 'ledger' | 'bankAccounts' | 'rules';
/** The fee screens with the national system's names. */
export const FEE_VIEW_TITLES: Record<FeeView, string> = {
  approval: 'Phê duyệt mức đóng đảng phí',
  cellPayment: 'Nộp đảng phí cho chi bộ',
  transactions: 'Danh sách giao dịch nộp đảng phí',
  statements: 'Đối soát sao kê ngân hàng',
  ledger: 'Sổ thu nộp đảng phí',
  bankAccounts: 'Tài khoản ngân hàng',
  rules: 'Quy định mức đóng đảng phí',
};

/** Where the user is; screens keep what they need to come back to the same place. */
export type Screen =
  | { name: 'orgs'; parentId?: string | null }
  | { name: 'members'; orgId?: string; back?: Screen }
  | { name: 'users' }
  /** Xử lý hồ sơ » <variant> » nơi chuyển đi / nơi chuyển đến; a dossier open when dossierId. */
  | { name: 'transfers'; variant: TransferVariant; side: DossierSide; dossierId?: string }
  /** What waits to be sent, and what the server did not apply. */
  | { name: 'outbox' }
  | { name: 'fees'; view: FeeView };

export interface Navigation {
  screen: Screen;
  go(screen: Screen): void;
}

export const NavigationContext = createContext<Navigation | null>(null);

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigation outside NavigationContext');
  return nav;
}
