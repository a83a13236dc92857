import type { TableColumnsType } from 'antd';
import type { MemberSummary } from '../../../../src/desktop/contract';
import { sexLabelVi } from '../../../../src/domain/people/sex';
import { formatDate, labelOf } from '../../format';
import { indexColumn, ListTable, nowrapColumn, openColumn } from '../../ui/list-table';
import { orgNameColumn } from '../../ui/org-name';
import { StatusTag } from '../../ui/status-tag';

/**
 * The member list's columns, fitting 1366 wide (ListTable); the cell by its short name, the full
 * name on hover. Without the cell (one cell's members) the others share the room.
 */
export function memberColumns(
  onOpen: (memberId: string) => void,
  showHomeOrg = true,
): TableColumnsType<MemberSummary> {
  return [
    indexColumn(),
    {
      title: 'Họ và tên',
      dataIndex: 'fullName',
      width: 170,
      ellipsis: { showTitle: true },
      render: (name: string) => <span data-testid="member-name">{name}</span>,
    },
    nowrapColumn<MemberSummary>({
      title: 'Ngày sinh',
      dataIndex: 'birthDate',
      width: 104,
      render: formatDate,
    }),
    {
      title: 'Giới tính',
      dataIndex: 'sex',
      width: 72,
      render: (sex: string) => labelOf(sexLabelVi, sex),
    },
    nowrapColumn<MemberSummary>({ title: 'Số CCCD', dataIndex: 'citizenId', width: 128 }),
    nowrapColumn<MemberSummary>({ title: 'Số thẻ đảng viên', dataIndex: 'cardNo', width: 100 }),
    ...(showHomeOrg
      ? [
          orgNameColumn<MemberSummary>(
            'Chi bộ sinh hoạt',
            'homeOrg',
            150,
            (m) => m.homeOrg.name,
            'member-home-org',
          ),
        ]
      : []),
    {
      title: 'Trạng thái',
      dataIndex: 'status',
      width: 130,
      render: (status: string) => <StatusTag kind="member" status={status} />,
    },
    openColumn((m) => onOpen(m.id)),
  ];
}

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
  const columns = memberColumns(onOpen, showHomeOrg);
  return (
    <ListTable<MemberSummary>
      data-testid="member-table"
      columns={columns}
      dataSource={rows}
      loading={loading}
      height={height}
      locale={{ emptyText }}
    />
  );
}
