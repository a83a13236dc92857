import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Empty, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { accountRequestKindLabelVi } from '../../../../src/domain/accounts/account-request';
import { memberFieldLabelVi } from '../../../../src/domain/people/member';
import { sexLabelVi } from '../../../../src/domain/people/sex';
import type { AccountRequestItem, MyAccountView } from '../../../../src/desktop/contract-accounts';
import { useDesktopQuery } from '../../desktop-context';
import { formatDate, formatDateTime, labelOf } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { StatusTag } from '../../ui/status-tag';
import { RequestStatusTag } from './request-status';

const L = memberFieldLabelVi;

const COLUMNS: ColumnsType<AccountRequestItem> = [
  {
    title: 'Yêu cầu',
    key: 'kind',
    render: (_, r) => (
      <Space direction="vertical" size={0}>
        <span>{accountRequestKindLabelVi[r.kind]}</span>
        <Typography.Text type="secondary">{r.summary}</Typography.Text>
      </Space>
    ),
  },
  {
    title: 'Ngày gửi',
    key: 'createdAt',
    width: 150,
    render: (_, r) => formatDateTime(r.createdAt),
  },
  { title: 'Nơi phê duyệt', key: 'decidingOrg', render: (_, r) => r.decidingOrg.name },
  {
    title: 'Trạng thái',
    key: 'status',
    width: 170,
    render: (_, r) => <RequestStatusTag item={r} />,
  },
  {
    title: 'Lý do từ chối',
    key: 'reason',
    render: (_, r) =>
      r.reason ? <Typography.Text type="danger">{r.reason}</Typography.Text> : null,
  },
];

function MemberData({ account }: { account: MyAccountView }) {
  const m = account.member;
  if (!m)
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="Tài khoản chưa gắn với hồ sơ đảng viên"
        description="Thông tin đảng viên hiển thị sau khi Bí thư chi bộ phê duyệt đăng ký và dữ liệu được đồng bộ."
      />
    );
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      style={{ marginBottom: 16 }}
      items={[
        { key: 'fullName', label: L.fullName, children: m.fullName },
        { key: 'birthDate', label: L.birthDate, children: formatDate(m.birthDate) },
        { key: 'sex', label: L.sex, children: labelOf(sexLabelVi, m.sex) },
        { key: 'citizenId', label: L.citizenId, children: m.citizenId },
        { key: 'cardNo', label: L.cardNo, children: m.cardNo },
        { key: 'profileNo', label: L.profileNo, children: m.profileNo },
        { key: 'homeOrg', label: L.homeOrgId, children: m.homeOrg?.name },
        { key: 'residenceOrg', label: L.residenceOrgId, children: m.residenceOrg?.name },
        { key: 'phone', label: L.phone, children: m.phone },
        { key: 'email', label: L.email, children: m.email },
        {
          key: 'positions',
          label: L.positions,
          span: 2,
          children:
            m.positions.length === 0
              ? 'Đảng viên'
              : m.positions.map((p) => `${p.positionVi} — ${p.org.name}`).join('; '),
        },
      ]}
    />
  );
}

/**
 * "Thông tin tài khoản": the member's account and record as the guide lists them, and his requests
 * with where each stands and, when refused, the secretary's reason.
 */
export function AccountInfoView({ onChange }: { onChange: () => void }) {
  const account = useDesktopQuery('myAccount', {});
  if (account.error) return <ErrorAlert error={account.error} onRetry={account.reload} />;
  const a = account.data;
  if (!a) return <Spin />;
  return (
    <div data-testid="account-info" style={{ maxWidth: 1100 }}>
      <Descriptions
        bordered
        size="small"
        column={3}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'username', label: 'Tên đăng nhập', children: a.username },
          { key: 'fullName', label: 'Họ và tên', children: a.fullName },
          {
            key: 'status',
            label: 'Trạng thái tài khoản',
            children: <StatusTag kind="user" status={a.status} />,
          },
        ]}
      />
      <MemberData account={a} />
      <Button icon={<EditOutlined />} onClick={onChange} style={{ marginBottom: 16 }}>
        Thay đổi thông tin tài khoản
      </Button>
      <Typography.Title level={5}>Yêu cầu đã gửi</Typography.Title>
      <Table<AccountRequestItem>
        data-testid="account-requests"
        size="small"
        rowKey="id"
        columns={COLUMNS}
        dataSource={a.requests}
        pagination={false}
        locale={{ emptyText: <Empty description="Chưa có yêu cầu nào" /> }}
      />
    </div>
  );
}
