import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Segmented,
  Select,
  Table,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import {
  STATEMENT_MAX_BYTES,
  STATEMENT_TOO_LARGE_VI,
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
import { formatMoney } from './fee-format';
import { LabelledItem, SourceNote } from './fee-ui';
import { ToneTag } from './tone-tag';
import { MatchDialog } from './match-dialog';
import { ImportResult } from './statement-import-result';
import { base64Of, dateVi, invalidInput } from './statement-format';
import { nameSearch } from '../../ui/name-search';

type LineStatus = 'unmatched' | 'matched';

/**
 * "Đối soát sao kê ngân hàng": the fee officer imports the CSV or Excel statement of an org's
 * account; transfers carrying a VietQR reference and the right amount become payments, the
 * rest waits here until a person matches each line to members' month or to a recorded payment.
 */
export function StatementsView() {
  const bridge = useBridge();
  const { message } = App.useApp();
  const orgs = useDesktopQuery('feeStatementOrgs', {});
  const [chosen, setOrgId] = useState<string>();
  const [status, setStatus] = useState<LineStatus>('unmatched');
  const [result, setResult] = useState<StatementImportResponse & { fileName: string }>();
  const { busy, error: callError, setError: setCallError, run } = useDesktopAction();
  const invalidate = useInvalidate();
  const [matching, setMatching] = useState<StatementLineRow>();
  const items = orgs.data?.items ?? [];
  const orgId = chosen ?? items[0]?.id;
  const org = items.find((o) => o.id === orgId);
  const lines = useDesktopQuery('feeStatementLines', orgId ? { orgId, status } : null);

  async function importFile(file: File) {
    if (!orgId) return;
    setCallError(undefined);
    setResult(undefined);
    if (file.size > STATEMENT_MAX_BYTES) {
      setCallError({
        ...invalidInput('file too large', STATEMENT_TOO_LARGE_VI),
        code: 'too_large',
      });
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
    { title: 'Nội dung', dataIndex: 'description', ellipsis: { showTitle: true } },
    { title: 'Số tham chiếu', dataIndex: 'bankReference', width: 140 },
    {
      title: status === 'unmatched' ? 'Lý do chưa khớp' : 'Lý do cần đối soát',
      dataIndex: 'reasonVi',
      width: 220,
      render: (r: string | null) => r ?? (status === 'matched' ? 'Khớp tự động' : ''),
    },
    status === 'unmatched'
      ? {
          title: 'Nhập lúc',
          key: 'imported',
          width: 170,
          render: (_v, l) => <TimeAndName at={l.importedAt} name={l.importedByName} />,
        }
      : {
          title: 'Người đối soát',
          key: 'matched',
          width: 170,
          render: (_v, l) =>
            l.matchedByName ? <TimeAndName at={l.matchedAt ?? ''} name={l.matchedByName} /> : '',
        },
    {
      title: 'Thao tác',
      key: 'actions',
      width: 100,
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
          <ToneTag tone="green">Đã đối soát</ToneTag>
        ),
    },
  ];

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Đối soát sao kê ngân hàng
      </Typography.Title>
      <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }}>
        <LabelledItem label="Tổ chức đảng">
          {(id) => (
            <Select
              id={id}
              data-testid="statement-org"
              showSearch={nameSearch}
              placeholder="Chọn tổ chức đảng có tài khoản thụ hưởng"
              value={orgId}
              onChange={(id: string) => {
                setOrgId(id);
                setResult(undefined);
              }}
              options={items.map((o) => ({ value: o.id, label: o.name }))}
              style={{ width: 320 }}
            />
          )}
        </LabelledItem>
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
        // Fixed layout: the description takes what is left, so every column fits 1366 px.
        tableLayout="fixed"
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

/** When and by whom, stacked so the column stays narrow. */
function TimeAndName({ at, name }: { at: string; name: string | null | undefined }) {
  return (
    <div>
      {formatDateTime(at)}
      {name && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {name}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}
