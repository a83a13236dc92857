import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Modal,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import {
  STATEMENT_MAX_BYTES,
  STATEMENT_TOO_LARGE_VI,
  type FeeSheetLine,
  type StatementImportResponse,
  type StatementLineRow,
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
import { formatMoney, monthLabel } from './fee-format';
import { CellPicker, MonthPicker, SourceNote, useFeeCells } from './fee-ui';

type LineStatus = 'unmatched' | 'matched';
type ImportedLine =
  | (StatementImportResponse['matched'][number] & { kind: 'matched' })
  | (StatementImportResponse['unmatched'][number] & { kind: 'unmatched' });

const all = () => true;
const dateVi = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The file's bytes as base64, in chunks (a statement can be close to a megabyte). */
async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * "Đối soát sao kê ngân hàng": the fee officer imports the CSV or Excel statement of an org's
 * account; transfers carrying a VietQR reference and the right amount become payments, the
 * rest waits here until a person matches each line to members' month or to a recorded payment.
 */
export function StatementsView() {
  const bridge = useBridge();
  const { message } = App.useApp();
  const orgs = useDesktopQuery('feeStatementOrgs', {});
  const [orgId, setOrgId] = useState<string>();
  const [status, setStatus] = useState<LineStatus>('unmatched');
  const [result, setResult] = useState<StatementImportResponse & { fileName: string }>();
  const { busy, error: callError, setError: setCallError, run } = useDesktopAction();
  const invalidate = useInvalidate();
  const [matching, setMatching] = useState<StatementLineRow>();
  const items = orgs.data?.items ?? [];
  const org = items.find((o) => o.id === orgId);
  useEffect(() => {
    if (orgId === undefined && items[0]) setOrgId(items[0].id);
  }, [items, orgId]);
  const lines = useDesktopQuery('feeStatementLines', orgId ? { orgId, status } : null);

  async function importFile(file: File) {
    if (!orgId) return;
    setCallError(undefined);
    setResult(undefined);
    if (file.size > STATEMENT_MAX_BYTES) {
      setCallError({ code: 'too_large', message: 'file too large', messageVi: STATEMENT_TOO_LARGE_VI }); // prettier-ignore
      return;
    }
    await run(async () => {
      const dataBase64 = await base64Of(file);
      const answer = await callDesktop(bridge, 'importFeeStatement', {
        orgId,
        fileName: file.name,
        dataBase64,
      });
      setResult({ ...answer, fileName: file.name });
      if (answer.accepted) {
        message.success(`Đã nhập ${answer.imported} dòng sao kê.`);
        await invalidate('fees');
      }
    });
  }

  const lineColumns: TableColumnsType<StatementLineRow> = [
    { title: 'Ngày', dataIndex: 'date', width: 100, render: (d: string) => dateVi(d) },
    {
      title: 'Số tiền',
      dataIndex: 'amount',
      width: 120,
      align: 'right',
      render: (a: number) => formatMoney(a),
    },
    { title: 'Nội dung', dataIndex: 'description', width: 280, ellipsis: { showTitle: true } },
    { title: 'Số tham chiếu', dataIndex: 'bankReference', width: 140 },
    {
      title: status === 'unmatched' ? 'Lý do chưa khớp' : 'Lý do cần đối soát',
      dataIndex: 'reasonVi',
      width: 260,
      render: (r: string | null) => r ?? (status === 'matched' ? 'Khớp tự động' : ''),
    },
    status === 'unmatched'
      ? {
          title: 'Nhập lúc',
          key: 'imported',
          width: 200,
          render: (_v, l) => `${formatDateTime(l.importedAt)} — ${l.importedByName ?? ''}`,
        }
      : {
          title: 'Người đối soát',
          key: 'matched',
          width: 220,
          render: (_v, l) =>
            l.matchedByName ? `${l.matchedByName} — ${formatDateTime(l.matchedAt ?? '')}` : '',
        },
    {
      title: 'Thao tác',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_v, l) =>
        l.status === 'unmatched' ? (
          <Button
            type="link"
            size="small"
            data-testid="statement-match"
            onClick={() => setMatching(l)}
          >
            Đối soát
          </Button>
        ) : (
          <Tag color="green">Đã đối soát</Tag>
        ),
    },
  ];

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Đối soát sao kê ngân hàng
      </Typography.Title>
      <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item label="Tổ chức đảng">
          <Select
            data-testid="statement-org"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Chọn tổ chức đảng có tài khoản thụ hưởng"
            value={orgId}
            onChange={(id: string) => {
              setOrgId(id);
              setResult(undefined);
            }}
            options={items.map((o) => ({ value: o.id, label: o.name }))}
            style={{ width: 320 }}
          />
        </Form.Item>
        {org && (
          <Form.Item label="Tài khoản">
            <Typography.Text data-testid="statement-account">
              {org.accountNo} — {org.bankName}
            </Typography.Text>
          </Form.Item>
        )}
        <Form.Item>
          <Upload
            accept=".csv,.xlsx"
            showUploadList={false}
            disabled={!orgId || busy}
            beforeUpload={(file) => {
              void importFile(file);
              return false;
            }}
          >
            <Button type="primary" loading={busy} disabled={!orgId} data-testid="statement-upload">
              Nhập sao kê (CSV, Excel)
            </Button>
          </Upload>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        Tệp sao kê xuất từ ngân hàng gồm các cột Ngày, Số tiền, Nội dung, Số tham chiếu. Dòng có mã
        thanh toán VietQR và đúng số tiền được ghi nhận tự động; tệp có dòng lỗi không được nhập
        dòng nào. Dòng đã nhập ở lần trước được bỏ qua.
      </Typography.Paragraph>
      <ErrorAlert error={orgs.error} onRetry={orgs.reload} />
      <ErrorAlert error={callError} />
      {orgs.data && items.length === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="Không có tổ chức đảng nào có tài khoản thụ hưởng trong phạm vi của tài khoản này."
        />
      )}
      {result && <ImportResult result={result} />}
      <div className="result-bar" style={{ marginTop: 16 }}>
        <Segmented<LineStatus>
          data-testid="statement-status"
          value={status}
          onChange={setStatus}
          options={[
            { value: 'unmatched', label: 'Chờ đối soát' },
            { value: 'matched', label: 'Đã khớp' },
          ]}
        />
        <Typography.Text data-testid="statement-total">
          {lines.data?.items.length ?? 0} dòng
        </Typography.Text>
      </div>
      <SourceNote source={lines.data} />
      <ErrorAlert error={lines.error} onRetry={lines.reload} />
      <Table<StatementLineRow>
        data-testid="statement-lines"
        data-settled={lines.settled ? 'true' : 'false'}
        rowKey="lineId"
        size="small"
        bordered
        columns={lineColumns}
        dataSource={lines.data?.items ?? []}
        loading={lines.loading}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={{ x: 1350 }}
        locale={{
          emptyText:
            status === 'unmatched' ? 'Không có dòng sao kê nào chờ đối soát' : 'Chưa có dòng nào',
        }}
        onRow={(l) => ({ 'data-line-ref': l.bankReference }) as React.HTMLAttributes<HTMLElement>}
      />
      <MatchDialog
        line={matching}
        onClose={(done) => {
          setMatching(undefined);
          if (done) {
            message.success('Đã đối soát dòng sao kê.');
          }
        }}
      />
    </Card>
  );
}

