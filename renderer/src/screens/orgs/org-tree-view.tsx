import { Button, Card, Descriptions, Empty, Space, Spin, Tree } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { useCallback, useEffect, useState } from 'react';
import type { OrgNode } from '../../../../src/desktop/contract';
import { orgTypeLabelVi } from '../../../../src/domain/org/org-types';
import { DesktopCallError, useEntityChanged, useFetchDesktop } from '../../desktop-context';
import { formatCount, labelOf } from '../../format';
import { useNavigation } from '../../navigation';
import { ErrorAlert } from '../../ui/error-alert';
import { StatusTag } from '../../ui/status-tag';
import { useViewportHeight } from '../../ui/use-viewport-height';
import type { DesktopError } from '../../../../src/desktop/contract';

interface OrgTreeNode extends DataNode {
  key: string;
  org: OrgNode;
  children?: OrgTreeNode[];
}

const toNode = (org: OrgNode): OrgTreeNode => ({
  key: org.id,
  org,
  title: `${org.name} (${org.code})`,
  isLeaf: org.childCount === 0,
});

/** Puts `children` under the node `key`, wherever it is. */
function withChildren(nodes: OrgTreeNode[], key: string, children: OrgTreeNode[]): OrgTreeNode[] {
  return nodes.map((node) =>
    node.key === key
      ? { ...node, children }
      : node.children
        ? { ...node, children: withChildren(node.children, key, children) }
        : node,
  );
}

/** The org tree, loaded a level at a time and virtualized, so a province opens instantly. */
export function OrgTreeView({
  onShowDetail,
  onShowChildren,
}: {
  onShowDetail: (orgId: string) => void;
  onShowChildren: () => void;
}) {
  const fetchDesktop = useFetchDesktop();
  const { go } = useNavigation();
  const [nodes, setNodes] = useState<OrgTreeNode[]>();
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selected, setSelected] = useState<OrgNode>();
  const [error, setError] = useState<DesktopError>();
  const height = useViewportHeight(300);

  const load = useCallback(
    async (orgId: string | null) => {
      try {
        return (await fetchDesktop('orgChildren', { orgId })).items.map(toNode);
      } catch (err) {
        if (err instanceof DesktopCallError) setError(err.error);
        return [];
      }
    },
    [fetchDesktop],
  );

  // A sync may have changed any level: start again from the roots.
  const [generation, setGeneration] = useState(0);
  useEntityChanged('orgs', () => setGeneration((g) => g + 1));

  useEffect(() => {
    void (async () => {
      // Open the chain of single children under the root (province → the user's ward): the
      // first level worth choosing from is then in view.
      let tree = await load(null);
      const open: string[] = [];
      let level = tree;
      for (let depth = 0; depth < 8 && level.length === 1; depth++) {
        const only = level[0];
        if (!only || only.isLeaf) break;
        const below = await load(only.key);
        tree = withChildren(tree, only.key, below);
        open.push(only.key);
        level = below;
      }
      setNodes(tree);
      setExpanded(open);
    })();
  }, [load, generation]);

  const loadData = async (treeNode: EventDataNode<OrgTreeNode>) => {
    if (treeNode.children) return;
    const key = String(treeNode.key);
    const below = await load(key);
    setNodes((current) => (current ? withChildren(current, key, below) : current));
  };

  if (!nodes) return <Spin />;
  return (
    <div className="tree-panel">
      <div data-testid="org-tree">
        <ErrorAlert error={error} />
        <Tree<OrgTreeNode>
          treeData={nodes}
          loadData={loadData}
          height={height}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          onSelect={(_keys, info) => setSelected(info.node.org)}
          showLine
          blockNode
        />
      </div>
      <Card size="small" title="Tổ chức đang chọn" data-testid="org-tree-selection">
        {selected ? (
          <Space orientation="vertical" style={{ width: '100%' }} className="wrap-anywhere">
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'name', label: 'Tên cơ quan', children: selected.name },
                { key: 'code', label: 'Mã cơ quan', children: selected.code },
                { key: 'type', label: 'Loại', children: labelOf(orgTypeLabelVi, selected.type) },
                {
                  key: 'status',
                  label: 'Trạng thái',
                  children: <StatusTag kind="org" status={selected.status} />,
                },
                { key: 'children', label: 'Cấp con', children: formatCount(selected.childCount) },
                { key: 'members', label: 'Đảng viên', children: formatCount(selected.memberCount) },
              ]}
            />
            <Space wrap>
              <Button onClick={() => onShowDetail(selected.id)}>Xem chi tiết</Button>
              {selected.childCount > 0 && (
                <Button
                  onClick={() => {
                    go({ name: 'orgs', parentId: selected.id });
                    onShowChildren();
                  }}
                >
                  Xem cấp con
                </Button>
              )}
              {selected.memberCount > 0 && (
                <Button
                  onClick={() =>
                    go({ name: 'members', orgId: selected.id, back: { name: 'orgs' } })
                  }
                >
                  Đảng viên
                </Button>
              )}
            </Space>
          </Space>
        ) : (
          <Empty description="Chọn một tổ chức trong cây" />
        )}
      </Card>
    </div>
  );
}
