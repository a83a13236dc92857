import { z } from 'zod';
import { DocumentFile } from '../api/fees';
import { PaymentStatus } from '../api/fees/payments';
import { FeeMonth } from '../domain/fees/money';
import { OrgStatus } from '../domain/org/org';
import { Role, UserStatus } from '../domain/people/user';
import { TransferStatus } from '../domain/procedures/transfer-dossier';
import { TransferVariant } from '../domain/procedures/transfer-route';
import { DossierSide } from './contract-transfers';

/**
 * The DesktopApi call that exports a list screen to Excel (docs/decisions/0037): the list kind
 * and the filters the screen shows, read again from the cache over every page (it works
 * offline). The filters come from the renderer, so they are checked here like any input.
 */

const Id = z.string().trim().min(1).max(64);

/** Rows one export writes at most; a longer list asks the user to narrow the filters. */
export const LIST_EXPORT_MAX_ROWS = 20_000;

/** "Quản lý người dùng": the filters of `listUsers`. */
const UsersList = z.object({
  list: z.literal('users'),
  q: z.string().max(200).optional(),
  status: UserStatus.optional(),
  orgId: Id.optional(),
  position: z.string().max(200).optional(),
  role: Role.optional(),
});

/** "Đảng viên": the members registered in one org, as `orgMembers` pages them. */
const OrgMembersList = z.object({ list: z.literal('orgMembers'), orgId: Id });

/**
 * "Danh mục tổ chức đảng": the level under `parentId` (null: the top), or, with `search`, the
 * filters of `findOrgs` under it.
 */
const OrgsList = z.object({
  list: z.literal('orgs'),
  parentId: Id.nullable().default(null),
  search: z
    .object({
      code: z.string().trim().min(1).max(50).optional(),
      name: z.string().max(200).optional(),
      status: OrgStatus.optional(),
    })
    .optional(),
});

/** "Xử lý hồ sơ": the dossiers of one procedure and side, with the filters of `listDossiers`. */
const DossiersList = z.object({
  list: z.literal('dossiers'),
  variant: TransferVariant,
  side: DossierSide,
  status: TransferStatus.optional(),
  q: z.string().max(200).optional(),
  awaitingMe: z.boolean().default(false),
});

/**
 * "Danh sách giao dịch nộp đảng phí": the filters of `feeTransactions`. The server answers at most
 * 500 payments to one query; the export asks for all 500 and writes one fewer, so a full answer
 * (which may hide older payments) asks for narrower filters instead of being cut.
 */
const FeeTransactionsList = z.object({
  list: z.literal('feeTransactions'),
  month: FeeMonth.optional(),
  cellId: Id.optional(),
  memberId: z.guid().optional(),
  status: PaymentStatus.optional(),
});
export const FEE_TRANSACTIONS_EXPORT_MAX = 499;

export const ListExportRequest = z.discriminatedUnion('list', [
  UsersList,
  OrgMembersList,
  OrgsList,
  DossiersList,
  FeeTransactionsList,
]);
export type ListExportRequest = z.infer<typeof ListExportRequest>;

export const exportCalls = {
  exportList: { input: ListExportRequest, output: DocumentFile },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
