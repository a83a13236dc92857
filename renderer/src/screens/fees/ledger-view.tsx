import {
  App,
  Card,
  Form,
  Select,
  Table,
  Tabs,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import type { FeeLedger } from '../../../../src/desktop/contract';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { formatMoney } from './fee-format';
import {
  CellPicker,
  ExportButtons,
  LabelledItem,
  saveDocument,
  SourceNote,
  useFeeCells,
} from './fee-ui';
import { ToneTag } from './tone-tag';
import { OrgReport } from './org-report';

type Row = FeeLedger['rows'][number];
const MONTH_CELL = { paddingInline: 4, whiteSpace: 'nowrap' } as const;
const all = () => true;
const thisYear = new Date().getFullYear();
const YEARS = [thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => ({
  value: y,
  label: `Năm ${y}`,
}));

/**
 * "Sổ thu nộp đảng phí" of a cell: per member and month what was due and paid, what is
 * outstanding; members with 3 or more unpaid months in the year are flagged. Exported to Excel
 * or PDF.
 */
export function LedgerView() {
  const bridge = useBridge();
  const { message } = App.useApp();
  const { cells, cellId, setCellId, query: cellsQuery } = useFeeCells(all);
  const [year, setYear] = useState(thisYear);
  const ledger = useDesktopQuery('feeLedger', cellId ? { cellId, year } : null);
  const [format, setFormat] = useState<'xlsx' | 'pdf'>();
  const { busy, error, run } = useDesktopAction();
  const exporting = busy ? (format ?? null) : null;

  async function exportAs(format: 'xlsx' | 'pdf') {
    if (!cellId) return;
    setFormat(format);
    await run(async () => {
      const file = await callDesktop(bridge, 'exportFeeLedger', { cellId, year, format });
      saveDocument(file);
      message.success(`Đã xuất ${file.fileName}`);
    });
  }

  const months = ledger.data?.totals.map((t) => t.month) ?? [];
  const columns: TableColumnsType<Row> = [
    {
      title: 'Họ và tên',
      dataIndex: 'fullName',
      render: (name: string, r) => (
        <span data-testid="ledger-member" data-flagged={r.flagged ? 'true' : 'false'}>
          {name}{' '}
          {r.flagged && (
            <Tooltip title={`${r.unpaidMonths} tháng chưa nộp đảng phí trong năm`}>
              <ToneTag tone="red">Chưa nộp ≥ 3 tháng</ToneTag>
            </Tooltip>
          )}
        </span>
      ),
    },
    ...months.map((month, i) => ({
      title: `T${month.slice(5)}`,
      key: month,
      width: 60,
      align: 'right' as const,
      // Twelve months and the year fit 1366 px only with narrow padding and unbroken figures.
      onCell: () => ({ style: MONTH_CELL }),
      onHeaderCell: () => ({ style: MONTH_CELL }),
      render: (_v: unknown, r: Row) => {
        const m = r.months[i];
        if (!m || (m.due === 0 && m.paid === 0)) return '';
        return (
          <Tooltip title={`Phải nộp ${formatMoney(m.due)}, đã nộp ${formatMoney(m.paid)}`}>
            <Typography.Text
              type={m.outstanding > 0 ? 'danger' : undefined}
              style={{ fontSize: 12 }}
            >
              {new Intl.NumberFormat('vi-VN').format(m.paid)}
            </Typography.Text>
          </Tooltip>
        );
      },
    })),
    {
      // The year's three totals stacked in one cell, so T01–T12 and them fit 1366 px.
      title: 'Cả năm',
      key: 'year',
      width: 160,
      align: 'right',
      render: (_v, r) => <YearTotals row={r} />,
    },
  ];
  const totals = ledger.data
    ? ledger.data.rows.reduce(
        (s, r) => ({
          due: s.due + r.due,
          paid: s.paid + r.paid,
          outstanding: s.outstanding + r.outstanding,
        }),
        { due: 0, paid: 0, outstanding: 0 },
      )
    : undefined;

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Sổ thu nộp đảng phí
      </Typography.Title>
      <Tabs
        data-testid="ledger-tabs"
        items={[
          {
            key: 'cell',
            label: 'Sổ chi bộ',
            children: (
              <>
                <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }}>
                  <CellPicker cells={cells} value={cellId} onChange={setCellId} />
                  <LabelledItem label="Năm">
                    {(id) => (
                      <Select
                        id={id}
                        data-testid="ledger-year"
                        value={year}
                        onChange={setYear}
                        options={YEARS}
                        style={{ width: 120 }}
                      />
                    )}
                  </LabelledItem>
                  <ExportButtons
                    testIds={{ xlsx: 'ledger-export', pdf: 'ledger-export-pdf' }}
                    disabled={!cellId}
                    exporting={exporting}
                    onExport={(format) => void exportAs(format)}
                  />
                </Form>
                <SourceNote source={ledger.data} />
                <ErrorAlert error={ledger.error} onRetry={ledger.reload} />
                <ErrorAlert error={error} />
                {totals && <LedgerSummary year={year} totals={totals} ledger={ledger.data} />}
                <Table<Row>
                  data-testid="ledger-table"
                  data-settled={ledger.settled ? 'true' : 'false'}
                  rowKey="memberId"
                  size="small"
                  bordered
                  columns={columns}
                  dataSource={ledger.data?.rows ?? []}
                  loading={ledger.loading}
                  pagination={false}
                  locale={{ emptyText: cellId ? 'Chi bộ chưa có đảng viên' : 'Chọn chi bộ' }}
                />
              </>
            ),
          },
          {
            key: 'org',
            label: 'Tổng hợp đảng bộ',
            children: <OrgReport orgs={cellsQuery.data?.orgs ?? []} years={YEARS} />,
          },
        ]}
      />
    </Card>
  );
}

