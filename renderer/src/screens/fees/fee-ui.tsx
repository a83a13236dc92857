import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Modal, Select, Space } from 'antd';
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { DocumentFile, FeeCell, FeeDataSource } from '../../../../src/desktop/contract';
import { useDesktopQuery } from '../../desktop-context';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { PdfViewer } from '../../ui/pdf-viewer';
import { saveDocument } from '../../ui/save-document';
import { monthLabel, monthOf, recentMonths } from './fee-format';
import { nameSearch } from '../../ui/name-search';
import { ToneTag } from './tone-tag';

/** The cells the user works on (cache), and the chosen one; the first approvable by default. */
export function useFeeCells(filter: (c: FeeCell) => boolean = () => true) {
  const query = useDesktopQuery('feeCells', {});
  const cells = useMemo(() => (query.data?.items ?? []).filter(filter), [query.data, filter]);
  const [chosen, setCellId] = useState<string>();
  const cellId = chosen ?? cells[0]?.id;
  return { query, cells, cellId, setCellId, cell: cells.find((c) => c.id === cellId) };
}

export const MONTH_OPTIONS = recentMonths(new Date()).map((m) => ({
  value: m,
  label: monthLabel(m),
}));
export const thisMonth = (): string => monthOf(new Date());

/** Why "Chi bộ" offers nothing: the cells come from the roles' orgs in the synced data. */
export const NO_CELLS_VI = {
  short: 'Chưa được giao chi bộ nào, hoặc dữ liệu chưa đồng bộ.',
  full: 'Không có chi bộ nào: tài khoản chưa được giao vai trò bí thư chi bộ hoặc cán bộ phụ trách đảng phí, hoặc dữ liệu chưa được đồng bộ. Bấm "Đồng bộ" ở đầu trang; nếu vẫn trống, liên hệ quản trị đơn vị để được phân quyền.',
};
/** A form item whose label names its control for screen readers (antd ties them only by `name`). */
export function LabelledItem({
  label,
  help,
  children,
}: {
  label: string;
  /** Shown under the control, e.g. why a picker offers nothing. */
  help?: ReactNode;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <Form.Item label={label} htmlFor={id} help={help}>
      {children(id)}
    </Form.Item>
  );
}

/** "Chi bộ": one of the cells the user works on. */
export function CellPicker({
  cells,
  value,
  onChange,
  testId = 'fee-cell',
}: {
  cells: FeeCell[];
  value: string | undefined;
  onChange: (id: string) => void;
  testId?: string;
}) {
  const none = cells.length === 0;
  return (
    <LabelledItem label="Chi bộ" help={none ? NO_CELLS_VI.short : undefined}>
      {(id) => (
        <Select
          id={id}
          data-testid={testId}
          showSearch={nameSearch}
          placeholder={none ? 'Không có chi bộ để chọn' : 'Chọn chi bộ'}
          notFoundContent={NO_CELLS_VI.full}
          value={value}
          onChange={onChange}
          options={cells.map((c) => ({ value: c.id, label: c.name }))}
          style={{ width: 300 }}
        />
      )}
    </LabelledItem>
  );
}

/** "Tháng": one of the recent months. */
export function MonthPicker({
  value,
  onChange,
  testId = 'fee-month',
}: {
  value: string;
  onChange: (month: string) => void;
  testId?: string;
}) {
  return (
    <LabelledItem label="Tháng">
      {(id) => (
        <Select
          id={id}
          data-testid={testId}
          value={value}
          onChange={onChange}
          options={MONTH_OPTIONS}
          style={{ width: 160 }}
        />
      )}
    </LabelledItem>
  );
}

/** "Chi bộ" and "Tháng" pickers, as the national system's fee screens have them. */
export function CellMonthBar({
  cells,
  cellId,
  onCell,
  month,
  onMonth,
  extra,
}: {
  cells: FeeCell[];
  cellId: string | undefined;
  onCell: (id: string) => void;
  month: string;
  onMonth: (month: string) => void;
  extra?: React.ReactNode;
}) {
  return (
    <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }}>
      <CellPicker cells={cells} value={cellId} onChange={onCell} />
      <MonthPicker value={month} onChange={onMonth} />
      {extra}
    </Form>
  );
}

/** Says so when the answer on screen is the copy kept in the machine (offline). */
export type ExportFormat = 'xlsx' | 'pdf';

/** "Xuất Excel" and "Xuất PDF" of a report form; the one being made spins. */
export function ExportButtons({
  testIds,
  disabled,
  exporting,
  onExport,
}: {
  testIds: Record<ExportFormat, string>;
  disabled: boolean;
  exporting: ExportFormat | null;
  onExport: (format: ExportFormat) => void;
}) {
  const button = (format: ExportFormat) => (
    <Form.Item>
      <Button
        icon={format === 'xlsx' ? <FileExcelOutlined /> : <FilePdfOutlined />}
        data-testid={testIds[format]}
        disabled={disabled}
        loading={exporting === format}
        onClick={() => onExport(format)}
      >
        {format === 'xlsx' ? 'Xuất Excel' : 'Xuất PDF'}
      </Button>
    </Form.Item>
  );
  return (
    <>
      {button('xlsx')}
      {button('pdf')}
    </>
  );
}

export function SourceNote({ source }: { source: FeeDataSource | undefined }) {
  if (source?.source !== 'cache') return null;
  return (
    <Alert
      data-testid="fee-cached"
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`Không kết nối được máy chủ: đang hiển thị dữ liệu lưu trong máy lúc ${formatDateTime(source.fetchedAt)}.`}
    />
  );
}

// The download lives with the shared UI: list exports use it without the PDF viewer.
export { saveDocument } from '../../ui/save-document';

/** A generated PDF (a receipt) in the embedded viewer, with "Tải về" to keep or print it. */
export function DocumentDialog({
  title,
  file,
  error,
  onClose,
}: {
  title: string;
  file: DocumentFile | undefined;
  error?: Parameters<typeof ErrorAlert>[0]['error'];
  onClose: () => void;
}) {
  return (
    <Modal
      open={file !== undefined || error !== undefined}
      title={title}
      onCancel={onClose}
      width={900}
      destroyOnHidden
      footer={
        <Space>
          {file && (
            <Button data-testid="document-download" onClick={() => saveDocument(file)}>
              Tải về
            </Button>
          )}
          <Button onClick={onClose}>Đóng</Button>
        </Space>
      }
    >
      <ErrorAlert error={error} />
      {file && (
        <div data-testid="document-dialog" data-file-name={file.fileName}>
          <PdfViewer base64={file.dataBase64} />
        </div>
      )}
    </Modal>
  );
}

const STATUS_COLORS = { success: 'green', failed: 'red', unknown: 'gold' } as const;
/** A payment's status as the transaction list shows it. */
export function PaymentStatusTag({
  status,
  label,
}: {
  status: keyof typeof STATUS_COLORS;
  label: string;
}) {
  return (
    <ToneTag tone={STATUS_COLORS[status]} data-testid="payment-status" data-status={status}>
      {label}
    </ToneTag>
  );
}
