import { Alert, Table } from 'antd';
import type { StatementImportResponse } from '../../../../src/desktop/contract';
import { formatMoney } from './fee-format';
import { dateVi } from './statement-format';
import { ToneTag } from './tone-tag';

type ImportedLine =
  | (StatementImportResponse['matched'][number] & { kind: 'matched' })
  | (StatementImportResponse['unmatched'][number] & { kind: 'unmatched' });

/** What the import did, line by line: refused with the problems, or matched and left. */
export function ImportResult({
  result,
}: {
  result: StatementImportResponse & { fileName: string };
}) {
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
                  <ToneTag tone="green">Khớp mã {l.reference}</ToneTag>
                ) : (
                  <ToneTag tone="gold" style={{ whiteSpace: 'normal' }}>
                    {l.reasonVi}
                  </ToneTag>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
