import { App, Form, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { FeeOrg, FeeOrgReport } from '../../../../src/desktop/contract';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { AllocationTable } from './allocation-table';
import { formatMoney } from './fee-format';
import { ExportButtons, LabelledItem, saveDocument, SourceNote } from './fee-ui';
import { nameSearch } from '../../ui/name-search';

type OrgRow = FeeOrgReport['orgs'][number];

/**
 * An org with nothing due nor paid has no data, which "0 đ" would hide: the first amount says so
 * and the others stay empty. Undefined: show the amount.
 */
export function reportAmountVi(
  o: Pick<OrgRow, 'due' | 'paid' | 'outstanding'>,
  key: 'due' | 'paid' | 'outstanding',
): string | undefined {
  if (o.due !== 0 || o.paid !== 0 || o.outstanding !== 0) return undefined;
  return key === 'due' ? 'Chưa có dữ liệu' : '';
}

/** The ward's (or any committee's) totals up the tree for a year, exported to Excel or PDF. */
export function OrgReport({
  orgs,
  years,
}: {
  orgs: FeeOrg[];
  years: { value: number; label: string }[];
}) {
  const bridge = useBridge();
  const { message } = App.useApp();
  const [chosen, setOrgId] = useState<string>();
  const orgId = chosen ?? orgs[0]?.id;
  const [year, setYear] = useState(years[0]?.value ?? new Date().getFullYear());
  const report = useDesktopQuery('feeOrgReport', orgId ? { orgId, year } : null);
  const [format, setFormat] = useState<'xlsx' | 'pdf'>();
  const { busy, error, run } = useDesktopAction();
  const exporting = busy ? (format ?? null) : null;

  async function exportAs(format: 'xlsx' | 'pdf') {
    if (!orgId) return;
    setFormat(format);
    await run(async () => {
      const file = await callDesktop(bridge, 'exportFeeOrgReport', { orgId, year, format });
      saveDocument(file);
      message.success(`Đã xuất ${file.fileName}`);
    });
  }

  const minDepth = Math.min(...(report.data?.orgs ?? []).map((o) => o.depth));
  const columns: TableColumnsType<OrgRow> = [
    {
      title: 'Tổ chức đảng',
      dataIndex: 'name',
      render: (name: string, o) => (
        <span style={{ paddingLeft: (o.depth - minDepth) * 16 }} data-testid="report-org">
          {name}
        </span>
      ),
    },
    ...(['due', 'paid', 'outstanding'] as const).map((key) => ({
      title: { due: 'Phải nộp', paid: 'Đã nộp', outstanding: 'Còn nợ' }[key],
      dataIndex: key,
      width: 150,
      align: 'right' as const,
      render: (n: number, o: OrgRow) => reportAmountVi(o, key) ?? formatMoney(n),
    })),
  ];

  return (
    <div>
      <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }}>
        <LabelledItem label="Đảng bộ">
          {(id) => (
            <Select
              id={id}
              data-testid="report-org-picker"
              showSearch={nameSearch}
              value={orgId}
              onChange={setOrgId}
              options={orgs.map((o) => ({ value: o.id, label: o.name }))}
              style={{ width: 300 }}
            />
          )}
        </LabelledItem>
        <LabelledItem label="Năm">
          {(id) => (
            <Select
              id={id}
              value={year}
              onChange={setYear}
              options={years}
              style={{ width: 120 }}
            />
          )}
        </LabelledItem>
        <ExportButtons
          testIds={{ xlsx: 'report-export-xlsx', pdf: 'report-export-pdf' }}
          disabled={!orgId}
          exporting={exporting}
          onExport={(format) => void exportAs(format)}
        />
      </Form>
      <SourceNote source={report.data} />
      <ErrorAlert error={report.error} onRetry={report.reload} />
      <ErrorAlert error={error} />
      {report.data && (
        <div className="result-bar">
          <Typography.Text data-testid="report-totals">
            Toàn đảng bộ: phải nộp {formatMoney(report.data.totals.due)} — đã nộp{' '}
            {formatMoney(report.data.totals.paid)} — còn nợ{' '}
            {formatMoney(report.data.totals.outstanding)}
          </Typography.Text>
        </div>
      )}
      <Table<OrgRow>
        data-testid="report-table"
        data-settled={report.settled ? 'true' : 'false'}
        rowKey="orgId"
        size="small"
        bordered
        columns={columns}
        dataSource={report.data?.orgs ?? []}
        loading={report.loading}
        pagination={false}
        locale={{ emptyText: 'Không có số liệu' }}
      />
      {report.data && <AllocationTable report={report.data} />}
    </div>
  );
}
