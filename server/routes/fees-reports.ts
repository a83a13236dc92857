import { FEE_STAFF_ROLES } from '../../src/api/access';
import {
  feeReportRouteSpecs,
  type DocumentFile,
  type LedgerQuery,
  type OrgReportResponse,
} from '../../src/api/fees';
import type { OrgWire } from '../../src/api/sync';
import { ledgerPdf } from '../../src/documents/ledger/ledger-pdf';
import { ledgerWorkbook } from '../../src/documents/ledger/ledger-xlsx';
import { orgReportPdf, orgReportWorkbook } from '../../src/documents/ledger/org-report-doc';
import { receiptNumber, receiptPdf } from '../../src/documents/receipts/receipt-pdf';
import { buildCellLedger } from '../../src/domain/fees/ledger';
import { buildOrgReport } from '../../src/domain/fees/org-report';
import { allocationDirectionLabelVi } from '../../src/domain/org/org';
import { forbidden, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { cellMemberFees } from '../repositories/fees';
import {
  accountOrgId,
  issueReceipt,
  ledgerAmounts,
  namesOf,
  userName,
} from '../repositories/fees-documents';
import { orgReportRows } from '../repositories/fees-report';
import { loadFeeRules } from '../repositories/fees-rules';
import { findOrg } from '../repositories/orgs';
import { cellFor, hasRoleOver, visiblePayment, type FeeRouteDeps } from './fees-access';
import { conflict, monthVi } from './fees-refusals';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const pdfFile = (fileName: string, bytes: Uint8Array): DocumentFile => ({
  fileName,
  contentType: 'application/pdf',
  dataBase64: Buffer.from(bytes).toString('base64'),
});
const xlsxFile = (fileName: string, bytes: Buffer): DocumentFile => ({
  fileName,
  contentType: XLSX,
  dataBase64: bytes.toString('base64'),
});

type CellLedger = ReturnType<typeof buildCellLedger>;
type OrgReportDoc = Parameters<typeof orgReportPdf>[0];

/** Documents and reports: a payment's receipt, a cell's ledger, an org subtree's report. */
export function feeReportRoutes(route: Register, { ctx }: FeeRouteDeps): void {
  const s = feeReportRouteSpecs;

  route(s.receipt, async ({ params, caller }) => {
    const payment = await visiblePayment(ctx, caller, params.id);
    if (payment.status !== 'success')
      throw conflict(
        `payment is ${payment.status}`,
        'Chỉ in biên lai cho giao dịch nộp đảng phí thành công.',
      );
    const orgId = await accountOrgId(ctx.db, payment.bankAccountId);
    const org = orgId ? await findOrg(ctx.db, orgId) : null;
    const cell = await findOrg(ctx.db, payment.cellId);
    if (!org || !cell) throw notFound();
    const superior = org.parentId ? await findOrg(ctx.db, org.parentId) : null;
    const receipt = await issueReceipt(ctx.db, payment.id, org.id, ctx.now());
    const names = await namesOf(
      ctx.db,
      payment.items.map((i) => i.memberId),
    );
    const number = receiptNumber(receipt.seq, receipt.year);
    const bytes = await receiptPdf({
      number,
      superiorOrgName: superior?.name,
      orgName: org.name,
      place: org.province ?? '',
      issuedAt: new Date(receipt.issuedAt),
      payerName: (await userName(ctx.db, payment.payerUserId)) ?? '',
      kind: payment.kind,
      cellName: cell.name,
      items: payment.items.map((i) => ({ ...i, fullName: names.get(i.memberId) ?? i.memberId })),
      total: payment.amount,
      paymentReference: payment.reference,
      bankReference: payment.bankReference,
      reprint: receipt.printCount > 1,
    });
    return pdfFile(`bien-lai-${number.replace('/', '-')}.pdf`, bytes);
  });

  route(s.ledger, async ({ params, query, caller }) => {
    const cell = await cellFor(ctx, params.cellId);
    if (!hasRoleOver(caller, FEE_STAFF_ROLES, cell.path)) throw forbidden();
    const members = await cellMemberFees(ctx.db, cell.id, `${query.year}-01`);
    const amounts = await ledgerAmounts(ctx.db, cell.id, query.year);
    const ledger = buildCellLedger({
      year: query.year,
      upToMonth: query.upTo,
      members: members.map((m) => ({ memberId: m.memberId, fullName: m.fullName })),
      ...amounts,
    });
    return {
      cellId: cell.id,
      year: query.year,
      ...ledger,
      file: await ledgerFile(cell, query, ledger),
    };
  });

  /** The ledger as the file the query asks for: Excel, the PDF document, or none for JSON. */
  async function ledgerFile(
    cell: OrgWire,
    { format, year }: LedgerQuery,
    ledger: CellLedger,
  ): Promise<DocumentFile | null> {
    const fileName = `so-dang-phi-${cell.code}-${year}.${format}`;
    if (format === 'xlsx')
      return xlsxFile(fileName, await ledgerWorkbook({ cellName: cell.name, year, ...ledger }));
    if (format !== 'pdf') return null;
    const superior = cell.parentId ? await findOrg(ctx.db, cell.parentId) : null;
    const bytes = await ledgerPdf({
      cellName: cell.name,
      superiorOrgName: superior?.name,
      place: cell.province ?? superior?.province ?? '',
      date: ctx.now(),
      year,
      ...ledger,
    });
    return pdfFile(fileName, bytes);
  }

  route(s.orgReport, async ({ params, query, caller }) => {
    const org = await findOrg(ctx.db, params.orgId);
    if (!org) throw notFound();
    if (!hasRoleOver(caller, FEE_STAFF_ROLES, org.path)) throw forbidden();
    const year = query.month ? Number(query.month.slice(0, 4)) : (query.year as number);
    const months = query.month
      ? [query.month]
      : Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const to = months[months.length - 1] as string;
    const rows = await orgReportRows(ctx.db, org, `${year}-01`, to);
    const report = buildOrgReport({
      ...rows,
      rootId: org.id,
      months,
      rules: await loadFeeRules(ctx.db),
    });
    const nameOf = (id: string) => rows.orgs.get(id)?.name ?? id;
    const answer: OrgReportResponse = {
      orgId: org.id,
      orgName: org.name,
      period: query.month ?? String(year),
      cells: report.cells.map((c) => {
        const o = rows.orgs.get(c.cellId);
        const parentId = o?.parentId ?? null;
        return { ...c, code: o?.code ?? '', name: o?.name ?? c.cellId, parentId };
      }),
      orgs: report.orgs.map((o) => ({
        ...o,
        name: nameOf(o.orgId),
        parentId: rows.orgs.get(o.orgId)?.parentId ?? null,
        depth: rows.orgs.get(o.orgId)?.depth ?? 0,
      })),
      totals: report.totals,
      split: report.split.map((sp) => ({
        ...sp,
        parts: sp.parts.map((p) => ({ ...p, name: nameOf(p.orgId) })),
      })),
      unsplit: report.unsplit,
      file: null,
    };
    if (query.format === 'json') return answer;
    const superior = org.parentId ? rows.orgs.get(org.parentId) : undefined;
    const doc: OrgReportDoc = {
      orgName: org.name,
      superiorOrgName: superior?.name,
      place: org.province ?? '',
      date: ctx.now(),
      periodVi: query.month ? `tháng ${monthVi(query.month)}` : `năm ${year}`,
      cells: answer.cells,
      totals: answer.totals,
      split: answer.split.map((sp) => ({
        ...sp,
        directionVi: allocationDirectionLabelVi[sp.direction],
      })),
    };
    const base = `bao-cao-dang-phi-${org.code}-${answer.period}`;
    answer.file =
      query.format === 'xlsx'
        ? xlsxFile(`${base}.xlsx`, await orgReportWorkbook(doc))
        : pdfFile(`${base}.pdf`, await orgReportPdf(doc));
    return answer;
  });
}
