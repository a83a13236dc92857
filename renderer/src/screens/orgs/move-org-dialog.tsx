import { Alert, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { OrgSummary } from '../../../../src/desktop/contract';
import { canContain, orgTypeLabelVi, type OrgType } from '../../../../src/domain/org/org-types';
import type { RoleGrant } from '../../../../src/domain/people/user';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { useDebounced } from '../../ui/use-search-text';
import { orgAdminAccess } from './org-admin-access';

/**
 * Where an org may go: an org of the admin's scope whose type holds the org's type, neither the
 * org itself nor below it, and not the parent it has. The server checks again.
 */
export function moveTargets(
  found: readonly OrgSummary[],
  org: { id: string; path: string; type: OrgType; parentId: string | null },
  grants: readonly RoleGrant[] | undefined,
): OrgSummary[] {
  return found.filter(
    (p) =>
      p.id !== org.parentId &&
      !p.path.startsWith(org.path) &&
      canContain(p.type, org.type) &&
      orgAdminAccess(grants, p).addUnder,
  );
}

/**
 * "Chuyển đơn vị": the admin picks the new parent by typing part of its name, sees where the org
 * goes, and confirms. The org moves with everything below it: its cells, members and accounts.
 */
export function MoveOrgDialog({
  org,
  parentName,
  onClose,
}: {
  org: { id: string; name: string; path: string; type: OrgType; parentId: string | null };
  parentName: string;
  onClose: () => void;
}) {
  const bridge = useBridge();
  const save = useDesktopAction();
  const session = useDesktopQuery('session', {});
  const [typed, setTyped] = useState('');
  const [target, setTarget] = useState<OrgSummary>();
  const q = useDebounced(typed.trim(), 250);
  const found = useDesktopQuery('searchOrgs', q === '' ? null : { q, limit: 50 });
  const options = moveTargets(found.data?.items ?? [], org, session.data?.user?.roles);

  const confirm = () =>
    save.run(async () => {
      if (!target) return;
      await callDesktop(bridge, 'moveOrg', { id: org.id, parentId: target.id });
      onClose();
    });

  return (
    <Modal
      open
      title="Chuyển đơn vị"
      width={640}
      onCancel={onClose}
      destroyOnHidden
      okText="Chuyển"
      cancelText="Hủy"
      okButtonProps={{ disabled: !target, loading: save.busy }}
      onOk={() => void confirm()}
    >
      <div data-testid="move-org-dialog">
        <ErrorAlert error={save.error} />
        <Typography.Paragraph>
          Chuyển <Typography.Text strong>{org.name}</Typography.Text> ({orgTypeLabelVi[org.type]})
          khỏi {parentName}.
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="Đơn vị cấp trên mới" htmlFor="move-org-parent" required>
            <Select<string>
              id="move-org-parent"
              showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
              placeholder="Nhập tên tổ chức đảng cấp trên mới"
              value={target?.id}
              options={options.map((o) => ({
                value: o.id,
                label: `${o.name} — ${orgTypeLabelVi[o.type]}`,
              }))}
              notFoundContent={
                q !== '' && found.settled ? 'Không có đơn vị phù hợp trong phạm vi quản lý' : null
              }
              onChange={(id) => {
                setTyped('');
                setTarget(options.find((o) => o.id === id));
              }}
            />
          </Form.Item>
        </Form>
        {target && (
          <Alert
            type="warning"
            showIcon
            data-testid="move-org-confirm"
            message={`${org.name} sẽ trực thuộc ${target.name}, cùng toàn bộ tổ chức, đảng viên và tài khoản bên dưới.`}
          />
        )}
      </div>
    </Modal>
  );
}
