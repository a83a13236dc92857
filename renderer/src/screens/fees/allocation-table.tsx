import { Table, Typography, type TableColumnsType } from 'antd';
import type { FeeOrgReport } from '../../../../src/desktop/contract';
import {
  allocationByLevel,
  type AllocationSummary,
} from '../../../../src/domain/fees/allocation-summary';
import { formatMoney } from './fee-format';

interface AllocationRow {
  key: string;
  name: string;
  amount: number;
  /** A level's heading row (its total), or what no rule could split. */
  kind: 'level' | 'org' | 'unsplit';
}

/** The summary as table rows: each level's total, then its orgs; the unsplit rest last. */
export function allocationRows(summary: AllocationSummary): AllocationRow[] {
  const rows = summary.levels.flatMap((l): AllocationRow[] => [
    { key: `level-${l.level}`, name: l.labelVi, amount: l.total, kind: 'level' },
    ...l.orgs.map((o) => ({
      key: `${l.level}-${o.orgId}`,
      name: o.name,
      amount: o.amount,
      kind: 'org' as const,
    })),
  ]);
  if (summary.unsplit > 0)
    rows.push({
      key: 'unsplit',
      name: 'Chưa phân bổ được (tháng chưa có quy định hoặc chưa xác định được cấp trên)',
      amount: summary.unsplit,
      kind: 'unsplit',
    });
  return rows;
}

/** The line under the table: the rows add up to what was paid, or it says why not. */
export function allocationCheckVi(summary: AllocationSummary, paid: number): string {
  const sum = summary.levels.reduce((s, l) => s + l.total, 0) + summary.unsplit;
  if (sum === paid) return `Cộng các cấp: ${formatMoney(sum)}, bằng số đã nộp.`;
  return `Cộng các cấp: ${formatMoney(sum)}, khác số đã nộp ${formatMoney(paid)} là ${formatMoney(Math.abs(paid - sum))}: báo quản trị hệ thống để kiểm tra.`;
}

const columns: TableColumnsType<AllocationRow> = [
  {
    title: 'Cấp / tổ chức đảng',
    dataIndex: 'name',
    render: (name: string, r) =>
      r.kind === 'org' ? (
        <span style={{ paddingLeft: 16 }}>{name}</span>
      ) : (
        <Typography.Text strong>{name}</Typography.Text>
      ),
  },
  {
    title: 'Được phân bổ',
    dataIndex: 'amount',
    width: 170,
    align: 'right',
    render: (n: number, r) =>
      r.kind === 'org' ? (
        formatMoney(n)
      ) : (
        <Typography.Text strong>{formatMoney(n)}</Typography.Text>
      ),
  },
];

/** "Phân bổ số đảng phí đã thu giữa các cấp": per level, adding up to the paid total. */
export function AllocationTable({ report }: { report: FeeOrgReport }) {
  const summary = allocationByLevel(report.split, report.unsplit ?? 0);
  if (summary.collected === 0) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        Phân bổ số đảng phí đã thu giữa các cấp
      </Typography.Title>
      <Table<AllocationRow>
        data-testid="allocation-table"
        rowKey="key"
        size="small"
        bordered
        columns={columns}
        dataSource={allocationRows(summary)}
        pagination={false}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>Tổng cộng</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong data-testid="allocation-total">
                {formatMoney(summary.collected)}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Typography.Paragraph
        type="secondary"
        style={{ marginTop: 8 }}
        data-testid="allocation-check"
      >
        {allocationCheckVi(summary, report.totals.paid)}
      </Typography.Paragraph>
    </>
  );
}
