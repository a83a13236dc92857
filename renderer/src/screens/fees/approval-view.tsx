import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Space,
  Table,
  Typography,
  type InputProps,
  type TableColumnsType,
} from 'antd';
import { useState, type ReactNode } from 'react';
import {
  UNAPPROVED_NOTE_VI,
  type DesktopInput,
  type FeeSheet,
  type FeeSheetLine,
} from '../../../../src/desktop/contract';
import {
  callDesktop,
  useBridge,
  useDesktopAction,
  useDesktopQuery,
  useInvalidate,
} from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { indexColumn } from '../../ui/list-table';
import { labelledRowSelection } from '../../ui/row-selection';
import { adjustWarning, amountErrorAsTyped, readEdit, type Edit } from './adjust-edit';
import { formatMoney } from './fee-format';
import { CellMonthBar, SourceNote, thisMonth, useFeeCells } from './fee-ui';
import { ToneTag } from './tone-tag';

/** The sheet's adjustments, per member, as typed (a field not typed is undefined). */
interface AdjustValues {
  edits?: Record<string, Partial<Edit>>;
}
type EditField = keyof Edit;
const fieldName = (memberId: string, field: EditField): ['edits', string, EditField] => [
  'edits',
  memberId,
  field,
];

const canApprove = (c: { canApprove: boolean }) => c.canApprove;

