import { Button, Radio, Table, Typography, type DescriptionsProps } from 'antd';
import { useState } from 'react';
import type { BankAccount } from '../../../../src/domain/org/org';
import { allocationDirectionLabelVi, orgFieldLabelVi } from '../../../../src/domain/org/org';
import { cellSubtypeLabelVi, isCell, orgTypeLabelVi } from '../../../../src/domain/org/org-types';
import { useDesktopQuery } from '../../desktop-context';
import { formatCount, labelOf } from '../../format';
import { DetailDialog } from '../../ui/detail-dialog';
import { StatusTag } from '../../ui/status-tag';
import { orgAdminAccess } from './org-admin-access';
import { OrgFormDialog, type OrgFormTarget } from './org-form-dialog';
import { MoveOrgDialog } from './move-org-dialog';
import { OrgHistoryDialog } from './org-history-dialog';
import { OrgSealImage } from './org-seal-image';

const isWebLink = (url: string) => /^https?:\/\/\S+$/i.test(url);

/**
 * "Xem chi tiết Danh mục cơ quan": the fields of the admin guide's org form; an admin over the
 * org also edits it ("Chỉnh sửa"), adds an org under it and moves it (docs/decisions/0038).
 */
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
  const session = useDesktopQuery('session', {});
  const access = org
    ? orgAdminAccess(session.data?.user?.roles, org)
    : { change: false, addUnder: false };
  const [form, setForm] = useState<OrgFormTarget>();
  const [moving, setMoving] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const parentName =
    org?.parentId === null ? 'Đơn vị cao nhất' : (parent?.name ?? '(ngoài phạm vi dữ liệu)');

  const actions = org && (
    <>
      {/* The history is the admins' over the org, his own included (the server's rule). */}
      {access.addUnder && <Button onClick={() => setHistoryOpen(true)}>Lịch sử chỉnh sửa</Button>}
      {access.addUnder && !isCell(org.type) && (
        <Button onClick={() => setForm({ mode: 'add', parent: org })}>
          Thêm đơn vị trực thuộc
        </Button>
      )}
      {access.change && <Button onClick={() => setMoving(true)}>Chuyển đơn vị</Button>}
      {access.change && (
        <Button
          type="primary"
          onClick={() =>
            setForm({ mode: 'edit', org, parentName, parentType: parent?.type ?? null })
          }
        >
          Chỉnh sửa
        </Button>
      )}
    </>
  );

  const items: DescriptionsProps['items'] = org
    ? [
        { key: 'name', label: `${L.name} *`, children: org.name },
        { key: 'code', label: `${L.code} *`, children: org.code },
        {
          key: 'parent',
          label: L.parentId,
          children: parentName,
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
      actions={actions}
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
      {form && <OrgFormDialog target={form} onClose={() => setForm(undefined)} />}
      {historyOpen && org && <OrgHistoryDialog org={org} onClose={() => setHistoryOpen(false)} />}
      {moving && org && (
        <MoveOrgDialog org={org} parentName={parentName} onClose={() => setMoving(false)} />
      )}
    </DetailDialog>
  );
}
