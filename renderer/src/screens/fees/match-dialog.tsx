import { Descriptions, Form, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { FeeSheetLine, StatementLineRow } from '../../../../src/desktop/contract';
import {
  callDesktop,
  DesktopCallError,
  useBridge,
  useDesktopAction,
  useDesktopQuery,
  useInvalidate,
} from '../../desktop-context';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { showOnField } from '../../ui/field-errors';
import { labelledRowSelection } from '../../ui/row-selection';
import { formatMoney, monthLabel } from './fee-format';
import { CellPicker, MonthPicker, SourceNote, useFeeCells } from './fee-ui';
import { ToneTag } from './tone-tag';
import { dateVi } from './statement-format';
import { nameSearch } from '../../ui/name-search';

const all = () => true;

type MatchMode = 'members' | 'payment';
const payable = (l: FeeSheetLine) => l.approved && !l.paid && l.amount > 0;
const CHOOSE_MEMBERS_VI = 'Chọn chi bộ và đảng viên mà khoản chuyển khoản này nộp cho.';
const CHOOSE_PAYMENT_VI = 'Chọn giao dịch mà khoản chuyển khoản này chứng minh.';

/** What the form checks: the members chosen, or the payment proved (per the mode shown). */
interface MatchValues {
  memberIds: string[];
  paymentId?: string;
}
const MATCH_FIELDS: readonly (keyof MatchValues)[] = ['memberIds', 'paymentId'];

/**
 * "Đối soát": a person says what the transfer pays — members' approved month of a cell (a new
 * payment), or a payment already recorded (an unknown one the transfer proves). The server
 * refuses a wrong amount, a line matched meanwhile, a month paid already.
 */
export function MatchDialog({
  line,
  onClose,
}: {
  line: StatementLineRow | undefined;
  onClose: (done: boolean) => void;
}) {
  // Each line gets a fresh form: nothing chosen for the previous one carries over.
  return line ? <MatchForm key={line.lineId} line={line} onClose={onClose} /> : null;
}

function MatchForm({
  line,
  onClose,
}: {
  line: StatementLineRow;
  onClose: (done: boolean) => void;
}) {
  const bridge = useBridge();
  const { cells } = useFeeCells(all);
  const [form] = Form.useForm<MatchValues>();
  // Mode, cell and month choose what is offered; the form holds what is chosen among it.
  const [mode, setMode] = useState<MatchMode>('members');
  const [cellId, setCellId] = useState<string>();
  const [month, setMonth] = useState(line.date.slice(0, 7));
  const memberIds = Form.useWatch('memberIds', form) ?? [];
  const { busy, error, run } = useDesktopAction();
  const invalidate = useInvalidate();
  const sheet = useDesktopQuery(
    'feeApprovalSheet',
    mode === 'members' && cellId && month ? { cellId, month } : null,
  );
  const payments = useDesktopQuery('feeTransactions', mode === 'payment' ? { limit: 500 } : null);
  const candidates = useMemo(
    () =>
      (payments.data?.items ?? []).filter((p) => p.amount === line.amount && p.status !== 'failed'),
    [payments.data, line],
  );
  const open = (sheet.data?.lines ?? []).filter(payable);
  const total = open
    .filter((l) => memberIds.includes(l.memberId))
    .reduce((sum, l) => sum + l.amount, 0);

  async function submit() {
    let values: MatchValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // The fields show what is missing.
    }
    const input =
      mode === 'members'
        ? {
            by: 'members' as const,
            lineId: line.lineId,
            cellId: cellId ?? '',
            month,
            memberIds: values.memberIds,
          }
        : { by: 'payment' as const, lineId: line.lineId, paymentId: values.paymentId ?? '' };
    await run(async () => {
      try {
        await callDesktop(bridge, 'matchFeeStatementLine', input);
      } catch (err) {
        if (err instanceof DesktopCallError && showOnField(form, err.error, MATCH_FIELDS)) return;
        throw err;
      }
      await invalidate('fees');
      onClose(true);
    });
  }

  return (
    <Modal
      open
      title="Đối soát dòng sao kê"
      onCancel={() => onClose(false)}
      okText="Xác nhận đối soát"
      cancelText="Hủy"
      okButtonProps={{ 'data-testid': 'match-submit' } as Record<string, string>}
      confirmLoading={busy}
      onOk={() => void submit()}
      width={820}
      destroyOnHidden
    >
      <div data-testid="match-dialog">
        <Descriptions size="small" bordered column={2} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="Ngày">{dateVi(line.date)}</Descriptions.Item>
          <Descriptions.Item label="Số tiền">{formatMoney(line.amount)}</Descriptions.Item>
          <Descriptions.Item label="Nội dung" span={2}>
            {line.description}
          </Descriptions.Item>
          <Descriptions.Item label="Số tham chiếu">{line.bankReference}</Descriptions.Item>
          <Descriptions.Item label="Lý do chưa khớp">{line.reasonVi}</Descriptions.Item>
        </Descriptions>
        <Radio.Group
          value={mode}
          onChange={(e) => setMode(e.target.value as MatchMode)}
          style={{ marginBottom: 12 }}
        >
          <Radio value="members">Nộp cho đảng viên của chi bộ (ghi nhận giao dịch mới)</Radio>
          <Radio value="payment">Chứng minh một giao dịch đã có</Radio>
        </Radio.Group>
        <ErrorAlert error={error} />
        {mode === 'members' && (
          <Form layout="inline" style={{ rowGap: 8, marginBottom: 8 }}>
            <CellPicker
              testId="match-cell"
              cells={cells}
              value={cellId}
              onChange={(id) => {
                setCellId(id);
                form.setFieldValue('memberIds', []);
              }}
            />
            <MonthPicker
              testId="match-month"
              value={month}
              onChange={(m) => {
                setMonth(m);
                form.setFieldValue('memberIds', []);
              }}
            />
          </Form>
        )}
        <Form<MatchValues> form={form} initialValues={{ memberIds: [] }}>
          {mode === 'members' ? (
            <>
              <ErrorAlert error={sheet.error} />
              <Form.Item
                name="memberIds"
                rules={[{ type: 'array', min: 1, message: CHOOSE_MEMBERS_VI }]}
                style={{ marginBottom: 8 }}
              >
                <MemberChoice
                  lines={open}
                  loading={sheet.loading}
                  settled={sheet.settled}
                  emptyText={
                    cellId
                      ? `Không có đảng viên nào đã được phê duyệt và chưa nộp ${monthLabel(month).toLowerCase()}`
                      : 'Chọn chi bộ'
                  }
                />
              </Form.Item>
              <Space data-testid="match-total">
                <Typography.Text>
                  Tổng đã chọn: <strong>{formatMoney(total)}</strong> / số tiền của dòng sao kê{' '}
                  <strong>{formatMoney(line.amount)}</strong>
                </Typography.Text>
                {memberIds.length > 0 && total !== line.amount && (
                  <ToneTag tone="red">Chưa khớp số tiền</ToneTag>
                )}
                {memberIds.length > 0 && total === line.amount && (
                  <ToneTag tone="green">Khớp</ToneTag>
                )}
              </Space>
            </>
          ) : (
            <>
              <SourceNote source={payments.data} />
              <ErrorAlert error={payments.error} />
              <Form.Item
                name="paymentId"
                rules={[{ required: true, message: CHOOSE_PAYMENT_VI }]}
                style={{ marginBottom: 0 }}
              >
                <Select
                  data-testid="match-payment"
                  showSearch={nameSearch}
                  loading={payments.loading}
                  placeholder={`Giao dịch ${formatMoney(line.amount)} chưa xác định hoặc thành công`}
                  style={{ width: '100%' }}
                  options={candidates.map((p) => ({
                    value: p.id,
                    label: `${p.reference} — ${p.cellName} — ${formatMoney(p.amount)} — ${p.statusVi} — ${formatDateTime(p.createdAt)}`,
                  }))}
                  notFoundContent="Không có giao dịch nào cùng số tiền"
                />
              </Form.Item>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                Giao dịch chưa xác định được ghi nhận thành công với số tham chiếu của dòng sao kê;
                giao dịch đã thành công chỉ được đánh dấu là đã đối soát.
              </Typography.Paragraph>
            </>
          )}
        </Form>
        <Typography.Text type="secondary">
          Thao tác được ghi nhật ký kèm tên người đối soát.
        </Typography.Text>
      </div>
    </Modal>
  );
}

/** The cell's payable members as a Form.Item control: the value is the ids ticked. */
function MemberChoice({
  lines,
  loading,
  settled,
  emptyText,
  value = [],
  onChange,
}: {
  lines: FeeSheetLine[];
  loading: boolean;
  settled: boolean;
  emptyText: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  return (
    <Table<FeeSheetLine>
      data-testid="match-members"
      data-settled={settled ? 'true' : 'false'}
      rowKey="memberId"
      size="small"
      bordered
      loading={loading}
      pagination={false}
      scroll={{ y: 260 }}
      dataSource={lines}
      rowSelection={labelledRowSelection<FeeSheetLine>(
        { selectedRowKeys: value, onChange: (keys) => onChange?.(keys.map(String)) },
        (l) => l.fullName,
      )}
      columns={[
        { title: 'Đảng viên', dataIndex: 'fullName' },
        {
          title: 'Số tiền phải nộp',
          dataIndex: 'amount',
          width: 160,
          align: 'right',
          render: (a: number) => formatMoney(a),
        },
      ]}
      locale={{ emptyText }}
    />
  );
}
