import { Button, Form, Input, Select, Space, TreeSelect } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  Role,
  roleLabelVi,
  UserStatus,
  userStatusLabelVi,
} from '../../../../src/domain/people/user';
import { callDesktop, useBridge } from '../../desktop-context';

export interface UserFilterValues {
  q?: string;
  status?: UserStatus;
  orgId?: string;
  position?: string;
  role?: Role;
}

const STATUS_OPTIONS = UserStatus.options.map((value) => ({
  value,
  label: userStatusLabelVi[value],
}));
const ROLE_OPTIONS = Role.options.map((value) => ({ value, label: roleLabelVi[value] }));

interface UnitNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

/** "Đơn vị": the org tree of the scope, loaded as the user opens it. */
function useUnitTree() {
  const bridge = useBridge();
  const [nodes, setNodes] = useState<UnitNode[]>([]);
  const load = useCallback(
    (parentId: string | null) =>
      callDesktop(bridge, 'orgChildren', { orgId: parentId }).then(({ items }) => {
        const added = items.map((o) => ({
          id: o.id,
          pId: parentId,
          value: o.id,
          title: o.name,
          isLeaf: o.childCount === 0,
        }));
        setNodes((current) => [
          ...current.filter((n) => !added.some((a) => a.id === n.id)),
          ...added,
        ]);
      }),
    [bridge],
  );
  useEffect(() => {
    void load(null).catch(() => undefined);
  }, [load]);
  return { nodes, load };
}

/** The filters of the admin guide's user list: name, status, unit, position, role. */
export function UserFilters({
  positions,
  onChange,
}: {
  positions: string[];
  onChange: (values: UserFilterValues) => void;
}) {
  const [form] = Form.useForm<UserFilterValues>();
  const units = useUnitTree();
  return (
    <Form
      form={form}
      layout="inline"
      style={{ rowGap: 8 }}
      onFinish={(values) => onChange(values)}
      onValuesChange={(changed: UserFilterValues, all) => {
        // Choices apply at once; the name waits for Enter or "Tìm kiếm".
        if (!('q' in changed)) onChange(all);
      }}
    >
      <Form.Item name="q">
        <Input
          placeholder="Nhập họ tên hoặc tên đăng nhập"
          allowClear
          maxLength={100}
          style={{ width: 260 }}
        />
      </Form.Item>
      <Form.Item label="Trạng thái" name="status">
        <Select
          placeholder="Chọn trạng thái"
          allowClear
          options={STATUS_OPTIONS}
          style={{ width: 170 }}
        />
      </Form.Item>
      <Form.Item label="Đơn vị" name="orgId">
        <TreeSelect
          placeholder="Chọn đơn vị"
          allowClear
          treeDataSimpleMode
          treeData={units.nodes}
          loadData={(node) => units.load(String(node.value))}
          style={{ width: 280 }}
          popupMatchSelectWidth={420}
          treeNodeFilterProp="title"
          showSearch
        />
      </Form.Item>
      <Form.Item label="Chức vụ" name="position">
        <Select
          placeholder="Chọn chức vụ"
          allowClear
          showSearch
          options={positions.map((p) => ({ value: p, label: p }))}
          style={{ width: 220 }}
          popupMatchSelectWidth={360}
        />
      </Form.Item>
      <Form.Item label="Vai trò" name="role">
        <Select
          placeholder="Chọn vai trò"
          allowClear
          options={ROLE_OPTIONS}
          style={{ width: 240 }}
          popupMatchSelectWidth={320}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            Làm mới
          </Button>
          <Button type="primary" htmlType="submit">
            Tìm kiếm
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
