import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeeRules, FeeRuleVersion } from '../../../../src/desktop/contract';
import {
  appendRuleVersion,
  FeeCategory,
  feeCategoryLabelVi,
  ShareLevel,
  type CategoryRule,
  type ShareRule,
} from '../../../../src/domain/fees/rules';
import {
  callDesktop,
  useBridge,
  useDesktopAction,
  useDesktopQuery,
  useInvalidate,
} from '../../desktop-context';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { formatMoney } from './fee-format';
import { SourceNote } from './fee-ui';

type VersionView = FeeRules['items'][number];

/** The levels that keep a share of the collected fees, as the rules name them. */
const SHARE_LEVEL_VI: Record<ShareLevel, string> = {
  cell_under_grassroots: 'Chi bộ trực thuộc đảng ủy cơ sở',
  grassroots_commune_ward: 'Tổ chức cơ sở đảng xã, phường, đặc khu',
  grassroots_other: 'Tổ chức cơ sở đảng khác',
  above: 'Cấp ủy cấp trên cơ sở',
};

/** '2026-02' → '02/2026'; null → 'nay'. */
const monthVi = (m: string | null) => (m ? `${m.slice(5)}/${m.slice(0, 4)}` : 'nay');
/** Basis points as a percentage ('1%', '0,5%'). */
const percent = (bp: number) => `${(bp / 100).toLocaleString('vi-VN')}%`;

function categoryText(rule: CategoryRule): string {
  switch (rule.kind) {
    case 'rate':
      return `${percent(rule.basisPoints)} thu nhập làm căn cứ`;
    case 'fixed':
      return `${formatMoney(rule.amount)}/tháng`;
    case 'range':
      return `từ ${formatMoney(rule.min)} đến ${formatMoney(rule.max)}/tháng`;
  }
}

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
          {i.version.id === rules.data?.currentId && <Tag color="green">Đang áp dụng</Tag>}
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

/** The form's copy of a version: rates and shares as percentages, months as MM/YYYY. */
interface Draft {
  corrects: string;
  id: string;
  source: string;
  from: string;
  to: string;
  categories: Record<FeeCategory, CategoryRule>;
  shares: Record<ShareLevel, ShareRule>;
  voluntaryExtra: boolean;
}

function draftFrom(base: FeeRuleVersion, taken: readonly string[]): Draft {
  let n = 1;
  while (taken.includes(`${base.id}-dc${n}`)) n++;
  return {
    corrects: base.id,
    id: `${base.id}-dc${n}`,
    source: `Đính chính ${base.source}`,
    from: monthVi(base.effectiveFrom),
    to: base.effectiveTo ? monthVi(base.effectiveTo) : '',
    categories: { ...base.categories },
    shares: { ...base.shares },
    voluntaryExtra: base.voluntaryExtra,
  };
}

/** 'MM/YYYY' → 'YYYY-MM', or null. */
function monthOfVi(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[1]);
  return month >= 1 && month <= 12 ? `${m[2]}-${String(month).padStart(2, '0')}` : null;
}

/** The version the draft describes, or the first thing wrong with it in Vietnamese. */
function versionOf(
  draft: Draft,
  rules: FeeRules,
): { version: FeeRuleVersion } | { errorVi: string } {
  const base = rules.items.find((i) => i.version.id === draft.corrects)?.version;
  if (!base) return { errorVi: 'Chọn phiên bản được đính chính.' };
  const from = monthOfVi(draft.from);
  if (!from) return { errorVi: 'Tháng bắt đầu hiệu lực phải có dạng MM/YYYY (ví dụ 03/2026).' };
  const to = draft.to.trim() === '' ? null : monthOfVi(draft.to);
  if (to === null && draft.to.trim() !== '')
    return { errorVi: 'Tháng hết hiệu lực phải có dạng MM/YYYY, hoặc để trống nếu chưa có.' };
  if (to !== null && to < from)
    return { errorVi: 'Tháng hết hiệu lực phải sau tháng bắt đầu hiệu lực.' };
  if (draft.id.trim() === '' || draft.source.trim() === '')
    return { errorVi: 'Nhập mã phiên bản và văn bản căn cứ.' };
  for (const c of FeeCategory.options) {
    const rule = draft.categories[c];
    if (rule.kind === 'range' && rule.min > rule.max)
      return { errorVi: `${feeCategoryLabelVi[c]}: mức tối thiểu lớn hơn mức tối đa.` };
  }
  for (const l of ShareLevel.options) {
    const s = draft.shares[l];
    if (!(s.min <= s.default && s.default <= s.max))
      return {
        errorVi: `${SHARE_LEVEL_VI[l]}: tỷ lệ áp dụng phải nằm giữa tỷ lệ tối thiểu và tối đa.`,
      };
  }
  const version: FeeRuleVersion = {
    ...base,
    id: draft.id.trim(),
    seq: Math.max(0, ...rules.items.map((i) => i.version.seq)) + 1,
    source: draft.source.trim(),
    effectiveFrom: from,
    effectiveTo: to,
    corrects: base.id,
    categories: draft.categories,
    shares: draft.shares,
    voluntaryExtra: draft.voluntaryExtra,
  };
  // The same checks as the server (months, rates ≤ 10%, shares < 100%, overlap).
  const checked = appendRuleVersion(
    rules.items.map((i) => i.version),
    version,
  );
  return checked.ok ? { version } : { errorVi: `${checked.messageVi}.` };
}