/** What the import did, line by line: refused with the problems, or matched and left. */
function ImportResult({ result }: { result: StatementImportResponse & { fileName: string } }) {
  if (!result.accepted)
    return (
      <div data-testid="statement-result" data-accepted="false" style={{ marginBottom: 12 }}>
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={`Tệp "${result.fileName}" có ${result.problems.length} lỗi; chưa nhập dòng nào. Sửa tệp rồi nhập lại.`}
        />
        <Table
          data-testid="statement-problems"
          rowKey={(p) => `${p.lineNo}-${p.messageVi}`}
          size="small"
          bordered
          pagination={false}
          dataSource={result.problems}
          columns={[
            { title: 'Dòng', dataIndex: 'lineNo', width: 80, align: 'right' },
            { title: 'Lỗi', dataIndex: 'messageVi' },
          ]}
        />
      </div>
    );
  const rows: ImportedLine[] = [
    ...result.matched.map((m) => ({ ...m, kind: 'matched' as const })),
    ...result.unmatched.map((u) => ({ ...u, kind: 'unmatched' as const })),
  ].sort((a, b) => a.lineNo - b.lineNo);
  return (
    <div data-testid="statement-result" data-accepted="true" style={{ marginBottom: 12 }}>
      <Alert
        type={result.unmatched.length > 0 ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 8 }}
        title={`Tệp "${result.fileName}": nhập ${result.imported} dòng — ${result.matched.length} dòng khớp tự động, ${result.unmatched.length} dòng chờ đối soát${result.alreadyImported > 0 ? `; ${result.alreadyImported} dòng đã nhập trước đó được bỏ qua` : ''}.`}
      />
      {rows.length > 0 && (
        <Table<ImportedLine>
          data-testid="statement-import-lines"
          rowKey="lineNo"
          size="small"
          bordered
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          dataSource={rows}
          columns={[
            { title: 'Dòng', dataIndex: 'lineNo', width: 70, align: 'right' },
            { title: 'Ngày', dataIndex: 'date', width: 100, render: (d: string) => dateVi(d) },
            {
              title: 'Số tiền',
              dataIndex: 'amount',
              width: 120,
              align: 'right',
              render: (a: number) => formatMoney(a),
            },
            { title: 'Nội dung', dataIndex: 'description', ellipsis: { showTitle: true } },
            { title: 'Số tham chiếu', dataIndex: 'bankReference', width: 140 },
            {
              title: 'Kết quả',
              key: 'result',
              width: 300,
              render: (_v, l) =>
                l.kind === 'matched' ? (
                  <Tag color="green">Khớp mã {l.reference}</Tag>
                ) : (
                  <Tag color="gold" style={{ whiteSpace: 'normal' }}>
                    {l.reasonVi}
                  </Tag>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}

type MatchMode = 'members' | 'payment';
const payable = (l: FeeSheetLine) => l.approved && !l.paid && l.amount > 0;

/**
 * "Đối soát": a person says what the transfer pays — members' approved month of a cell (a new
 * payment), or a payment already recorded (an unknown one the transfer proves). The server
 * refuses a wrong amount, a line matched meanwhile, a month paid already.
 */
function MatchDialog({
  line,
  onClose,
}: {
  line: StatementLineRow | undefined;
  onClose: (done: boolean) => void;
}) {
  const bridge = useBridge();
  const { cells } = useFeeCells(all);
  const [mode, setMode] = useState<MatchMode>('members');
  const [cellId, setCellId] = useState<string>();
  const [month, setMonth] = useState<string>('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [paymentId, setPaymentId] = useState<string>();
  const { busy, error, setError, run } = useDesktopAction();
  const invalidate = useInvalidate();
  useEffect(() => {
    setMode('members');
    setCellId(undefined);
    setMonth(line ? line.date.slice(0, 7) : '');
    setMemberIds([]);
    setPaymentId(undefined);
    setError(undefined);
  }, [line]);
  const sheet = useDesktopQuery(
    'feeApprovalSheet',
    line && mode === 'members' && cellId && month ? { cellId, month } : null,
  );
  const payments = useDesktopQuery(
    'feeTransactions',
    line && mode === 'payment' ? { limit: 500 } : null,
  );
  const candidates = useMemo(
    () =>
      (payments.data?.items ?? []).filter(
        (p) => line && p.amount === line.amount && p.status !== 'failed',
      ),
    [payments.data, line],
  );
  const open = (sheet.data?.lines ?? []).filter(payable);
  const total = open
    .filter((l) => memberIds.includes(l.memberId))
    .reduce((sum, l) => sum + l.amount, 0);

  async function submit() {
    if (!line) return;
    setError(undefined);
    if (mode === 'members' && (!cellId || memberIds.length === 0)) {
      setError({ code: 'invalid_input', message: 'choose members', messageVi: 'Chọn chi bộ và đảng viên mà khoản chuyển khoản này nộp cho.' }); // prettier-ignore
      return;
    }
    if (mode === 'payment' && !paymentId) {
      setError({ code: 'invalid_input', message: 'choose a payment', messageVi: 'Chọn giao dịch mà khoản chuyển khoản này chứng minh.' }); // prettier-ignore
      return;
    }
    const input =
      mode === 'members'
        ? { by: 'members' as const, lineId: line.lineId, cellId: cellId ?? '', month, memberIds }
        : { by: 'payment' as const, lineId: line.lineId, paymentId: paymentId ?? '' };
    await run(async () => {
      await callDesktop(bridge, 'matchFeeStatementLine', input);
      await invalidate('fees');
      onClose(true);
    });
  }

  return (
    <Modal
      open={line !== undefined}
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
      {line && (
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
          {mode === 'members' ? (
            <>
              <Form layout="inline" style={{ rowGap: 8, marginBottom: 8 }}>
                <CellPicker
                  testId="match-cell"
                  cells={cells}
                  value={cellId}
                  onChange={(id) => {
                    setCellId(id);
                    setMemberIds([]);
                  }}
                />
                <MonthPicker
                  testId="match-month"
                  value={month}
                  onChange={(m) => {
                    setMonth(m);
                    setMemberIds([]);
                  }}
                />
              </Form>
              <ErrorAlert error={sheet.error} />
              <Table<FeeSheetLine>
                data-testid="match-members"
                data-settled={sheet.settled ? 'true' : 'false'}
                rowKey="memberId"
                size="small"
                bordered
                loading={sheet.loading}
                pagination={false}
                scroll={{ y: 260 }}
                dataSource={open}
                rowSelection={{
                  selectedRowKeys: memberIds,
                  onChange: (keys) => setMemberIds(keys.map(String)),
                }}
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
                locale={{
                  emptyText: cellId
                    ? `Không có đảng viên nào đã được phê duyệt và chưa nộp ${monthLabel(month).toLowerCase()}`
                    : 'Chọn chi bộ',
                }}
              />
              <Space style={{ marginTop: 8 }} data-testid="match-total">
                <Typography.Text>
                  Tổng đã chọn: <strong>{formatMoney(total)}</strong> / số tiền của dòng sao kê{' '}
                  <strong>{formatMoney(line.amount)}</strong>
                </Typography.Text>
                {memberIds.length > 0 && total !== line.amount && (
                  <Tag color="red">Chưa khớp số tiền</Tag>
                )}
                {memberIds.length > 0 && total === line.amount && <Tag color="green">Khớp</Tag>}
              </Space>
            </>
          ) : (
            <>
              <SourceNote source={payments.data} />
              <ErrorAlert error={payments.error} />
              <Select
                data-testid="match-payment"
                showSearch={{ optionFilterProp: 'label' }}
                loading={payments.loading}
                placeholder={`Giao dịch ${formatMoney(line.amount)} chưa xác định hoặc thành công`}
                value={paymentId}
                onChange={setPaymentId}
                style={{ width: '100%' }}
                options={candidates.map((p) => ({
                  value: p.id,
                  label: `${p.reference} — ${p.cellName} — ${formatMoney(p.amount)} — ${p.statusVi} — ${formatDateTime(p.createdAt)}`,
                }))}
                notFoundContent="Không có giao dịch nào cùng số tiền"
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                Giao dịch chưa xác định được ghi nhận thành công với số tham chiếu của dòng sao kê;
                giao dịch đã thành công chỉ được đánh dấu là đã đối soát.
              </Typography.Paragraph>
            </>
          )}
          <Typography.Text type="secondary">
            Thao tác được ghi nhật ký kèm tên người đối soát.
          </Typography.Text>
        </div>
      )}
    </Modal>
  );
}
