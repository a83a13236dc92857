import { Card, Spin, Tabs, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { OrgListView } from './org-list-view';

const OrgDetailDialog = lazy(() =>
  import('./org-detail-dialog').then((m) => ({ default: m.OrgDetailDialog })),
);
const OrgTreeView = lazy(() => import('./org-tree-view').then((m) => ({ default: m.OrgTreeView })));

/** "Quản lý tổ chức Đảng": the list of the national system, level by level, and a tree view. */
export function OrgsScreen({ parentId }: { parentId: string | null }) {
  const [tab, setTab] = useState<'list' | 'tree'>('list');
  const [detailOf, setDetailOf] = useState<string>();
  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Quản lý tổ chức Đảng
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as 'list' | 'tree')}
        destroyOnHidden
        items={[
          {
            key: 'list',
            label: 'Danh sách',
            children: <OrgListView parentId={parentId} onShowDetail={setDetailOf} />,
          },
          {
            key: 'tree',
            label: 'Cây tổ chức',
            children: (
              <Suspense fallback={<Spin />}>
                <OrgTreeView onShowDetail={setDetailOf} onShowChildren={() => setTab('list')} />
              </Suspense>
            ),
          },
        ]}
      />
      {detailOf !== undefined && (
        <Suspense fallback={null}>
          <OrgDetailDialog orgId={detailOf} onClose={() => setDetailOf(undefined)} />
        </Suspense>
      )}
    </Card>
  );
}
