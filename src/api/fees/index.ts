import { feeApprovalRouteSpecs } from './approvals';
import { feeBankAccountRouteSpecs } from './bank-accounts';
import { feePaymentRouteSpecs } from './payments';
import { feeReportRouteSpecs } from './reports';
import { feeRuleRouteSpecs } from './rules';
import { feeStatementRouteSpecs } from './statements';
import { feeVietQrRouteSpecs } from './vietqr';

/**
 * The party-fee contract, one module per topic, each mirroring its route module
 * (server/routes/fees-<topic>.ts). Importers keep `api/fees`; the modules import each other
 * directly, never through this index.
 */
export * from './approvals';
export * from './bank-accounts';
export * from './payments';
export * from './reports';
export * from './rules';
export {
  CellIdParams,
  DocumentFile,
  MemberIdParams,
  MonthQuery,
  OrgIdParams,
  PaymentIdParams,
  UNAPPROVED_NOTE_VI,
} from './shared';
export * from './statements';
export * from './vietqr';

/** Every fee route, for the clients and the authorization matrix. */
export const feeRouteSpecs = {
  ...feeApprovalRouteSpecs,
  ...feePaymentRouteSpecs,
  ...feeVietQrRouteSpecs,
  ...feeRuleRouteSpecs,
  ...feeStatementRouteSpecs,
  ...feeReportRouteSpecs,
  ...feeBankAccountRouteSpecs,
};
