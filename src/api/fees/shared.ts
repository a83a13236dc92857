import { z } from 'zod';
import { Id } from '../../domain/common/schemas';
import { FeeMonth } from '../../domain/fees/money';
import type { RouteSpec } from '../routes';

/** What every fee module shares: path parameters, the month query, generated files. */

/** The national system's note for a month the cell has not approved yet (amount shown as 0). */
export const UNAPPROVED_NOTE_VI = 'Đảng phí tháng này của đảng viên chưa được phê duyệt';

export const MemberIdParams = z.object({ memberId: z.guid() });
export const CellIdParams = z.object({ cellId: z.guid() });
export const PaymentIdParams = z.object({ id: z.guid() });
export const OrgIdParams = z.object({ orgId: Id });
export const MonthQuery = z.object({ month: FeeMonth });

/** A generated file (PDF, Excel) in a JSON answer: the app saves or opens it. */
export const DocumentFile = z.object({
  fileName: z.string(),
  contentType: z.string(),
  dataBase64: z.string(),
});
export type DocumentFile = z.infer<typeof DocumentFile>;

export const feeRoute = <const S extends RouteSpec>(spec: S): S => spec;
/** The refusals of a route with a caller and an object in its path. */
export const authed = [400, 401, 403, 404] as const;
