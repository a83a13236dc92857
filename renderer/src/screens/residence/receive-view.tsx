import { DownloadOutlined } from '@ant-design/icons';
import { Button, InputNumber, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { ListTable } from '../../ui/list-table';
import { useViewportHeight } from '../../ui/use-viewport-height';
import { saveDocument } from '../fees/fee-ui';
import { FormDetailView } from './form-detail';
import { FormsTable, useSideForms } from './forms-table';
import { receiptColumns, receiptRows, type ReceiptRow } from './residence-columns';

/**
 * "Nhận phiếu nhận xét": the forms come back to the workplace; each opens in the viewer with its
 * signatures, the checked ones or all download as one zip, and the summary per cell says who is
 * still missing.
 */
export function ReceiveView() {
  const bridge = useBridge();
  const { forms, rows } = useSideForms('workplace');
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<string>();
  const { busy, error, run } = useDesktopAction();
  const returned = rows.filter((f) => f.status === 'sent');

  if (open) return <FormDetailView formId={open} onBack={() => setOpen(undefined)} startOnFiles />;

  const download = (formIds: string[]) =>
    run(async () => {
      saveDocument(await callDesktop(bridge, 'exportResidenceForms', { formIds }));
    });

  return (
    <Tabs
      items={[
        {
          key: 'forms',
          label: 'Phiếu nhận xét',
          children: (
            <FormsTable
              caption="Phiếu nhận xét và báo cáo"
              rows={rows}
              query={forms}
              selected={selected}
              onSelect={setSelected}
              onOpen={(f) => setOpen(f.id)}
              emptyText="Chưa có phiếu nhận xét nào"
              toolbar={
                <>
                  <ErrorAlert error={error} />
                  <Space style={{ marginBottom: 8 }}>
                    <Button
                      icon={<DownloadOutlined />}
                      loading={busy}
                      disabled={selected.length === 0}
                      onClick={() => void download(selected)}
                    >
                      Tải về
                    </Button>
                    <Button
                      icon={<DownloadOutlined />}
                      loading={busy}
                      disabled={returned.length === 0}
                      onClick={() => void download(returned.map((f) => f.id))}
                    >
                      Tải về tất cả
                    </Button>
                  </Space>
                </>
              }
            />
          ),
        },
        { key: 'receipts', label: 'Tổng hợp theo chi bộ', children: <Receipts /> },
      ]}
    />
  );
}

/** Per workplace cell of the year: asked, received, and who is still missing. */
function Receipts() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const receipts = useDesktopQuery('residenceReceipts', { campaignYear: year });
  const rows = receiptRows(receipts.data?.items ?? []);
  const height = useViewportHeight(360);
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <label htmlFor="receipt-year">
          <Typography.Text>Năm</Typography.Text>
        </label>
        <InputNumber
          id="receipt-year"
          min={2020}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
        />
      </Space>
      <ErrorAlert error={receipts.error} onRetry={receipts.reload} />
      <ListTable<ReceiptRow>
        data-testid="receipt-table"
        columns={receiptColumns()}
        dataSource={rows}
        loading={receipts.loading && !receipts.data}
        height={height}
        locale={{ emptyText: 'Không có yêu cầu nhận xét nào trong năm' }}
      />
    </>
  );
}
