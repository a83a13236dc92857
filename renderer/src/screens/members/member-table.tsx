import { Button, type TableColumnsType } from 'antd';
import type { MemberSummary } from '../../../../src/desktop/contract';
import { sexLabelVi } from '../../../../src/domain/people/sex';
import { formatDate, labelOf } from '../../format';
import { indexColumn, ListTable } from '../../ui/list-table';
import { StatusTag } from '../../ui/status-tag';

/** Members as a virtual table: thousands of rows scroll without lag. */
export function MemberTable({
  rows,
  loading,
  height,
  emptyText,
  onOpen,
  showHomeOrg = true,
}: {
  rows: MemberSummary[];
  loading: boolean;
  height: number;
  emptyText: string;
  onOpen: (memberId: string) => void;
  showHomeOrg?: boolean;
}) {
  const columns: TableColumnsType<MemberSummary> = [
    indexColumn(),
    {
      title: 'Họ và tên',
      dataIndex: 'fullName',
      width: 200,
      ellipsis: { showTitle: true },
      render: (name: string) => <span data-testid="member-name">{name}</span>,
    },
    { title: 'Ngày sinh', dataIndex: 'birthDate', width: 100, render: formatDate },
    {
      title: 'Giới tính',
      dataIndex: 'sex',
      width: 80,
      render: (sex: string) => labelOf(sexLabelVi, sex),
    },
    { title: 'Số CCCD', dataIndex: 'citizenId', width: 130 },
    { title: 'Số thẻ đảng viên', dataIndex: 'cardNo', width: 130, ellipsis: true },
    ...(showHomeOrg
      ? [
          {
            title: 'Chi bộ sinh hoạt',
            key: 'homeOrg',
            ellipsis: { showTitle: true },
            render: (_v: unknown, m: MemberSummary) => m.homeOrg.name,
          },
        ]
      : []),
    {
      title: 'Trạng thái',
      dataIndex: 'status',
      width: 180,
      render: (status: string) => <StatusTag kind="member" status={status} />,
    },
    {
      title: 'Thao tác',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_v, m) => (
        <Button type="link" size="small" onClick={() => onOpen(m.id)}>
          Xem chi tiết
        </Button>
      ),
    },
  ];
  return (
    <ListTable<MemberSummary>
      data-testid="member-table"
      columns={columns}
      dataSource={rows}
      loading={loading}
      width={1100}
      height={height}
      locale={{ emptyText }}
    />
  );
}
