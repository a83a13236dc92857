import { Button, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { OrgNode } from '../../../../src/desktop/contract';
import { useDesktopQuery } from '../../desktop-context';
import { formatCount } from '../../format';
import { useNavigation } from '../../navigation';
import { ErrorAlert } from '../../ui/error-alert';
import { CappedNotice, ResultTotal } from '../../ui/result-total';
import { indexColumn, ListTable, nowrapColumn } from '../../ui/list-table';
import { StatusTag } from '../../ui/status-tag';
import { useViewportHeight } from '../../ui/use-viewport-height';
import { ListExportButton } from '../exports/list-export-button';
import { OrgBreadcrumb } from './org-breadcrumb';
import { OrgFilters, type OrgFilterValues } from './org-filters';

const SEARCH_LIMIT = 1000;

const trimmed = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : undefined);

/**
 * One level of the tree as the national system lists it, or the search results under it.
 * "Xem cấp con" goes down a level, the breadcrumb and "Quay lại" go back up.
 */
export function OrgListView({
  parentId,
  onShowDetail,
}: {
  parentId: string | null;
  onShowDetail: (orgId: string) => void;
}) {
  const { go } = useNavigation();
  const [filters, setFilters] = useState<OrgFilterValues>();
  const searching = filters !== undefined;

  const chain = useDesktopQuery('orgAncestors', parentId ? { orgId: parentId } : null);
  const children = useDesktopQuery('orgChildren', searching ? null : { orgId: parentId });
  const found = useDesktopQuery(
    'findOrgs',
    filters
      ? {
          ...filters,
          code: trimmed(filters.code),
          name: trimmed(filters.name),
          underOrgId: parentId ?? undefined,
          limit: SEARCH_LIMIT,
        }
      : null,
  );
  // Results under the level shown; the level's own org is the breadcrumb, not a result.
  const rows: OrgNode[] =
    (searching ? found.data?.items.filter((org) => org.id !== parentId) : children.data?.items) ??
    [];
  const query = searching ? found : children;
  const tableHeight = useViewportHeight(390);

  const showChildren = (orgId: string | null) => {
    setFilters(undefined);
    go({ name: 'orgs', parentId: orgId });
  };
  const crumbs = chain.data?.items ?? [];
  const goBack = () => {
    if (searching) setFilters(undefined);
    else showChildren(crumbs.length >= 2 ? (crumbs[crumbs.length - 2]?.id ?? null) : null);
  };

  const columns = orgListColumns({
    onShowDetail,
    onShowChildren: showChildren,
    onShowMembers: (orgId) => go({ name: 'members', orgId, back: { name: 'orgs', parentId } }),
  });

  return (
    <div data-testid="org-list">
      <OrgFilters onSearch={(values) => setFilters(values)} list={query} />
      <div className="result-bar">
        <Typography.Text strong>Kết quả tìm kiếm</Typography.Text>
        <OrgBreadcrumb chain={crumbs} onOpen={(org) => showChildren(org.id)} />
        <ResultTotal
          testId="org-total"
          count={rows.length}
          noun="kết quả"
          capped={searching && found.data?.truncated}
          settled={query.settled}
        />
        <ListExportButton
          testId="org-export-xlsx"
          request={{
            list: 'orgs',
            parentId,
            search: filters && {
              ...filters,
              code: trimmed(filters.code),
              name: trimmed(filters.name),
            },
          }}
          disabled={rows.length === 0}
        />
        {(parentId !== null || searching) && (
          <Button size="small" onClick={goBack}>
            Quay lại
          </Button>
        )}
      </div>
      <CappedNotice
        capped={searching && found.data?.truncated}
        text={`Chỉ hiển thị ${formatCount(SEARCH_LIMIT)} kết quả đầu tiên. Hãy nhập thêm điều kiện để thu hẹp.`}
      />
      <ErrorAlert error={query.error} onRetry={query.reload} />
      <ListTable<OrgNode>
        data-testid="org-table"
        columns={columns}
        dataSource={rows}
        loading={query.loading}
        height={tableHeight}
        locale={{
          emptyText: searching ? 'Không tìm thấy tổ chức đảng phù hợp' : 'Không có dữ liệu',
        }}
      />
    </div>
  );
}

/**
 * The org catalog's columns, fitting 1366 wide (ListTable): the name in full (the list's subject,
 * wrapping when long), the actions of a level on the right.
 */
export function orgListColumns({
  onShowDetail,
  onShowChildren,
  onShowMembers,
}: {
  onShowDetail: (orgId: string) => void;
  onShowChildren: (orgId: string) => void;
  onShowMembers: (orgId: string) => void;
}): TableColumnsType<OrgNode> {
  return [
    indexColumn(),
    nowrapColumn<OrgNode>({ title: 'Mã cơ quan', dataIndex: 'code', width: 112 }),
    // The org catalog names each org in full, on one line (a 300-character name would make one
    // row a screen high): the whole name on hover and in the detail.
    {
      title: 'Tên cơ quan',
      dataIndex: 'name',
      width: 300,
      ellipsis: { showTitle: true },
      render: (name: string) => <span data-testid="org-name">{name}</span>,
    },
    { title: 'Địa chỉ', dataIndex: 'address', width: 190, ellipsis: { showTitle: true } },
    {
      title: 'Trạng thái',
      dataIndex: 'status',
      width: 116,
      render: (status: string) => <StatusTag kind="org" status={status} />,
    },
    {
      title: 'Thao tác',
      key: 'actions',
      width: 250,
      fixed: 'right',
      render: (_v, org) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => onShowDetail(org.id)}>
            Xem chi tiết
          </Button>
          {org.childCount > 0 && (
            <Button type="link" size="small" onClick={() => onShowChildren(org.id)}>
              Xem cấp con
            </Button>
          )}
          {org.memberCount > 0 && (
            <Button type="link" size="small" onClick={() => onShowMembers(org.id)}>
              Đảng viên ({formatCount(org.memberCount)})
            </Button>
          )}
        </Space>
      ),
    },
  ];
}