/** "Phê duyệt mức đóng đảng phí": the cell's month, adjusted where needed, approved. */
export function ApprovalView() {
  const bridge = useBridge();
  const { message } = App.useApp();
  const { cells, cellId, setCellId, query: cellsQuery } = useFeeCells(canApprove);
  const [month, setMonth] = useState(thisMonth);
  const sheet = useDesktopQuery('feeApprovalSheet', cellId ? { cellId, month } : null);
  const [form] = Form.useForm<AdjustValues>();
  const [selected, setSelected] = useState<string[]>([]);
  const { busy, error: callError, run } = useDesktopAction();
  const invalidate = useInvalidate();
  const lines = sheet.data?.lines ?? [];

  /** A member's typed adjustment; untouched, the computed amount. */
  const editOf = (memberId: string): Edit | undefined => {
    const typed = form.getFieldValue(['edits', memberId]) as Partial<Edit> | undefined;
    return typed && { amount: typed.amount ?? '', reason: typed.reason ?? '' };
  };

  async function approve(all: boolean) {
    if (!cellId) return;
    const chosen = all
      ? lines.filter((l) => editOf(l.memberId)?.amount)
      : lines.filter((l) => selected.includes(l.memberId));
    // The lines approved now are checked; marks left on the others from an earlier try go.
    form.setFields(
      lines.flatMap((l) =>
        (['amount', 'reason'] as const).map((f) => ({
          name: fieldName(l.memberId, f),
          errors: [],
        })),
      ),
    );
    try {
      await form.validateFields(
        chosen.flatMap((l) => [fieldName(l.memberId, 'amount'), fieldName(l.memberId, 'reason')]),
      );
    } catch {
      message.error('Vui lòng sửa các ô được đánh dấu trước khi phê duyệt.');
      return;
    }
    const items: DesktopInput<'approveFees'>['items'] = [];
    for (const line of chosen) {
      const read = readEdit(line, editOf(line.memberId));
      if (read.item) items.push(read.item);
    }
    if (!all && items.length === 0) {
      message.warning('Chọn đảng viên cần phê duyệt.');
      return;
    }
    await run(async () => {
      const result = await callDesktop(bridge, 'approveFees', { cellId, month, all, items });
      setSelected([]);
      form.resetFields();
      message.success(
        result.queued
          ? 'Không kết nối được máy chủ: phê duyệt đã được lưu, sẽ gửi khi có kết nối.'
          : 'Đã phê duyệt mức đóng đảng phí.',
      );
      await invalidate('fees');
    });
  }

  const columns: TableColumnsType<FeeSheetLine> = [
    indexColumn(),
    {
      title: 'Họ và tên',
      dataIndex: 'fullName',
      // Every column has a width: on a wide screen the room is shared, not given to the names.
      width: 200,
      render: (name: string) => <span data-testid="fee-member">{name}</span>,
    },
    {
      title: 'Mức tính theo quy định',
      key: 'computed',
      width: 130,
      align: 'right',
      render: (_v, l) =>
        l.computedAmount !== null ? (
          formatMoney(l.computedAmount)
        ) : (
          <Typography.Text type="warning">{l.computeMessageVi}</Typography.Text>
        ),
    },
    {
      title: 'Số tiền điều chỉnh (đồng)',
      key: 'adjust',
      width: 150,
      render: (_v, l) => (
        <AdjustItem line={l} field="amount" errorTestId="fee-adjust-error">
          {(_edited, status) => (
            <Input
              data-testid="fee-adjust-amount"
              aria-label={`Số tiền điều chỉnh của ${l.fullName}`}
              status={status}
              disabled={l.paid}
              inputMode="numeric"
              placeholder={l.computedAmount !== null ? String(l.computedAmount) : 'Nhập số tiền'}
            />
          )}
        </AdjustItem>
      ),
    },
    {
      title: 'Lý do điều chỉnh',
      key: 'reason',
      width: 190,
      render: (_v, l) => (
        <AdjustItem line={l} field="reason" errorTestId="fee-reason-error">
          {(edited, status) => (
            <FallbackInput
              data-testid="fee-adjust-reason"
              aria-label={`Lý do điều chỉnh của ${l.fullName}`}
              status={status}
              disabled={l.paid}
              maxLength={500}
              // Untouched, the row shows the reason approved before; once edited, what is typed.
              fallback={edited ? '' : (l.adjustReason ?? '')}
            />
          )}
        </AdjustItem>
      ),
    },
    {
      title: 'Số tiền phải nộp',
      key: 'amount',
      width: 130,
      align: 'right',
      render: (_v, l) => (
        <div data-testid="fee-amount" data-amount={l.amount}>
          {formatMoney(l.amount)}
          {!l.approved && l.note && l.note !== UNAPPROVED_NOTE_VI && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {l.note}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: 'Phê duyệt',
      key: 'approved',
      width: 120,
      render: (_v, l) =>
        l.pending || (sheet.data?.pendingAll && !l.approved) ? (
          <ToneTag tone="gold" data-testid="fee-approval" data-state="pending">
            Chờ gửi
          </ToneTag>
        ) : l.approved ? (
          <ToneTag tone="green" data-testid="fee-approval" data-state="approved">
            Đã phê duyệt
          </ToneTag>
        ) : (
          <ToneTag data-testid="fee-approval" data-state="unapproved">
            Chưa phê duyệt
          </ToneTag>
        ),
    },
    {
      title: 'Nộp',
      key: 'paid',
      width: 95,
      render: (_v, l) =>
        l.paid ? <ToneTag tone="blue">Đã nộp</ToneTag> : <ToneTag>Chưa nộp</ToneTag>,
    },
  ];

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Phê duyệt mức đóng đảng phí
      </Typography.Title>
      <CellMonthBar
        cells={cells}
        cellId={cellId}
        onCell={setCellId}
        month={month}
        onMonth={setMonth}
      />
      <ErrorAlert error={cellsQuery.error} />
      <SourceNote source={sheet.data} />
      <ErrorAlert error={sheet.error} onRetry={sheet.reload} />
      <ErrorAlert error={callError} />
      <UnapprovedNote lines={lines} />
      <div className="result-bar">
        <Space>
          <Button
            type="primary"
            data-testid="fee-approve-selected"
            disabled={selected.length === 0}
            loading={busy}
            onClick={() => void approve(false)}
          >
            Phê duyệt đã chọn ({selected.length})
          </Button>
          <Button
            data-testid="fee-approve-all"
            disabled={!sheet.data || lines.every((l) => l.paid)}
            loading={busy}
            onClick={() => void approve(true)}
          >
            Phê duyệt tất cả
          </Button>
        </Space>
        <SheetTotals sheet={sheet.data} />
      </div>
      {/* The adjustments' form: its fields sit in the table's cells. */}
      <Form form={form} component={false}>
        <Table<FeeSheetLine>
          data-testid="fee-approval-table"
          data-settled={sheet.settled && !busy ? 'true' : 'false'}
          rowKey="memberId"
          size="small"
          bordered
          columns={columns}
          dataSource={lines}
          loading={sheet.loading}
          pagination={false}
          rowSelection={labelledRowSelection<FeeSheetLine>(
            {
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys.map(String)),
              getCheckboxProps: (l) => ({ disabled: l.paid }),
            },
            (l) => l.fullName,
          )}
          locale={{ emptyText: cellId ? 'Chi bộ chưa có đảng viên' : 'Chọn chi bộ' }}
        />
      </Form>
    </Card>
  );
}

