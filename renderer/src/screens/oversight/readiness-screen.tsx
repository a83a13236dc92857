import { Alert, App, Button, Card, Form, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ReadinessFinding } from '../../../../src/desktop/contract';
import {
  NOT_YET_CHECKED_VI,
  readinessKindLabelVi,
  ReadinessKind,
  type ReadinessFix,
} from '../../../../src/domain/oversight/readiness';
import type { Role } from '../../../../src/domain/people/user';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';
import { formatCount, formatDateTime } from '../../format';
import type { Screen } from '../../navigation';
import { ErrorAlert } from '../../ui/error-alert';
import { ReloadButton } from '../../ui/reload-button';
import { ExportButtons, saveDocument } from '../fees/fee-ui';
import { CachedNote, ScreenLink } from './oversight-ui';

/** Lines of a kind shown at first, and added by each "Xem thêm". */
export const READINESS_PAGE = 200;
/** Lines added at most on screen; the whole list is in the exports. */
const MAX_MORE = 1000;

/**
 * The screen that fixes each kind of finding. Certificates are registered by their holder; an
 * admin follows the registrations on "Quản lý người dùng" (its registry part).
 */
const FIX_SCREEN: Record<ReadinessFix, Screen> = {
  users: { name: 'users' },
  orgs: { name: 'orgs' },
  bank_accounts: { name: 'fees', view: 'bankAccounts' },
  certificates: { name: 'users' },
  holidays: { name: 'holidays' },
};

function FindingLine({ finding, roles }: { finding: ReadinessFinding; roles: readonly Role[] }) {
  return (
    <List.Item data-testid="finding" data-kind={finding.kind} data-org={finding.org.id}>
      <div>
        <ScreenLink to={FIX_SCREEN[finding.fix]} roles={roles} testId="finding-link">
          {finding.messageVi}
        </ScreenLink>
        {finding.org.path.length > 0 && (
          <div>
            <Typography.Text type="secondary">
              {[...finding.org.path, finding.org.name].join(' › ')}
            </Typography.Text>
          </div>
        )}
      </div>
    </List.Item>
  );
}

/** Every item of the checklist with its count, "Đạt" for those with nothing left. */
function Summary({ counts }: { counts: Record<ReadinessKind, number> }) {
  return (
    <List
      size="small"
      bordered
      style={{ marginBottom: 12 }}
      dataSource={ReadinessKind.options}
      renderItem={(kind) => (
        <List.Item data-testid={`summary-${kind}`}>
          <span>{readinessKindLabelVi[kind]}</span>
          {counts[kind] === 0 ? (
            <Tag color="green">Đạt</Tag>
          ) : (
            <Tag color="red">{formatCount(counts[kind])}</Tag>
          )}
        </List.Item>
      )}
    />
  );
}

/** One kind with findings: its count, its first lines, and more of them on request. */
function KindGroup({
  kind,
  count,
  first,
  roles,
}: {
  kind: ReadinessKind;
  count: number;
  first: readonly ReadinessFinding[];
  roles: readonly Role[];
}) {
  const [more, setMore] = useState(0);
  const rest = useDesktopQuery(
    'readinessReport',
    more > 0 ? { kind, offset: first.length, limit: more } : null,
  );
  const shown = [...first, ...(rest.data?.findings ?? [])];
  return (
    <Card
      size="small"
      data-testid={`kind-${kind}`}
      title={
        <Space>
          {readinessKindLabelVi[kind]}
          <Tag color="red" data-testid="kind-count">
            {formatCount(count)}
          </Tag>
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      <List
        size="small"
        dataSource={shown}
        rowKey={(f) => `${f.org.id}|${f.user?.id ?? ''}`}
        renderItem={(f) => <FindingLine finding={f} roles={roles} />}
      />
      <ErrorAlert error={rest.error} onRetry={rest.reload} />
      {shown.length < count && (
        <Button
          data-testid="kind-more"
          loading={rest.loading}
          disabled={more >= MAX_MORE}
          onClick={() => setMore((m) => Math.min(MAX_MORE, m + READINESS_PAGE))}
        >
          Xem thêm ({formatCount(count - shown.length)} còn lại)
        </Button>
      )}
    </Card>
  );
}

/** "Rà soát sẵn sàng": what blocks going live in the user's subtree, grouped by kind. */
export function ReadinessScreen({ roles }: { roles: readonly Role[] }) {
  const bridge = useBridge();
  const { message } = App.useApp();
  const report = useDesktopQuery('readinessReport', { limit: READINESS_PAGE });
  const [format, setFormat] = useState<'xlsx' | 'pdf'>();
  const { busy, error, run } = useDesktopAction();
  const data = report.data;
  const total = data ? Object.values(data.counts).reduce((a, b) => a + b, 0) : 0;

  async function exportAs(chosen: 'xlsx' | 'pdf') {
    setFormat(chosen);
    await run(async () => {
      const file = await callDesktop(bridge, 'exportReadinessReport', {
        orgId: data?.org.id,
        format: chosen,
      });
      saveDocument(file);
      message.success(`Đã xuất ${file.fileName}`);
    });
  }

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Rà soát sẵn sàng{data ? ` — ${data.org.name}` : ''}
      </Typography.Title>
      <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item>
          <ReloadButton list={report} testId="readiness-reload" />
        </Form.Item>
        <ExportButtons
          testIds={{ xlsx: 'readiness-export-xlsx', pdf: 'readiness-export-pdf' }}
          disabled={!data}
          exporting={busy ? (format ?? null) : null}
          onExport={(f) => void exportAs(f)}
        />
      </Form>
      <CachedNote source={data} />
      <ErrorAlert error={report.error} onRetry={report.reload} />
      <ErrorAlert error={error} />
      {data && (
        <div data-testid="readiness" data-settled={report.settled ? 'true' : 'false'}>
          <Typography.Paragraph data-testid="readiness-summary">
            Đã rà soát {formatCount(data.orgCount)} tổ chức đảng lúc{' '}
            {formatDateTime(data.generatedAt)}:{' '}
            {total === 0 ? 'không còn tồn tại nào.' : `${formatCount(total)} tồn tại cần xử lý.`}
          </Typography.Paragraph>
          {NOT_YET_CHECKED_VI.length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={`Chưa rà soát được (chưa có dữ liệu trên hệ thống): ${NOT_YET_CHECKED_VI.join('; ')}.`}
            />
          )}
          <Summary counts={data.counts} />
          {ReadinessKind.options
            .filter((kind) => data.counts[kind] > 0)
            .map((kind) => (
              <KindGroup
                // A new answer (reload) starts each kind again from its first lines.
                key={`${kind}|${data.generatedAt}`}
                kind={kind}
                count={data.counts[kind]}
                first={data.findings.filter((f) => f.kind === kind)}
                roles={roles}
              />
            ))}
        </div>
      )}
    </Card>
  );
}
