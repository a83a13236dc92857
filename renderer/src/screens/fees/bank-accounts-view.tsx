import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Space,
  Switch,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { BankAccountInput, type FeeBankAccountRow } from '../../../../src/desktop/contract';
import {
  callDesktop,
  DesktopCallError,
  useBridge,
  useDesktopAction,
  useDesktopQuery,
  useInvalidate,
} from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { contractRule, showOnField } from '../../ui/field-errors';
import { firstRowOfEachOrg } from './bank-account-rows';
import { ToneTag } from './tone-tag';

/** What the account dialog edits: an org's new account, or one of its accounts. */
interface Editing {
  orgId: string;
  orgName: string;
  account: FeeBankAccountRow | null;
}

/**
 * "Tài khoản ngân hàng": the beneficiary accounts of the orgs below, for the superior's admin to
 * cross-check (one active organizational account, 8-digit CITAD, no personal or treasury account).
 * Online the findings are the server's and admins above an org add or change its accounts;
 * offline the copy kept in the machine is checked here.
 */
export function BankAccountsView() {
  const { message } = App.useApp();
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [editing, setEditing] = useState<Editing>();
  const list = useDesktopQuery('feeBankAccounts', { onlyFlagged });
  const rows = list.data?.items ?? [];
  const online = list.data?.source !== 'cache';
  const minDepth = Math.min(...rows.map((r) => r.depth));
  const firstOfOrg = firstRowOfEachOrg(rows);

  const columns: TableColumnsType<FeeBankAccountRow> = [
    {
      title: 'Tổ chức đảng',
      dataIndex: 'orgName',
      render: (name: string, r) => (
        <span style={{ paddingLeft: (r.depth - minDepth) * 16 }}>{name}</span>
      ),
    },
    { title: 'Số tài khoản', dataIndex: 'accountNo', width: 140 },
    { title: 'Chủ tài khoản', dataIndex: 'holder', width: 150, ellipsis: { showTitle: true } },
    {
      // One column for the bank and its CITAD code: the flags must fit on the screen without
      // scrolling sideways, they are what the superior's admin looks for.
      title: 'Ngân hàng (mã CITAD)',
      key: 'bank',
      width: 150,
      render: (_v, r) =>
        r.id ? (
          <>
            {r.bankName}
            <div style={{ color: 'rgba(0, 0, 0, 0.65)', fontSize: 12 }}>{r.citadCode}</div>
          </>
        ) : (
          ''
        ),
    },
    {
      title: 'Sử dụng',
      dataIndex: 'isActive',
      width: 85,
      render: (active: boolean, r) =>
        r.id ? active ? <ToneTag tone="green">Sử dụng</ToneTag> : <ToneTag>Không</ToneTag> : '',
    },
    {
      title: 'Cần kiểm tra',
      dataIndex: 'flags',
      width: 180,
      render: (flags: string[]) =>
        flags.map((f) => (
          <ToneTag key={f} tone="red" data-testid="account-flag" style={{ whiteSpace: 'normal' }}>
            {f}
          </ToneTag>
        )),
    },
    {
      title: 'Thao tác',
      key: 'actions',
      width: 140,
      render: (_v, r) =>
        r.canEdit && online ? (
          <Space size={0} wrap>
            {r.id && (
              <Button
                type="link"
                size="small"
                data-testid="account-edit"
                onClick={() => setEditing({ orgId: r.orgId, orgName: r.orgName, account: r })}
              >
                Sửa
              </Button>
            )}
            {firstOfOrg.has(r) && (
              <Button
                type="link"
                size="small"
                data-testid="account-add"
                onClick={() => setEditing({ orgId: r.orgId, orgName: r.orgName, account: null })}
              >
                Thêm tài khoản
              </Button>
            )}
          </Space>
        ) : null,
    },
  ];

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Tài khoản ngân hàng
      </Typography.Title>
      <div className="result-bar">
        <Typography.Text data-testid="account-total">
          {rows.length} dòng — {rows.filter((r) => r.flags.length > 0).length} dòng cần kiểm tra
        </Typography.Text>
        <label>
          <Switch
            checked={onlyFlagged}
            onChange={setOnlyFlagged}
            size="small"
            aria-label="Chỉ hiện tài khoản cần kiểm tra"
          />{' '}
          Chỉ hiện tài khoản cần kiểm tra
        </label>
      </div>
      {list.data?.source === 'cache' && (
        <Alert
          data-testid="fee-cached"
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="Không kết nối được máy chủ: đang kiểm tra bản lưu trong máy; cần kết nối mạng để thêm hoặc sửa tài khoản."
        />
      )}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<FeeBankAccountRow>
        data-testid="account-table"
        data-settled={list.settled ? 'true' : 'false'}
        data-source={list.data?.source ?? ''}
        rowKey={(r) => r.id ?? `org-${r.orgId}`}
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        pagination={{ pageSize: 100, showSizeChanger: false }}
        // Fixed layout: the org name takes what is left, so the flags fit 1366 px.
        tableLayout="fixed"
        locale={{
          emptyText: 'Không có tổ chức đảng nào thuộc phạm vi quản trị của tài khoản này',
        }}
      />
      {editing && (
        <AccountDialog
          editing={editing}
          onClose={(savedFlags) => {
            setEditing(undefined);
            if (savedFlags === undefined) return;
            if (savedFlags.length > 0)
              message.warning(`Đã lưu tài khoản; cần kiểm tra: ${savedFlags.join('; ')}`);
            else message.success('Đã lưu tài khoản ngân hàng.');
          }}
        />
      )}
    </Card>
  );
}