/** A percentage input over basis points (1% = 100). */
function PercentInput({
  value,
  onChange,
  testId,
}: {
  value: number;
  onChange: (bp: number) => void;
  testId?: string;
}) {
  return (
    <InputNumber<number>
      data-testid={testId}
      value={value / 100}
      max={100}
      step={0.1}
      precision={2}
      decimalSeparator=","
      suffix="%"
      style={{ width: 120 }}
      onChange={(v) => onChange(Math.round((v ?? 0) * 100))}
    />
  );
}

function MoneyInput({
  value,
  onChange,
  testId,
}: {
  value: number;
  onChange: (amount: number) => void;
  testId?: string;
}) {
  return (
    <InputNumber<number>
      data-testid={testId}
      value={value}
      precision={0}
      step={1000}
      suffix="đ"
      style={{ width: 150 }}
      formatter={(v) => (v === undefined ? '' : Number(v).toLocaleString('vi-VN'))}
      // Keeps a minus sign: a negative amount is refused with a message, not silently flipped.
      parser={(text) => Number((text ?? '').replace(/[^\d-]/g, '') || 0)}
      onChange={(v) => onChange(v ?? 0)}
    />
  );
}

/** "Đính chính quy định": a new version built from the one it corrects. */
function CorrectionDialog({
  rules,
  onClose,
}: {
  rules: FeeRules;
  onClose: (done: boolean) => void;
}) {
  const bridge = useBridge();
  const taken = useMemo(() => rules.items.map((i) => i.version.id), [rules]);
  const current =
    rules.items.find((i) => i.version.id === rules.currentId) ??
    rules.items[rules.items.length - 1];
  const [draft, setDraft] = useState<Draft | undefined>(
    current ? draftFrom(current.version, taken) : undefined,
  );
  const { busy, error, setError, run } = useDesktopAction();
  const invalidate = useInvalidate();
  // The form is taller than the window: bring a refusal into view, the user is at the button.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  if (!draft) return null;
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const setCategory = (c: FeeCategory, rule: CategoryRule) =>
    set({ categories: { ...draft.categories, [c]: rule } });
  const setShare = (l: ShareLevel, change: Partial<ShareRule>) =>
    set({ shares: { ...draft.shares, [l]: { ...draft.shares[l], ...change } } });

  async function submit() {
    if (!draft) return;
    const checked = versionOf(draft, rules);
    if ('errorVi' in checked) {
      setError({ code: 'invalid_input', message: 'invalid rule version', messageVi: checked.errorVi }); // prettier-ignore
      return;
    }
    await run(async () => {
      await callDesktop(bridge, 'correctFeeRule', checked.version);
      await invalidate('fees');
      onClose(true);
    });
  }

  return (
    <Modal
      open
      title="Đính chính quy định mức đóng đảng phí"
      onCancel={() => onClose(false)}
      okText="Thêm phiên bản đính chính"
      cancelText="Hủy"
      okButtonProps={{ 'data-testid': 'rule-submit' } as Record<string, string>}
      confirmLoading={busy}
      onOk={() => void submit()}
      width={900}
      destroyOnHidden
    >
      <div data-testid="rule-form">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="Phiên bản đính chính áp dụng cho các tháng trong thời gian hiệu lực của nó, thay cho phiên bản được đính chính; các tháng đã phê duyệt giữ nguyên số tiền đã duyệt. Tỷ lệ đóng không quá 10%, tỷ lệ trích giữ lại của mỗi cấp phải nhỏ hơn 100%."
        />
        <div ref={errorRef}>
          <ErrorAlert error={error} />
        </div>
        <Form layout="vertical">
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item label="Phiên bản được đính chính">
              <Select
                value={draft.corrects}
                style={{ width: 200 }}
                onChange={(id: string) => {
                  const base = rules.items.find((i) => i.version.id === id)?.version;
                  if (base) setDraft(draftFrom(base, taken));
                }}
                options={rules.items.map((i) => ({ value: i.version.id, label: i.version.id }))}
              />
            </Form.Item>
            <Form.Item label="Mã phiên bản mới">
              <Input
                data-testid="rule-id"
                value={draft.id}
                maxLength={100}
                style={{ width: 200 }}
                onChange={(e) => set({ id: e.target.value })}
              />
            </Form.Item>
            <Form.Item label="Hiệu lực từ tháng (MM/YYYY)">
              <Input
                data-testid="rule-from"
                value={draft.from}
                style={{ width: 140 }}
                onChange={(e) => set({ from: e.target.value })}
              />
            </Form.Item>
            <Form.Item label="Đến tháng (để trống: chưa hết hiệu lực)">
              <Input
                data-testid="rule-to"
                value={draft.to}
                style={{ width: 140 }}
                onChange={(e) => set({ to: e.target.value })}
              />
            </Form.Item>
          </div>
          <Form.Item label="Văn bản căn cứ">
            <Input
              data-testid="rule-source"
              value={draft.source}
              maxLength={200}
              onChange={(e) => set({ source: e.target.value })}
            />
          </Form.Item>
        </Form>
        <Typography.Title level={5}>Mức đóng theo đối tượng</Typography.Title>
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="category"
          dataSource={FeeCategory.options.map((c) => ({ category: c }))}
          columns={[
            {
              title: 'Đối tượng',
              key: 'label',
              render: (_v, r) => feeCategoryLabelVi[r.category],
            },
            {
              title: 'Mức đóng',
              key: 'value',
              width: 380,
              render: (_v, { category: c }) => {
                const rule = draft.categories[c];
                if (rule.kind === 'rate')
                  return (
                    <PercentInput
                      testId={`rule-rate-${c}`}
                      value={rule.basisPoints}
                      onChange={(basisPoints) => setCategory(c, { kind: 'rate', basisPoints })}
                    />
                  );
                if (rule.kind === 'fixed')
                  return (
                    <MoneyInput
                      testId={`rule-amount-${c}`}
                      value={rule.amount}
                      onChange={(amount) => setCategory(c, { kind: 'fixed', amount })}
                    />
                  );
                return (
                  <span>
                    từ{' '}
                    <MoneyInput
                      value={rule.min}
                      onChange={(min) => setCategory(c, { ...rule, min })}
                    />{' '}
                    đến{' '}
                    <MoneyInput
                      value={rule.max}
                      onChange={(max) => setCategory(c, { ...rule, max })}
                    />
                  </span>
                );
              },
            },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          Tỷ lệ trích giữ lại ở mỗi cấp
        </Typography.Title>
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="level"
          dataSource={ShareLevel.options.map((l) => ({ level: l }))}
          columns={[
            { title: 'Cấp', key: 'label', render: (_v, r) => SHARE_LEVEL_VI[r.level] },
            ...(['min', 'default', 'max'] as const).map((k) => ({
              title: { min: 'Tối thiểu', default: 'Áp dụng', max: 'Tối đa' }[k],
              key: k,
              width: 140,
              render: (_v: unknown, r: { level: ShareLevel }) => (
                <PercentInput
                  testId={`rule-share-${r.level}-${k}`}
                  value={draft.shares[r.level][k]}
                  onChange={(bp) => setShare(r.level, { [k]: bp })}
                />
              ),
            })),
          ]}
        />
        <div style={{ marginTop: 12 }}>
          <Switch
            checked={draft.voluntaryExtra}
            onChange={(voluntaryExtra) => set({ voluntaryExtra })}
            size="small"
          />{' '}
          Cho phép đóng thêm tự nguyện
        </div>
      </div>
    </Modal>
  );
}