/**
 * One adjustment of a row as a Form.Item: checked only when the row is approved (readEdit, as the
 * server will), its error under it with the test id the journeys read.
 */
function AdjustItem({
  line,
  field,
  errorTestId,
  children,
}: {
  line: FeeSheetLine;
  field: EditField;
  errorTestId: string;
  /** The input, told whether the row's adjustment was edited and whether this field is wrong. */
  children: (edited: boolean, status: 'error' | 'warning' | undefined) => ReactNode;
}) {
  const name = fieldName(line.memberId, field);
  return (
    <Form.Item noStyle shouldUpdate>
      {({ getFieldError, getFieldValue }) => {
        const typed = getFieldValue(name) as string | undefined;
        // The amount is checked as it is typed; the reason only when the row is approved.
        const [error = field === 'amount' ? amountErrorAsTyped(typed) : ''] = getFieldError(name);
        const warning = field === 'amount' && !error ? adjustWarning(line, typed) : '';
        const edited = getFieldValue(['edits', line.memberId]) !== undefined;
        return (
          <div>
            <Form.Item
              name={name}
              noStyle
              validateTrigger={[]}
              rules={[
                {
                  validator: async () => {
                    const typed = getFieldValue(['edits', line.memberId]) as
                      Partial<Edit> | undefined;
                    const read = readEdit(
                      line,
                      typed && { amount: typed.amount ?? '', reason: typed.reason ?? '' },
                    );
                    const message = read.error?.[field];
                    if (message) throw new Error(message);
                  },
                },
              ]}
            >
              {children(edited, error ? 'error' : warning ? 'warning' : undefined)}
            </Form.Item>
            {error && (
              <Typography.Text type="danger" data-testid={errorTestId}>
                {error}
              </Typography.Text>
            )}
            {warning && (
              <Typography.Text type="warning" data-testid="fee-adjust-warning">
                {warning}
              </Typography.Text>
            )}
          </div>
        );
      }}
    </Form.Item>
  );
}

/** An Input that shows `fallback` while its value was never typed. */
function FallbackInput({
  value,
  fallback,
  ...props
}: Omit<InputProps, 'value'> & { value?: string; fallback: string }) {
  return <Input {...props} value={value ?? fallback} />;
}

/** Said once for the sheet, not on every row: how many members still wait for approval. */
function UnapprovedNote({ lines }: { lines: readonly FeeSheetLine[] }) {
  const waiting = lines.filter((l) => !l.approved).length;
  if (waiting === 0) return null;
  return (
    <Alert
      data-testid="fee-unapproved-note"
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={`${UNAPPROVED_NOTE_VI} (${waiting}/${lines.length} đảng viên). Chọn đảng viên rồi bấm "Phê duyệt đã chọn", hoặc bấm "Phê duyệt tất cả".`}
    />
  );
}

function SheetTotals({ sheet }: { sheet: FeeSheet | undefined }) {
  if (!sheet) return null;
  const approved = sheet.lines.filter((l) => l.approved);
  const total = approved.reduce((s, l) => s + l.amount, 0);
  return (
    <Typography.Text data-testid="fee-sheet-total">
      Đã phê duyệt {approved.length}/{sheet.lines.length} đảng viên — tổng {formatMoney(total)}
    </Typography.Text>
  );
}
