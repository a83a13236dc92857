import {
  App,
  Button,
  Card,
  Form,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import type { PaymentStatus } from '../../../../src/desktop/contract';
import {
  paymentStatusLabelVi,
  type DesktopInput,
  type FeePayment,
} from '../../../../src/desktop/contract';
import {
  callDesktop,
  useBridge,
  useDesktopAction,
  useDesktopQuery,
  useInvalidate,
} from '../../desktop-context';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { indexColumn } from '../../ui/list-table';
import { failureReasonVi, formatMoney, timeLeft } from './fee-format';
import { LabelledItem, MONTH_OPTIONS, PaymentStatusTag, SourceNote, useFeeCells } from './fee-ui';
import { ReceiptButton } from './receipt-button';
import { SettleDialog } from './settle-dialog';
import { nameSearch } from '../../ui/name-search';
import { ReloadButton } from '../../ui/reload-button';
import { ListExportButton } from '../exports/list-export-button';
import {
  paymentMembersVi,
  paymentMonthsVi,
  RETRY_WHERE_VI,
  transactionsTotalVi,
  TX_LIMIT,
} from './transaction-cells';

type Filters = Omit<DesktopInput<'feeTransactions'>, 'limit'>;
const all = () => true;

/**
 * "Danh sách giao dịch nộp đảng phí": filters by month, cell, member and status. Unknown
 * payments ("đã bị trừ tiền nhưng chưa được ghi nhận") show when they settle by themselves, and
 * can be looked up at the gateway or settled by hand with the bank's reference.
 */
export function TransactionsView() {
  const bridge = useBridge();
  const { message } = App.useApp();
  const { cells } = useFeeCells(all);
  const [filters, setFilters] = useState<Filters>({});
  const list = useDesktopQuery('feeTransactions', { ...filters, limit: TX_LIMIT });
  const members = useDesktopQuery(
    'orgMembers',
    filters.cellId ? { orgId: filters.cellId, limit: 1000 } : null,
  );
  const [settling, setSettling] = useState<FeePayment>();
  const [lookingUp, setLookingUp] = useState<string>();
  const { busy, error: callError, run } = useDesktopAction();
  const invalidate = useInvalidate();
  const busyId = busy ? lookingUp : undefined;
  const canSettle = (p: FeePayment) => cells.some((c) => c.id === p.cellId && c.canSettle);

  async function lookUp(p: FeePayment) {
    setLookingUp(p.id);
    await run(async () => {
      const now = await callDesktop(bridge, 'queryFeePayment', { paymentId: p.id });
      message.info(`Giao dịch ${now.reference}: ${now.statusVi}`);
      await invalidate('fees');
    });
  }

  const set = (change: Partial<Filters>) =>
    setFilters((f) => {
      const next = { ...f, ...change };
      for (const key of Object.keys(next) as (keyof Filters)[])
        if (next[key] === undefined || next[key] === null) delete next[key];
      return next;
    });

  const columns: TableColumnsType<FeePayment> = [
    indexColumn(),
    {
      // Reference and time stacked: the list's key columns fit 1366 px without sideways scrolling.
      title: 'Giao dịch',
      dataIndex: 'reference',
      width: 190,
      render: (ref: string, p) => (
        <div>
          <span data-testid="payment-reference" style={{ wordBreak: 'break-all' }}>
            {ref}
          </span>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(p.createdAt)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: 'Trạng thái',
      key: 'status',
      width: 190,
      render: (_v, p) => (
        <div>
          <PaymentStatusTag status={p.status} label={p.statusVi} />
          {p.status === 'unknown' && p.settleDeadline && (
            <div data-testid="payment-deadline">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.nextAutoCheckAt
                  ? `Tự động tra cứu lúc ${formatDateTime(p.nextAutoCheckAt)}. `
                  : ''}
                Tự động xử lý trước {formatDateTime(p.settleDeadline)}
                {timeLeft(p.settleDeadline, new Date())
                  ? ` (còn ${timeLeft(p.settleDeadline, new Date())})`
                  : ''}
              </Typography.Text>
            </div>
          )}
          {p.status === 'failed' && (
            <div data-testid="payment-failure-reason">
              {/* Two lines, the rest behind antd's expand link (its name matches its text). */}
              <Typography.Paragraph
                type="secondary"
                style={{ fontSize: 12, marginBottom: 0 }}
                ellipsis={{ rows: 2, expandable: true }}
              >
                {failureReasonVi(p)} ({RETRY_WHERE_VI})
              </Typography.Paragraph>
            </div>
          )}
        </div>
      ),
    },
    {
      title: 'Số tiền',
      dataIndex: 'amount',
      width: 130,
      align: 'right',
      render: (amount: number, p) => (
        <div>
          {formatMoney(amount)}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {paymentMonthsVi(p)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: 'Chi bộ, đảng viên',
      key: 'members',
      render: (_v, p) => (
        <div title={`${p.cellName}\n${paymentMembersVi(p)}`}>
          <Typography.Text ellipsis>{p.cellName}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {paymentMembersVi(p)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: 'Người nộp',
      dataIndex: 'payerName',
      width: 170,
      render: (payer: string | null, p) => (
        <div>
          {payer ?? ''}
          {p.bankReference && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                Mã ngân hàng: {p.bankReference}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: 'Thao tác',
      key: 'actions',
      width: 140,
      render: (_v, p) => (
        <Space size={0} wrap>
          {p.status === 'unknown' && (
            <Button
              type="link"
              size="small"
              data-testid="payment-query"
              loading={busyId === p.id}
              onClick={() => void lookUp(p)}
            >
              Tra cứu kết quả
            </Button>
          )}
          {p.status === 'unknown' && canSettle(p) && (
            <Button
              type="link"
              size="small"
              data-testid="payment-settle"
              onClick={() => setSettling(p)}
            >
              Xử lý thủ công
            </Button>
          )}
          {p.status === 'success' && <ReceiptButton payment={p} size="small" />}
        </Space>
      ),
    },
  ];

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Danh sách giao dịch nộp đảng phí
      </Typography.Title>
      <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }}>
        <LabelledItem label="Tháng">
          {(id) => (
            <Select
              id={id}
              data-testid="tx-month"
              allowClear
              placeholder="Tất cả"
              value={filters.month}
              onChange={(month?: string) => set({ month })}
              options={MONTH_OPTIONS}
              style={{ width: 160 }}
            />
          )}
        </LabelledItem>
        <LabelledItem label="Chi bộ">
          {(id) => (
            <Select
              id={id}
              data-testid="tx-cell"
              allowClear
              showSearch={nameSearch}
              placeholder="Tất cả"
              value={filters.cellId}
              onChange={(cellId?: string) => set({ cellId, memberId: undefined })}
              options={cells.map((c) => ({ value: c.id, label: c.name }))}
              style={{ width: 260 }}
            />
          )}
        </LabelledItem>
        <LabelledItem label="Đảng viên">
          {(id) => (
            <Select
              id={id}
              data-testid="tx-member"
              allowClear
              showSearch={nameSearch}
              disabled={!filters.cellId}
              placeholder={filters.cellId ? 'Tất cả' : 'Chọn chi bộ trước'}
              value={filters.memberId}
              onChange={(memberId?: string) => set({ memberId })}
              options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.fullName }))}
              style={{ width: 220 }}
            />
          )}
        </LabelledItem>
        <LabelledItem label="Trạng thái">
          {(id) => (
            <Select
              id={id}
              data-testid="tx-status"
              allowClear
              placeholder="Tất cả"
              value={filters.status}
              onChange={(status?: PaymentStatus) => set({ status })}
              options={(['success', 'failed', 'unknown'] as const).map((s) => ({
                value: s,
                label: paymentStatusLabelVi[s],
              }))}
              style={{ width: 170 }}
            />
          )}
        </LabelledItem>
        <Form.Item>
          <Space>
            <ReloadButton list={list} />
            <ListExportButton
              testId="tx-export-xlsx"
              request={{ list: 'feeTransactions', ...filters }}
              disabled={!list.data || list.data.items.length === 0}
            />
          </Space>
        </Form.Item>
      </Form>
      <SourceNote source={list.data} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ErrorAlert error={callError} />
      <div className="result-bar">
        <Typography.Text data-testid="tx-total">
          {transactionsTotalVi(list.data?.items.length ?? 0, TX_LIMIT)}
        </Typography.Text>
      </div>
      <Table<FeePayment>
        data-testid="tx-table"
        // Fixed layout: the flexible column takes what is left instead of its longest name list.
        tableLayout="fixed"
        data-settled={list.settled ? 'true' : 'false'}
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: 'Không có giao dịch phù hợp' }}
        onRow={(p) => ({ 'data-payment-id': p.id }) as React.HTMLAttributes<HTMLElement>}
      />
      <SettleDialog payment={settling} onClose={() => setSettling(undefined)} />
    </Card>
  );
}
