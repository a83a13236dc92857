import { App, Button, Card, Descriptions, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ImportPreview } from '../../../../src/desktop/contract-imports';
import type { ImportProblem } from '../../../../src/domain/import/import-rows';
import {
  callDesktop,
  useBridge,
  useDesktopAction,
  useDesktopQuery,
  useInvalidate,
} from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { base64Of } from '../fees/statement-format';

export const IMPORT_TITLE_VI = 'Nhập dữ liệu';
export const IMPORT_HINT_VI =
  'Chọn tệp Excel (.xlsx) có hai trang Tổ chức đảng và Đảng viên, hoặc hai tệp CSV (UTF-8) xuất từ CSDL Đảng viên. Dữ liệu chỉ được ghi khi không còn lỗi nào; cần kết nối mạng.';

const countsVi = (c: ImportPreview['orgs']) =>
  `${c.add} thêm mới, ${c.update} cập nhật, ${c.unchanged} không đổi`;

const PROBLEM_COLUMNS = [
  { title: 'Trang', dataIndex: 'sheet', width: 140 },
  { title: 'Dòng', dataIndex: 'row', width: 70 },
  { title: 'Cột', dataIndex: 'column', width: 150 },
  { title: 'Lỗi', dataIndex: 'messageVi' },
];

/**
 * Quản trị danh mục » Nhập dữ liệu (docs/decisions/0040): an admin chooses the member database's
 * export, sees the plan and every row's problems, and applies it only when there are none; the
 * cache then pulls what was written. Online only: the server checks and writes.
 */
export function ImportScreen() {
  const bridge = useBridge();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const scopes = useDesktopQuery('importScopes', {});
  const [orgId, setOrgId] = useState<string>();
  const [files, setFiles] = useState<File[]>([]);
  const [preview, setPreview] = useState<ImportPreview>();
  const action = useDesktopAction();
  const chosenOrg = orgId ?? scopes.data?.[0]?.id;

  const input = async () => ({
    orgId: chosenOrg!,
    files: await Promise.all(
      files.map(async (f) => ({ name: f.name, contentBase64: await base64Of(f) })),
    ),
  });
  const check = () =>
    void action.run(async () =>
      setPreview(await callDesktop(bridge, 'previewImport', await input())),
    );
  const apply = () =>
    void action.run(async () => {
      const done = await callDesktop(bridge, 'applyImport', await input());
      setPreview(done);
      await invalidate('orgs', 'members');
      message.success(
        `Đã nhập: tổ chức đảng ${countsVi(done.orgs)}; đảng viên ${countsVi(done.members)}.`,
      );
    });
  const clean = preview !== undefined && preview.problems.length === 0;

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {IMPORT_TITLE_VI}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{IMPORT_HINT_VI}</Typography.Paragraph>
      <ErrorAlert error={scopes.error ?? action.error} onRetry={scopes.reload} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="Nhập vào đơn vị"
          style={{ minWidth: 320 }}
          value={chosenOrg}
          onChange={(id) => {
            setOrgId(id);
            setPreview(undefined);
          }}
          options={(scopes.data ?? []).map((o) => ({
            value: o.id,
            label: `${o.code} – ${o.name}`,
          }))}
        />
        <input
          type="file"
          accept=".xlsx,.csv"
          multiple
          aria-label="Tệp dữ liệu"
          onChange={(e) => {
            setFiles([...(e.target.files ?? [])].slice(0, 2));
            setPreview(undefined);
          }}
        />
        <Button onClick={check} loading={action.busy} disabled={!chosenOrg || files.length === 0}>
          Kiểm tra
        </Button>
        <Button type="primary" onClick={apply} loading={action.busy} disabled={!clean}>
          Áp dụng
        </Button>
      </Space>
      {preview && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="Tổ chức đảng">{countsVi(preview.orgs)}</Descriptions.Item>
            <Descriptions.Item label="Đảng viên">{countsVi(preview.members)}</Descriptions.Item>
            <Descriptions.Item label="Lỗi">
              {preview.problems.length === 0
                ? 'Không có lỗi'
                : `${preview.problems.length} lỗi — sửa tệp rồi kiểm tra lại`}
            </Descriptions.Item>
          </Descriptions>
          {preview.problems.length > 0 && (
            <Table<ImportProblem>
              data-testid="import-problems"
              size="small"
              rowKey={(p) => `${p.sheet}:${p.row}:${p.column}:${p.code}`}
              columns={PROBLEM_COLUMNS}
              dataSource={preview.problems}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
            />
          )}
        </>
      )}
    </Card>
  );
}
