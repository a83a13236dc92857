import { Button, Card, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MemberSummary } from '../../../../src/desktop/contract';
import {
  DesktopCallError,
  useDesktopQuery,
  useEntityChanged,
  useFetchDesktop,
} from '../../desktop-context';
import { formatCount } from '../../format';
import { useNavigation, type Screen } from '../../navigation';
import { ErrorAlert } from '../../ui/error-alert';
import { CappedNotice, ResultTotal } from '../../ui/result-total';
import { useSearchText } from '../../ui/use-search-text';
import { useViewportHeight } from '../../ui/use-viewport-height';
import type { DesktopError } from '../../../../src/desktop/contract';
import { ListExportButton } from '../exports/list-export-button';
import { MemberDetailDialog } from './member-detail-dialog';
import { MemberTable } from './member-table';

const SEARCH_LIMIT = 200;
const PAGE = 500;

/** "Tra cứu đảng viên": the members of one org, or a search over every member in the cache. */
export function MembersScreen({ orgId, back }: { orgId?: string; back?: Screen }) {
  const [open, setOpen] = useState<string>();
  return (
    <Card className="page-card">
      {orgId ? (
        <OrgMembers orgId={orgId} back={back} onOpen={setOpen} />
      ) : (
        <MemberSearch onOpen={setOpen} />
      )}
      <MemberDetailDialog memberId={open} onClose={() => setOpen(undefined)} />
    </Card>
  );
}

function MemberSearch({ onOpen }: { onOpen: (id: string) => void }) {
  const [text, setText] = useState('');
  const { q, submit } = useSearchText(text);
  const search = useDesktopQuery('searchMembers', q ? { q, limit: SEARCH_LIMIT } : null);
  const rows = search.data?.items ?? [];
  const height = useViewportHeight(330);
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Tra cứu đảng viên
      </Typography.Title>
      <Input.Search
        data-testid="member-search"
        placeholder="Nhập họ tên, số CCCD, số thẻ đảng viên hoặc số lý lịch (gõ có dấu hoặc không dấu)"
        enterButton="Tìm kiếm"
        allowClear
        maxLength={200}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(value) => {
          setText(value);
          submit(value);
        }}
        style={{ maxWidth: 720 }}
      />
      <div className="result-bar">
        <Typography.Text strong>Kết quả tìm kiếm</Typography.Text>
        {q && (
          <ResultTotal
            testId="member-total"
            count={rows.length}
            noun="kết quả"
            capped={search.data?.truncated}
            settled={search.settled}
          />
        )}
      </div>
      <CappedNotice
        capped={search.data?.truncated}
        text={`Chỉ hiển thị ${formatCount(SEARCH_LIMIT)} kết quả phù hợp nhất. Hãy nhập đầy đủ hơn để thu hẹp.`}
      />
      <ErrorAlert error={search.error} onRetry={search.reload} />
      <MemberTable
        rows={rows}
        loading={search.loading}
        height={height}
        emptyText={q ? 'Không tìm thấy đảng viên phù hợp' : 'Nhập từ khóa để tìm đảng viên'}
        onOpen={onOpen}
      />
    </>
  );
}

interface OrgMembersRead {
  rows: MemberSummary[];
  done: boolean;
  error?: DesktopError;
}
const NOTHING_READ: OrgMembersRead = { rows: [], done: false };

/** Every member of the org, read a page at a time into one virtual list. */
function useAllOrgMembers(orgId: string): OrgMembersRead {
  const fetchDesktop = useFetchDesktop();
  // A sync may have moved members in or out: read the list again (the pages are stale by then).
  const [generation, setGeneration] = useState(0);
  useEntityChanged('members', () => setGeneration((g) => g + 1));
  // What was read is tagged with the read it belongs to: another org or generation starts empty.
  const reading = `${generation}:${orgId}`;
  const [state, setState] = useState<OrgMembersRead & { reading?: string }>(NOTHING_READ);
  useEffect(() => {
    let current = true;
    void (async () => {
      let cursor: string | undefined;
      const rows: MemberSummary[] = [];
      do {
        let page;
        try {
          page = await fetchDesktop('orgMembers', { orgId, limit: PAGE, cursor });
        } catch (err) {
          if (!current) return;
          if (err instanceof DesktopCallError)
            return setState({ reading, rows, done: true, error: err.error });
          throw err;
        }
        if (!current) return;
        rows.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        setState({ reading, rows: [...rows], done: cursor === undefined });
      } while (cursor);
    })();
    return () => {
      current = false;
    };
  }, [fetchDesktop, orgId, reading]);
  return state.reading === reading ? state : NOTHING_READ;
}

function OrgMembers({
  orgId,
  back,
  onOpen,
}: {
  orgId: string;
  back?: Screen;
  onOpen: (id: string) => void;
}) {
  const { go } = useNavigation();
  const chain = useDesktopQuery('orgAncestors', { orgId });
  const org = chain.data?.items.at(-1);
  const { rows, done, error } = useAllOrgMembers(orgId);
  const height = useViewportHeight(290);
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Danh sách đảng viên
      </Typography.Title>
      <div className="result-bar">
        <Typography.Text>
          Chi bộ sinh hoạt: <strong className="wrap-anywhere">{org?.name ?? '…'}</strong>
        </Typography.Text>
        <ResultTotal testId="member-total" count={rows.length} noun="đảng viên" settled={done} />
        <ListExportButton
          testId="member-export-xlsx"
          request={{ list: 'orgMembers', orgId }}
          disabled={!done || rows.length === 0}
        />
        <Button size="small" onClick={() => go(back ?? { name: 'orgs' })}>
          Quay lại
        </Button>
      </div>
      <ErrorAlert error={error} />
      <MemberTable
        rows={rows}
        loading={!done && rows.length === 0}
        height={height}
        emptyText="Tổ chức này chưa có đảng viên sinh hoạt"
        onOpen={onOpen}
        showHomeOrg={false}
      />
    </>
  );
}
