import { Card, Typography } from 'antd';
import { useState } from 'react';
import type { ResidenceRequestStatus } from '../../../../src/domain/procedures/residence-request';
import { RESIDENCE_VIEW_TITLES, useNavigation, type ResidenceView } from '../../navigation';
import { ApproveView } from './approve-view';
import { ListDetail } from './list-detail';
import { ListsView } from './lists-view';
import { NewListView } from './new-list-view';
import { PaperView } from './paper-view';
import { ReceiveView } from './receive-view';
import { ReportView } from './report-view';
import { SignView } from './sign-view';
import { WriteView } from './write-view';

/**
 * Nhận xét nơi cư trú (Quy định 213) » <view>, with the user guide's names; "Danh sách đã lập"
 * shows one list when listId is set.
 */
export function ResidenceScreen({ view, listId }: { view: ResidenceView; listId?: string }) {
  const { go } = useNavigation();
  const [listStatus, setListStatus] = useState<ResidenceRequestStatus>();
  const openList = (id: string | undefined) =>
    go({ name: 'residence', view: 'lists', ...(id ? { listId: id } : {}) });

  if (view === 'lists' && listId)
    return <ListDetail listId={listId} onBack={() => openList(undefined)} />;
  return (
    <Card className="page-card" data-testid="residence-screen" data-view={view}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {RESIDENCE_VIEW_TITLES[view]}
      </Typography.Title>
      {view === 'newList' && <NewListView />}
      {view === 'lists' && (
        <ListsView status={listStatus} onStatusChange={setListStatus} onOpen={openList} />
      )}
      {view === 'write' && <WriteView />}
      {view === 'approve' && <ApproveView />}
      {view === 'sign' && <SignView />}
      {view === 'paper' && <PaperView />}
      {view === 'receive' && <ReceiveView />}
      {view === 'report' && <ReportView />}
    </Card>
  );
}
