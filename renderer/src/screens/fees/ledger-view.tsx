import {
  App,
  Card,
  Form,
  Select,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import type { FeeLedger } from '../../../../src/desktop/contract';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { formatMoney } from './fee-format';
import { CellPicker, ExportButtons, saveDocument, SourceNote, useFeeCells } from './fee-ui';
import { OrgReport } from './org-report';

type Row = FeeLedger['rows'][number];
const all = () => true;
const thisYear = new Date().getFullYear();
const YEARS = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
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
      width: 200,
      fixed: 'left',
      render: (name: string, r) => (
        <span data-testid="ledger-member" data-flagged={r.flagged ? 'true' : 'false'}>
          {name}{' '}
          {r.flagged && (
            <Tooltip title={`${r.unpaidMonths} tháng chưa nộp đảng phí trong năm`}>
              <Tag color="red">Chưa nộp ≥ 3 tháng</Tag>
            </Tooltip>
          )}
        </span>
      ),
    },
    ...months.map((month, i) => ({
      title: `T${month.slice(5)}`,
      key: month,
      width: 92,
      align: 'right' as const,
      render: (_v: unknown, r: Row) => {
        const m = r.months[i];
        if (!m || (m.due === 0 && m.paid === 0)) return '';
        return (
          <Tooltip title={`Phải nộp ${formatMoney(m.due)}, đã nộp ${formatMoney(m.paid)}`}>
            <Typography.Text type={m.outstanding > 0 ? 'danger' : undefined}>
              {new Intl.NumberFormat('vi-VN').format(m.paid)}
            </Typography.Text>
          </Tooltip>
        );
      },
    })),
    {
      title: 'Phải nộp',
      dataIndex: 'due',
      width: 120,
      align: 'right',
      render: (n: number) => formatMoney(n),
    },
    {
      title: 'Đã nộp',
      dataIndex: 'paid',
      width: 120,
      align: 'right',
      render: (n: number) => formatMoney(n),
    },
    {
      title: 'Còn nợ',
      dataIndex: 'outstanding',
      width: 120,
      align: 'right',
      render: (n: number) => (
        <Typography.Text type={n > 0 ? 'danger' : undefined}>{formatMoney(n)}</Typography.Text>
      ),
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
                  <Form.Item label="Năm">
                    <Select
                      data-testid="ledger-year"
                      value={year}
                      onChange={setYear}
                      options={YEARS}
                      style={{ width: 120 }}
                    />
                  </Form.Item>
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
                {totals && (
                  <div className="result-bar">
                    <Typography.Text data-testid="ledger-totals">
                      Phải nộp {formatMoney(totals.due)} — đã nộp {formatMoney(totals.paid)} — còn
                      nợ {formatMoney(totals.outstanding)}
                    </Typography.Text>
                    <Typography.Text>
                      {ledger.data?.rows.filter((r) => r.flagged).length ?? 0} đảng viên chưa nộp từ
                      3 tháng trở lên
                    </Typography.Text>
                  </div>
                )}
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
                  scroll={{ x: 560 + months.length * 92 }}
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
