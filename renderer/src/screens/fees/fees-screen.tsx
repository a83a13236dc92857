import type { FeeView } from '../../navigation';
import { ApprovalView } from './approval-view';
import { BankAccountsView } from './bank-accounts-view';
import { CellPaymentView } from './cell-payment-view';
import { LedgerView } from './ledger-view';
import { RulesView } from './rules-view';
import { StatementsView } from './statements-view';
import { TransactionsView } from './transactions-view';

/** Thủ tục thu nộp đảng phí: one view per national-system screen. */
export function FeesScreen({ view }: { view: FeeView }) {
  return (
    <div data-testid="fees-screen" data-view={view}>
      {view === 'approval' && <ApprovalView />}
      {view === 'cellPayment' && <CellPaymentView />}
      {view === 'transactions' && <TransactionsView />}
      {view === 'ledger' && <LedgerView />}
      {view === 'bankAccounts' && <BankAccountsView />}
      {view === 'statements' && <StatementsView />}
      {view === 'rules' && <RulesView />}
    </div>
  );
}
