import { CheckOutlined, CloseOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { AccountRequestItem } from '../../../../src/desktop/contract-accounts';
import {
  AccountRequestStatus,
  accountRequestStatusLabelVi,
} from '../../../../src/domain/accounts/account-request';
import { useDesktopQuery } from '../../desktop-context';
import type { AccountsView } from '../../navigation';
import { ErrorAlert } from '../../ui/error-alert';
import { ListTable } from '../../ui/list-table';
import { ResultTotal } from '../../ui/result-total';
import { labelledRowSelection } from '../../ui/row-selection';
import { useSearchText } from '../../ui/use-search-text';
import { useViewportHeight } from '../../ui/use-viewport-height';
import { OrgSelect, type OrgChoice } from '../residence/org-select';
import { ReasonDialog } from '../transfers/reason-dialog';
import { accountRequestColumns } from './account-request-columns';
import { AccountRequestDrawer } from './account-request-detail';
import { KINDS_OF_VIEW } from './account-views';
import { OnBehalfDialog } from './on-behalf-dialog';
import { useDecideRequests } from './use-decide-requests';

const CAPTIONS: Record<AccountsView, string> = {
  registrations: 'Danh sách đảng viên đã đăng ký',
  changes: 'Danh sách đảng viên thay đổi thông tin',
  positions: 'Danh sách đảng viên đăng ký chức vụ',
};

/**
 * One approval list: filters (status, cell, name or number), the requests with check boxes,
 * "Duyệt" / "Từ chối" for those checked, a row's detail beside the list; in "Quản lý tài khoản
 * đảng viên", "Đăng ký hộ" for a member without a level-2 identity.
 */
export function AccountRequestsView({ view }: { view: AccountsView }) {
  const kinds = KINDS_OF_VIEW[view];
  const [status, setStatus] = useState<AccountRequestStatus>('pending');
  const [org, setOrg] = useState<OrgChoice | null>(null);
  const [text, setText] = useState('');
  const search = useSearchText(text);
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<string>();
  const [refusing, setRefusing] = useState(false);
  const [registering, setRegistering] = useState(false);
  const decide = useDecideRequests();
  const height = useViewportHeight(420);

  const requests = useDesktopQuery('accountRequests', {
    // One kind: the cache filters; several: this list keeps its own.
    ...(kinds.length === 1 ? { kind: kinds[0] } : {}),
    status,
    ...(org ? { orgId: org.id } : {}),
    ...(search.q !== '' ? { q: search.q } : {}),
    limit: 2000,
  });
  const rows = (requests.data?.items ?? []).filter((r) => kinds.includes(r.kind));
  const pending = status === 'pending';
  // Only what is still shown: a request decided meanwhile drops out of the selection.
  const chosen = selected.filter((id) => rows.some((r) => r.id === id));
  const nameOf = (id: string) => rows.find((r) => r.id === id)?.memberName ?? id;
  const afterQueued = (queued: string[]) =>
    setSelected((now) => now.filter((id) => !queued.includes(id)));

  return (
    <>
      <Space wrap style={{ marginBottom: 8 }} data-testid="account-filters">
        <Select<AccountRequestStatus>
          aria-label="Trạng thái"
          value={status}
          style={{ width: 170 }}
          options={AccountRequestStatus.options.map((s) => ({
            value: s,
            label: accountRequestStatusLabelVi[s],
          }))}
          onChange={(s) => {
            setStatus(s);
            setSelected([]);
          }}
        />
        <OrgSelect
          ariaLabel="Chi bộ"
          placeholder="Chi bộ (tất cả)"
          value={org}
          onChange={setOrg}
          width={280}
        />
        <Input.Search
          aria-label="Tìm theo họ tên, số CCCD, số thẻ hoặc số lý lịch"
          placeholder="Họ tên, số CCCD, số thẻ hoặc số lý lịch"
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={search.submit}
          style={{ width: 320 }}
        />
      </Space>
      <div className="result-bar">
        <Typography.Text strong>{CAPTIONS[view]}</Typography.Text>
        <ResultTotal
          count={rows.length}
          testId="account-total"
          noun="yêu cầu"
          capped={requests.data?.truncated}
          settled={requests.settled}
        />
      </div>
      <ErrorAlert error={decide.error} />
      {decide.notDecided.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: decide.clearNotDecided }}
          style={{ marginBottom: 8 }}
          data-testid="not-decided"
          title="Một số yêu cầu chưa được xử lý"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {decide.notDecided.map((n) => (
                <li key={n.id}>
                  {nameOf(n.id)}: {n.messageVi}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Space style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }}>
        <Space>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={decide.busy}
            disabled={!pending || chosen.length === 0}
            onClick={() => void decide.approve(chosen, afterQueued)}
          >
            Duyệt{chosen.length > 1 ? ` (${chosen.length})` : ''}
          </Button>
          <Button
            danger
            icon={<CloseOutlined />}
            disabled={!pending || chosen.length === 0}
            onClick={() => setRefusing(true)}
          >
            Từ chối{chosen.length > 1 ? ` (${chosen.length})` : ''}
          </Button>
        </Space>
        {view === 'registrations' && (
          <Button icon={<UserAddOutlined />} onClick={() => setRegistering(true)}>
            Đăng ký hộ
          </Button>
        )}
      </Space>
      <ErrorAlert error={requests.error} onRetry={requests.reload} />
      <ListTable<AccountRequestItem>
        data-testid="account-request-table"
        aria-label={CAPTIONS[view]}
        columns={accountRequestColumns((r) => setOpen(r.id), kinds.length > 1)}
        dataSource={rows}
        loading={requests.loading && !requests.data}
        height={height}
        locale={{
          emptyText: pending ? 'Không có yêu cầu nào chờ phê duyệt' : 'Không có yêu cầu nào',
        }}
        rowSelection={
          pending
            ? labelledRowSelection<AccountRequestItem>(
                {
                  selectedRowKeys: chosen,
                  onChange: (keys) => setSelected(keys.map(String)),
                },
                (r) => r.memberName,
              )
            : undefined
        }
      />
      <ReasonDialog
        open={refusing}
        title={`Từ chối ${chosen.length} yêu cầu`}
        okText="Từ chối"
        onClose={() => setRefusing(false)}
        onSubmit={async (reason) => {
          afterQueued(await decide.queue(chosen, 'refuse', reason));
          setRefusing(false);
        }}
      />
      <AccountRequestDrawer requestId={open} onClose={() => setOpen(undefined)} />
      {view === 'registrations' && (
        <OnBehalfDialog open={registering} onClose={() => setRegistering(false)} />
      )}
    </>
  );
}