type AccountFields = Pick<
  BankAccountInput,
  'accountNo' | 'holder' | 'bankName' | 'citadCode' | 'isActive'
>;
const ACCOUNT_FIELDS = ['accountNo', 'holder', 'bankName', 'citadCode'] as const;
/** Each text field is checked by the contract's rule for it, with the contract's message. */
const RULES = Object.fromEntries(
  ACCOUNT_FIELDS.map((f) => [f, [contractRule(BankAccountInput.shape[f])]]),
) as Record<(typeof ACCOUNT_FIELDS)[number], [ReturnType<typeof contractRule>]>;

/** "Thêm/Sửa tài khoản ngân hàng": checked here as the contract does, then by the server. */
export function AccountDialog({
  editing,
  onClose,
}: {
  editing: Editing;
  /** The saved account's findings, or undefined when cancelled. */
  onClose: (savedFlags?: string[]) => void;
}) {
  const bridge = useBridge();
  const [form] = Form.useForm<AccountFields>();
  const { busy, error, run } = useDesktopAction();
  const invalidate = useInvalidate();
  const a = editing.account;

  async function submit(values: AccountFields) {
    // The fields passed their rules: this only trims them as the contract does.
    const input = BankAccountInput.parse({
      orgId: editing.orgId,
      ...(a?.id ? { accountId: a.id } : {}),
      ...values,
    });
    await run(async () => {
      let saved;
      try {
        saved = await callDesktop(bridge, 'saveFeeBankAccount', input);
      } catch (err) {
        // The server's refusal about one field (a CITAD code it does not know) goes under it.
        if (err instanceof DesktopCallError && showOnField(form, err.error, ACCOUNT_FIELDS)) return;
        throw err;
      }
      await invalidate('fees', 'orgs');
      onClose(saved.flagsVi);
    });
  }

  return (
    <Modal
      open
      title={`${a ? 'Sửa' : 'Thêm'} tài khoản ngân hàng — ${editing.orgName}`}
      onCancel={() => onClose()}
      okText="Lưu"
      cancelText="Hủy"
      okButtonProps={{ 'data-testid': 'account-save' } as Record<string, string>}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <div data-testid="account-dialog">
        <Typography.Paragraph type="secondary">
          Chỉ dùng tài khoản do ngân hàng mở cho tổ chức đảng (không dùng tài khoản cá nhân hoặc tài
          khoản kho bạc). Chọn &quot;Sử dụng&quot; sẽ ngừng sử dụng tài khoản đang dùng của tổ chức.
        </Typography.Paragraph>
        <ErrorAlert error={error} />
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            accountNo: a?.accountNo ?? '',
            holder: a?.holder ?? '',
            bankName: a?.bankName ?? '',
            citadCode: a?.citadCode ?? '',
            isActive: a?.isActive ?? true,
          }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="accountNo" label="Số tài khoản" required rules={RULES.accountNo}>
            <Input data-testid="account-no" maxLength={40} />
          </Form.Item>
          <Form.Item name="holder" label="Chủ tài khoản" required rules={RULES.holder}>
            <Input data-testid="account-holder" maxLength={200} />
          </Form.Item>
          <Form.Item name="bankName" label="Ngân hàng" required rules={RULES.bankName}>
            <Input data-testid="account-bank" maxLength={200} />
          </Form.Item>
          <Form.Item name="citadCode" label="Mã CITAD (8 chữ số)" required rules={RULES.citadCode}>
            <Input data-testid="account-citad" maxLength={8} />
          </Form.Item>
          <Form.Item name="isActive" label="Sử dụng" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
