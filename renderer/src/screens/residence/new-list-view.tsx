import { SendOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Form,
  InputNumber,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import type { ResidenceCandidate } from '../../../../src/desktop/contract-residence';
import {
  residenceRequestKindLabelVi,
  ResidenceRequestKind,
} from '../../../../src/domain/procedures/residence-request';
import type { ResidenceExemptionCode } from '../../../../src/domain/procedures/residence-rules';
import {
  callDesktop,
  DesktopCallError,
  useBridge,
  useDesktopAction,
  useDesktopQuery,
} from '../../desktop-context';
import { formatDate } from '../../format';
import { useNavigation } from '../../navigation';
import { ErrorAlert } from '../../ui/error-alert';
import { indexColumn, ListTable } from '../../ui/list-table';
import { orgNameColumn } from '../../ui/org-name';
import { ResultTotal } from '../../ui/result-total';
import { labelledRowSelection } from '../../ui/row-selection';
import { StackedCell } from '../../ui/stacked-cell';
import { useViewportHeight } from '../../ui/use-viewport-height';
import { exemptionOptions, isLeftOut, listItemsOf, type RowEdit } from './list-items';
import { OrgSelect, type OrgChoice } from './org-select';

type Row = ResidenceCandidate & { id: string };

/**
 * "Lập danh sách": the whole committee or cell (its subtree's members), or some of them; each
 * row's residence cell checked and corrected, "Yêu cầu báo cáo", the Hướng dẫn 33 exemption;
 * the list's type; "Trình phê duyệt" queues the list and its submission.
 */
export function NewListView() {
  const bridge = useBridge();
  const { message } = App.useApp();
  const { go } = useNavigation();
  const today = new Date().toISOString().slice(0, 10);
  const [org, setOrg] = useState<OrgChoice | null>(null);
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [kind, setKind] = useState<ResidenceRequestKind>('introduce_and_comment');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [edits, setEdits] = useState<ReadonlyMap<string, RowEdit>>(new Map());
  const { busy, error, run } = useDesktopAction();
  const candidates = useDesktopQuery(
    'residenceCandidates',
    org ? { orgId: org.id, campaignYear: year, limit: 2000 } : null,
  );
  const rows = useMemo<Row[]>(
    () => (candidates.data?.items ?? []).map((c) => ({ ...c, id: c.memberId })),
    [candidates.data],
  );
  const height = useViewportHeight(400);
  const items = listItemsOf(rows, chosen, edits, today);

  const edit = (memberId: string, change: RowEdit) =>
    setEdits((prev) => new Map(prev).set(memberId, { ...prev.get(memberId), ...change }));

  const submit = () =>
    run(async () => {
      if (!org) return;
      const { requestId } = await callDesktop(bridge, 'createResidenceList', {
        campaignYear: year,
        workplaceOrgId: org.id,
        kind,
        items,
      });
      // The list exists now: whatever the submission answers, the user goes on from the list
      // itself (where "Trình phê duyệt" stays offered), never from a second copy made here.
      try {
        await callDesktop(bridge, 'residenceListAction', { requestId, action: 'submit' });
        message.success('Đã trình phê duyệt danh sách.');
      } catch (err) {
        if (!(err instanceof DesktopCallError)) throw err;
        message.error(err.error.messageVi);
      }
      go({ name: 'residence', view: 'lists', listId: requestId });
    });

  const columns = candidateColumns({ edits, today, onEdit: edit });
  return (
    <div data-testid="residence-new-list">
      <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item label="Đảng bộ, chi bộ" htmlFor="residence-org">
          <OrgSelect
            id="residence-org"
            value={org}
            onChange={(next) => {
              setOrg(next);
              setChosen(new Set());
              setEdits(new Map());
            }}
          />
        </Form.Item>
        <Form.Item label="Năm" htmlFor="residence-year">
          <InputNumber
            id="residence-year"
            min={2020}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            style={{ width: 100 }}
          />
        </Form.Item>
        <Form.Item label="Loại" htmlFor="residence-kind">
          <Select<ResidenceRequestKind>
            id="residence-kind"
            value={kind}
            onChange={setKind}
            style={{ width: 240 }}
            options={ResidenceRequestKind.options.map((k) => ({
              value: k,
              label: residenceRequestKindLabelVi[k],
            }))}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={candidates.error} onRetry={candidates.reload} />
      <div className="result-bar">
        <Typography.Text strong>Đảng viên của tổ chức đảng</Typography.Text>
        <Space>
          <Button
            onClick={() =>
              setChosen(new Set(rows.filter((r) => !r.alreadyListed).map((r) => r.id)))
            }
            disabled={rows.length === 0}
          >
            Chọn tất cả
          </Button>
          <ResultTotal
            count={rows.length}
            testId="candidate-total"
            noun="đảng viên"
            capped={candidates.data?.truncated}
            settled={candidates.settled}
          />
        </Space>
      </div>
      <ListTable<Row>
        data-testid="candidate-table"
        columns={columns}
        dataSource={rows}
        loading={candidates.loading && !candidates.data}
        height={height}
        locale={{
          emptyText: org ? 'Tổ chức đảng không có đảng viên' : 'Hãy chọn đảng bộ hoặc chi bộ',
        }}
        rowSelection={labelledRowSelection<Row>(
          {
            selectedRowKeys: [...chosen],
            onChange: (keys) => setChosen(new Set(keys.map(String))),
            getCheckboxProps: (r) => ({ disabled: r.alreadyListed }),
          },
          (r) => r.fullName,
        )}
      />
      <ErrorAlert error={error} />
      <div className="result-bar">
        <Typography.Text data-testid="new-list-count">
          Đã chọn {chosen.size} đảng viên; danh sách gồm {items.length} đảng viên
        </Typography.Text>
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={busy}
          disabled={!org || items.length === 0}
          onClick={() => void submit()}
        >
          Trình phê duyệt
        </Button>
      </div>
    </div>
  );
}

/**
 * The candidates' columns: the member, his cell, his residence cell (corrected with an org
 * picker), "Yêu cầu báo cáo" and the exemption. Fits 1366 wide with the check box column.
 */
export function candidateColumns({
  edits,
  today,
  onEdit,
}: {
  edits: ReadonlyMap<string, RowEdit>;
  today: string;
  onEdit: (memberId: string, change: RowEdit) => void;
}): TableColumnsType<Row> {
  const exemptions = exemptionOptions(today);
  return [
    indexColumn(),
    {
      title: 'Họ và tên',
      key: 'member',
      width: 180,
      ellipsis: { showTitle: true },
      render: (_v, c) => (
        <StackedCell
          main={c.fullName}
          secondary={
            c.alreadyListed ? (
              <Tag color="blue">Đã có trong danh sách năm nay</Tag>
            ) : (
              formatDate(c.birthDate)
            )
          }
        />
      ),
    },
    orgNameColumn('Chi bộ', 'org', 140, (c) => c.org.name),
    {
      title: 'Nơi cư trú',
      key: 'residence',
      width: 270,
      render: (_v, c) => {
        const edit = edits.get(c.memberId);
        const value = edit?.residenceOrg === undefined ? c.residenceOrg : edit.residenceOrg;
        return (
          <OrgSelect
            size="small"
            width="100%"
            ariaLabel={`Nơi cư trú của ${c.fullName}`}
            placeholder="Chưa có nơi cư trú"
            value={value}
            onChange={(org) => onEdit(c.memberId, { residenceOrg: org })}
          />
        );
      },
    },
    {
      title: 'Yêu cầu báo cáo',
      key: 'report',
      width: 90,
      align: 'center',
      render: (_v, c) => (
        <Checkbox
          aria-label={`Yêu cầu ${c.fullName} báo cáo`}
          checked={edits.get(c.memberId)?.reportRequired ?? true}
          onChange={(e) => onEdit(c.memberId, { reportRequired: e.target.checked })}
        />
      ),
    },
    {
      title: 'Miễn nhận xét (Hướng dẫn 33)',
      key: 'exemption',
      width: 230,
      render: (_v, c) => {
        const exemption = edits.get(c.memberId)?.exemption ?? null;
        return (
          <Space direction="vertical" size={0} style={{ width: '100%' }}>
            <Select<ResidenceExemptionCode>
              size="small"
              allowClear
              aria-label={`Miễn nhận xét của ${c.fullName}`}
              placeholder="Không"
              value={exemption ?? undefined}
              onChange={(code) => onEdit(c.memberId, { exemption: code ?? null })}
              options={exemptions}
              style={{ width: '100%' }}
              popupMatchSelectWidth={420}
            />
            {isLeftOut(exemption, today) && (
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                Không đưa vào danh sách
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
  ];
}
