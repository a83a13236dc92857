import { Radio, Table, Typography, type DescriptionsProps } from 'antd';
import type { BankAccount } from '../../../../src/domain/org/org';
import { allocationDirectionLabelVi, orgFieldLabelVi } from '../../../../src/domain/org/org';
import { cellSubtypeLabelVi, orgTypeLabelVi } from '../../../../src/domain/org/org-types';
import { useDesktopQuery } from '../../desktop-context';
import { formatCount, labelOf } from '../../format';
import { DetailDialog } from '../../ui/detail-dialog';
import { StatusTag } from '../../ui/status-tag';
import { OrgSealImage } from './org-seal-image';

const isWebLink = (url: string) => /^https?:\/\/\S+$/i.test(url);

/** "Xem chi tiết Danh mục cơ quan": the fields of the admin guide's org form, read-only. */
export function OrgDetailDialog({
  orgId,
  onClose,
}: {
  orgId: string | undefined;
  onClose: () => void;
}) {
  const detail = useDesktopQuery('orgDetail', orgId ? { orgId } : null);
  const chain = useDesktopQuery('orgAncestors', orgId ? { orgId } : null);
  const d = detail.data;
  const parent = chain.data?.items.at(-2);
  const org = d?.org;
  const L = orgFieldLabelVi;

  const items: DescriptionsProps['items'] = org
    ? [
        { key: 'name', label: `${L.name} *`, children: org.name },
        { key: 'code', label: `${L.code} *`, children: org.code },
        {
          key: 'parent',
          label: L.parentId,
          children:
            org.parentId === null ? 'Đơn vị cao nhất' : (parent?.name ?? '(ngoài phạm vi dữ liệu)'),
        },
        { key: 'tax', label: L.taxCode, children: org.taxCode },
        { key: 'country', label: 'Quốc gia', children: 'Việt Nam' },
        { key: 'email', label: L.email, children: org.email },
        { key: 'phone', label: L.phone, children: org.phone },
        {
          key: 'website',
          label: L.website,
          children:
            org.website && isWebLink(org.website) ? (
              <Typography.Link href={org.website} target="_blank" rel="noreferrer noopener">
                {org.website}
              </Typography.Link>
            ) : (
              org.website
            ),
        },
        {
          key: 'address',
          label: 'Địa chỉ',
          span: 2,
          children: [org.ward, org.province].filter(Boolean).join(', '),
        },
        { key: 'detail', label: L.addressDetail, span: 2, children: org.addressDetail },
        { key: 'description', label: L.description, span: 2, children: org.description },
        { key: 'type', label: `${L.type} *`, children: labelOf(orgTypeLabelVi, org.type) },
        {
          key: 'subtype',
          label: L.cellSubtype,
          children: org.cellSubtype ? labelOf(cellSubtypeLabelVi, org.cellSubtype) : '',
        },
        {
          key: 'allocation',
          label: 'Loại phân bổ cho cơ quan',
          children: labelOf(allocationDirectionLabelVi, org.allocationDirection),
        },
        { key: 'seal', label: L.hasSeal, children: org.hasSeal ? 'Có' : 'Không' },
        {
          key: 'counts',
          label: 'Tổ chức trực thuộc / Đảng viên',
          children: `${formatCount(d.childCount)} / ${formatCount(d.memberCount)}`,
        },
        {
          key: 'status',
          label: 'Trạng thái hoạt động',
          children: <StatusTag kind="org" status={org.status} />,
        },
      ]
    : [];

  return (
    <DetailDialog
      open={orgId !== undefined}
      title="Xem chi tiết Danh mục cơ quan"
      width={960}
      testId="org-detail"
      query={detail}
      items={d ? items : undefined}
      onClose={onClose}
    >
      {orgId && <OrgSealImage orgId={orgId} />}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        Tài khoản ngân hàng
      </Typography.Title>
      <Table<BankAccount>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        dataSource={d?.bankAccounts ?? []}
        locale={{ emptyText: 'Chưa có tài khoản ngân hàng' }}
        columns={[
          {
            title: 'Sử dụng',
            dataIndex: 'isActive',
            width: 90,
            align: 'center',
            render: (active: boolean) => (
              <Radio
                checked={active}
                disabled
                aria-label={active ? 'Đang sử dụng' : 'Không sử dụng'}
              />
            ),
          },
          { title: 'Số tài khoản', dataIndex: 'accountNo' },
          { title: 'Chủ tài khoản', dataIndex: 'holder' },
          { title: 'Tên ngân hàng', dataIndex: 'bankName' },
          { title: 'Mã Citad', dataIndex: 'citadCode', width: 120 },
        ]}
      />
    </DetailDialog>
  );
}
