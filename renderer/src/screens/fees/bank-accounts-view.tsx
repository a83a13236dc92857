import { Card, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { FeeBankAccountRow } from '../../../../src/desktop/contract';
import { useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';

/**
 * "Tài khoản ngân hàng": the beneficiary accounts of the orgs below, for the superior's admin to
 * cross-check (one active organizational account, 8-digit CITAD, no personal or treasury account).
 */
export function BankAccountsView() {
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const list = useDesktopQuery('feeBankAccounts', { onlyFlagged });
  const rows = list.data?.items ?? [];
  const minDepth = Math.min(...rows.map((r) => r.depth));

  const columns: TableColumnsType<FeeBankAccountRow> = [
    {
      title: 'Tổ chức đảng',
      dataIndex: 'orgName',
      width: 280,
      render: (name: string, r) => (
        <span style={{ paddingLeft: (r.depth - minDepth) * 16 }}>{name}</span>
      ),
    },
    { title: 'Số tài khoản', dataIndex: 'accountNo', width: 150 },
    { title: 'Chủ tài khoản', dataIndex: 'holder', width: 260, ellipsis: { showTitle: true } },
    { title: 'Ngân hàng', dataIndex: 'bankName', width: 130 },
    { title: 'Mã CITAD', dataIndex: 'citadCode', width: 110 },
    {
      title: 'Sử dụng',
      dataIndex: 'isActive',
      width: 100,
      render: (active: boolean, r) =>
        r.id ? active ? <Tag color="green">Sử dụng</Tag> : <Tag>Không</Tag> : '',
    },
    {
      title: 'Cần kiểm tra',
      dataIndex: 'flags',
      render: (flags: string[]) =>
        flags.map((f) => (
          <Tag key={f} color="red" data-testid="account-flag" style={{ whiteSpace: 'normal' }}>
            {f}
          </Tag>
        )),
    },
  ];

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Tài khoản ngân hàng
      </Typography.Title>
      <div className="result-bar">
        <Typography.Text data-testid="account-total">
          {rows.length} dòng — {rows.filter((r) => r.flags.length > 0).length} dòng cần kiểm tra
        </Typography.Text>
        <span>
          <Switch checked={onlyFlagged} onChange={setOnlyFlagged} size="small" /> Chỉ hiện tài khoản
          cần kiểm tra
        </span>
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<FeeBankAccountRow>
        data-testid="account-table"
        data-settled={list.settled ? 'true' : 'false'}
        rowKey={(r) => r.id ?? `org-${r.orgId}`}
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        pagination={{ pageSize: 100, showSizeChanger: false }}
        scroll={{ x: 1300 }}
        locale={{
          emptyText: 'Không có tổ chức đảng nào thuộc phạm vi quản trị của tài khoản này',
        }}
      />
    </Card>
  );
}