/** A member's year: what was due, paid and is still owed, one above the other. */
function YearTotals({ row }: { row: Pick<Row, 'due' | 'paid' | 'outstanding'> }) {
  if (row.due === 0 && row.paid === 0)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="ledger-year-totals">
        Chưa có dữ liệu
      </Typography.Text>
    );
  return (
    <div
      data-testid="ledger-year-totals"
      style={{ fontSize: 12, lineHeight: 1.4, whiteSpace: 'nowrap' }}
    >
      <div>Phải nộp {formatMoney(row.due)}</div>
      <div>Đã nộp {formatMoney(row.paid)}</div>
      <Typography.Text type={row.outstanding > 0 ? 'danger' : undefined} style={{ fontSize: 12 }}>
        Còn nợ {formatMoney(row.outstanding)}
      </Typography.Text>
    </div>
  );
}

/**
 * The cell's year above the ledger. A year with nothing due nor paid reads "chưa có dữ liệu",
 * not "0 đảng viên chưa nộp", which would claim everyone paid.
 */
export function ledgerSummaryVi(
  year: number,
  totals: { due: number; paid: number; outstanding: number },
  flaggedMembers: number,
): { totals: string; flagged: string } {
  if (totals.due === 0 && totals.paid === 0)
    return { totals: `Năm ${year}: chưa có dữ liệu đảng phí của chi bộ.`, flagged: '' };
  return {
    totals: `Phải nộp ${formatMoney(totals.due)} — đã nộp ${formatMoney(totals.paid)} — còn nợ ${formatMoney(totals.outstanding)}`,
    flagged:
      flaggedMembers > 0
        ? `${flaggedMembers} đảng viên chưa nộp từ 3 tháng trở lên`
        : 'Không có đảng viên nào chưa nộp từ 3 tháng trở lên',
  };
}

function LedgerSummary({
  year,
  totals,
  ledger,
}: {
  year: number;
  totals: { due: number; paid: number; outstanding: number };
  ledger: FeeLedger | undefined;
}) {
  const text = ledgerSummaryVi(year, totals, ledger?.rows.filter((r) => r.flagged).length ?? 0);
  return (
    <div className="result-bar">
      <Typography.Text data-testid="ledger-totals">{text.totals}</Typography.Text>
      {text.flagged && <Typography.Text>{text.flagged}</Typography.Text>}
    </div>
  );
}
