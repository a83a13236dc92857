import { ConfigProvider, type ThemeConfig } from 'antd';
import type { FeeView } from '../../navigation';
import { ApprovalView } from './approval-view';
import { BankAccountsView } from './bank-accounts-view';
import { CellPaymentView } from './cell-payment-view';
import { LedgerView } from './ledger-view';
import { MemberPaymentView } from './member-payment-view';
import { RulesView } from './rules-view';
import { StatementsView } from './statements-view';
import { TransactionsView } from './transactions-view';

/**
 * Text colours of the fee screens dark enough for WCAG AA (4.5:1) on white and on the tables'
 * grey: antd's placeholder, secondary and danger text are lighter and axe-core flags them. Merged
 * into the app's theme; the frame may adopt the same tokens app-wide.
 */
export const FEE_CONTRAST_THEME: ThemeConfig = {
  token: {
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorError: '#c0141c',
    colorWarning: '#8a5300',
  },
};

/** Thủ tục thu nộp đảng phí: one view per national-system screen. */
export function FeesScreen({ view }: { view: FeeView }) {
  return (
    <ConfigProvider theme={FEE_CONTRAST_THEME}>
      <div data-testid="fees-screen" data-view={view}>
        {view === 'approval' && <ApprovalView />}
        {view === 'cellPayment' && <CellPaymentView />}
        {view === 'transactions' && <TransactionsView />}
        {view === 'ledger' && <LedgerView />}
        {view === 'bankAccounts' && <BankAccountsView />}
        {view === 'statements' && <StatementsView />}
        {view === 'rules' && <RulesView />}
        {view === 'memberPayment' && <MemberPaymentView />}
      </div>
    </ConfigProvider>
  );
}
