import { App, Button, Card, Descriptions, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { FeeRules, FeeRuleVersion } from '../../../../src/desktop/contract';
import { FeeCategory, feeCategoryLabelVi, ShareLevel } from '../../../../src/domain/fees/rules';
import { useDesktopQuery } from '../../desktop-context';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { CorrectionDialog } from './correction-dialog';
import { SourceNote } from './fee-ui';
import { ToneTag } from './tone-tag';
import { categoryText, monthVi, percent, SHARE_LEVEL_VI } from './rule-format';

type VersionView = FeeRules['items'][number];

/**
 * "Quy định mức đóng đảng phí": the versions of the fee rules with their months and who
 * corrected them; the admin of the top org corrects one by appending a version (past months
 * keep the version they were computed under).
 */
export function RulesView() {
  const rules = useDesktopQuery('feeRuleVersions', {});
  const [correcting, setCorrecting] = useState(false);
  const { message } = App.useApp();
  const items = rules.data?.items ?? [];

  const columns: TableColumnsType<VersionView> = [
    {
      title: 'Phiên bản',
      key: 'id',
      width: 190,
      render: (_v, i) => (
        <span data-testid="rule-version" data-version-id={i.version.id}>
          {i.version.id}{' '}
          {i.version.id === rules.data?.currentId && <ToneTag tone="green">Đang áp dụng</ToneTag>}
        </span>
      ),
    },
    { title: 'Văn bản', key: 'source', width: 280, render: (_v, i) => i.version.source },
    {
      title: 'Hiệu lực',
      key: 'months',
      width: 170,
      render: (_v, i) =>
        `Từ ${monthVi(i.version.effectiveFrom)} đến ${monthVi(i.version.effectiveTo)}`,
    },
    {
      title: 'Đính chính cho',
      key: 'corrects',
      width: 150,
      render: (_v, i) => i.version.corrects ?? '',
    },
    {
      title: 'Người đính chính',
      key: 'by',
      width: 220,
      render: (_v, i) =>
        i.createdByName
          ? `${i.createdByName} — ${formatDateTime(i.createdAt ?? '')}`
          : 'Quy định ban hành (có sẵn)',
    },
  ];

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Quy định mức đóng đảng phí
      </Typography.Title>
      <div className="result-bar">
        <Typography.Text data-testid="rule-total">{items.length} phiên bản</Typography.Text>
        {rules.data?.canCorrect && (
          <Button
            type="primary"
            data-testid="rule-correct"
            disabled={rules.data.source !== 'server'}
            onClick={() => setCorrecting(true)}
          >
            Đính chính quy định
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">
        Mỗi lần đính chính tạo một phiên bản mới; phiên bản cũ được giữ nguyên để các tháng đã tính
        theo phiên bản đó vẫn giải thích được. Với mỗi tháng, phiên bản được thêm sau cùng có hiệu
        lực cho tháng đó được áp dụng.
      </Typography.Paragraph>
      <SourceNote source={rules.data} />
      <ErrorAlert error={rules.error} onRetry={rules.reload} />
      <Table<VersionView>
        // Remounted once the version in force is known, so that one opens expanded.
        key={rules.data?.currentId ?? ''}
        data-testid="rule-table"
        data-settled={rules.settled ? 'true' : 'false'}
        rowKey={(i) => i.version.id}
        size="small"
        bordered
        columns={columns}
        dataSource={items}
        loading={rules.loading}
        pagination={false}
        expandable={{
          expandedRowRender: (i) => <VersionDetail version={i.version} />,
          defaultExpandedRowKeys: rules.data?.currentId ? [rules.data.currentId] : [],
        }}
      />
      {correcting && rules.data && (
        <CorrectionDialog
          rules={rules.data}
          onClose={(done) => {
            setCorrecting(false);
            if (done) {
              message.success('Đã thêm phiên bản quy định đính chính.');
            }
          }}
        />
      )}
    </Card>
  );
}

/** The figures of a version: each category's rate or amount, each level's share. */
function VersionDetail({ version }: { version: FeeRuleVersion }) {
  return (
    <div data-testid="rule-detail">
      <Descriptions size="small" bordered column={1} title="Mức đóng theo đối tượng">
        {FeeCategory.options.map((c) => (
          <Descriptions.Item key={c} label={feeCategoryLabelVi[c]}>
            {categoryText(version.categories[c])}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Descriptions
        size="small"
        bordered
        column={1}
        title="Tỷ lệ trích giữ lại ở mỗi cấp"
        style={{ marginTop: 12 }}
      >
        {ShareLevel.options.map((l) => {
          const s = version.shares[l];
          return (
            <Descriptions.Item key={l} label={SHARE_LEVEL_VI[l]}>
              {s.min === s.max
                ? percent(s.default)
                : `${percent(s.default)} (từ ${percent(s.min)} đến ${percent(s.max)})`}
            </Descriptions.Item>
          );
        })}
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        Làm tròn đến đồng; {version.voluntaryExtra ? 'cho phép' : 'không cho phép'} đóng thêm tự
        nguyện.
      </Typography.Paragraph>
    </div>
  );
}
