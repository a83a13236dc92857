import { Button, Form, Input, Select, Space, TreeSelect } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  Role,
  roleLabelVi,
  UserStatus,
  userStatusLabelVi,
} from '../../../../src/domain/people/user';
import type { OrgSummary } from '../../../../src/desktop/contract';
import { callDesktop, useBridge, useDesktopQuery, type Query } from '../../desktop-context';
import { ReloadButton } from '../../ui/reload-button';
import { useDebounced } from '../../ui/use-search-text';

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
  const add = useCallback((added: UnitNode[]) => {
    setNodes((current) => [...current.filter((n) => !added.some((a) => a.id === n.id)), ...added]);
  }, []);
  const load = useCallback(
    (parentId: string | null) =>
      callDesktop(bridge, 'orgChildren', { orgId: parentId }).then(({ items }) =>
        add(
          items.map((o) => ({
            id: o.id,
            pId: parentId,
            value: o.id,
            title: o.name,
            isLeaf: o.childCount === 0,
          })),
        ),
      ),
    [bridge, add],
  );
  /** Puts a found org in the tree: its ancestors' levels are loaded so it sits in its place. */
  const reveal = useCallback(
    (org: OrgSummary) => {
      add([{ id: org.id, pId: org.parentId, value: org.id, title: org.name, isLeaf: true }]);
      void callDesktop(bridge, 'orgAncestors', { orgId: org.id })
        .then(({ items }) => Promise.all(items.slice(0, -1).map((ancestor) => load(ancestor.id))))
        .catch(() => undefined);
    },
    [bridge, add, load],
  );
  useEffect(() => {
    void load(null).catch(() => undefined);
  }, [load]);
  return { nodes, load, reveal };
}

/**
 * The "Đơn vị" picker: browse the tree, or type to search every org of the scope, loaded or not
 * (folded as every name filter: "dan pho so 1" finds "Chi bộ Tổ dân phố số 1").
 */
function UnitPicker({
  id,
  value,
  onChange,
}: {
  /** From Form.Item, so its label "Đơn vị" names the picker. */
  id?: string;
  value?: string;
  onChange?: (orgId: string | undefined) => void;
}) {
  const units = useUnitTree();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 250);
  const found = useDesktopQuery('searchOrgs', q === '' ? null : { q, limit: 50 });
  const hits = found.data?.items ?? [];
  const searching = typed.trim() !== '';
  return (
    <TreeSelect
      id={id}
      placeholder="Chọn đơn vị"
      allowClear
      treeDataSimpleMode
      treeData={
        searching
          ? hits.map((o) => ({ id: o.id, pId: null, value: o.id, title: o.name, isLeaf: true }))
          : units.nodes
      }
      loadData={searching ? undefined : (node) => units.load(String(node.value))}
      value={value}
      onChange={(orgId?: string) => {
        const hit = hits.find((o) => o.id === orgId);
        if (hit) units.reveal(hit);
        setTyped('');
        onChange?.(orgId);
      }}
      showSearch={{ searchValue: typed, onSearch: setTyped, filterTreeNode: false }}
      notFoundContent={searching && found.settled ? 'Không tìm thấy đơn vị phù hợp' : undefined}
      style={{ width: 280 }}
      popupMatchSelectWidth={420}
    />
  );
}

/** The filters of the admin guide's user list: name, status, unit, position, role. */
export function UserFilters({
  positions,
  onChange,
  list,
  extra,
}: {
  positions: string[];
  onChange: (values: UserFilterValues) => void;
  /** The list the filters apply to, for "Làm mới". */
  list: Pick<Query<unknown>, 'reload'>;
  /** Buttons beside "Tìm kiếm" (the list's export). */
  extra?: ReactNode;
}) {
  const [form] = Form.useForm<UserFilterValues>();
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
        <UnitPicker />
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
          <ReloadButton list={list} />
          <Button type="primary" htmlType="submit">
            Tìm kiếm
          </Button>
          {extra}
        </Space>
      </Form.Item>
    </Form>
  );
}
