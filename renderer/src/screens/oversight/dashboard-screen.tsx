import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import type { DashboardView } from '../../../../src/desktop/contract';
import {
  accountRequestStatusLabelVi,
  AccountRequestStatus,
} from '../../../../src/domain/accounts/account-request';
import {
  dashboardProcedureLabelVi,
  DashboardProcedure,
} from '../../../../src/domain/oversight/dashboard';
import type { Role } from '../../../../src/domain/people/user';
import { residenceFormStatusLabelVi } from '../../../../src/domain/procedures/residence-form';
import { residenceRequestStatusLabelVi } from '../../../../src/domain/procedures/residence-request';
import { transferStatusLabelVi } from '../../../../src/domain/procedures/transfer-dossier';
import { useDesktopQuery } from '../../desktop-context';
import { formatCount, formatDateTime, labelOf } from '../../format';
import type { Screen } from '../../navigation';
import { ErrorAlert } from '../../ui/error-alert';
import { ReloadButton } from '../../ui/reload-button';
import { formatMoney } from '../fees/fee-format';
import { CachedNote, ScreenLink } from './oversight-ui';

/** The list screen each procedure's dossiers are on (the first of its lists). */
const PROCEDURE_SCREEN: Record<DashboardProcedure, Screen> = {
  transfer: { name: 'transfers', variant: 'official', side: 'incoming' },
  residence_list: { name: 'residence', view: 'lists' },
  residence_form: { name: 'residence', view: 'approve' },
};

const STATUS_LABELS: Record<DashboardProcedure, Record<string, string>> = {
  transfer: transferStatusLabelVi,
  residence_list: residenceRequestStatusLabelVi,
  residence_form: residenceFormStatusLabelVi,
};

const USER_STATUS_VI = {
  active: 'Đang hoạt động',
  inactive: 'Đã khóa',
  pending: 'Chờ phê duyệt',
  refused: 'Bị từ chối',
} as const;

/** "Tháng 01/2026" */
const monthVi = (month: string) => `tháng ${month.slice(5)}/${month.slice(0, 4)}`;

/** One count of a card: its label, and the number as a link to the list that shows it. */
function CountLine({
  label,
  count,
  to,
  roles,
  testId,
}: {
  label: string;
  count: number;
  to: Screen | null;
  roles: readonly Role[];
  testId: string;
}) {
  return (
    <div className="dashboard-line">
      <Typography.Text type="secondary">{label}</Typography.Text>{' '}
      <ScreenLink to={to} roles={roles} testId={testId}>
        {formatCount(count)}
      </ScreenLink>
    </div>
  );
}

function Cards({ data, roles }: { data: DashboardView; roles: readonly Role[] }) {
  const usersTotal = Object.values(data.users).reduce((a, b) => a + b, 0);
  const { fees } = data;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={12} xl={8}>
        <Card size="small" title="Tài khoản người dùng" data-testid="card-users">
          <Statistic value={usersTotal} formatter={(v) => formatCount(Number(v))} />
          {(Object.keys(USER_STATUS_VI) as (keyof typeof USER_STATUS_VI)[]).map((status) => (
            <CountLine
              key={status}
              label={USER_STATUS_VI[status]}
              count={data.users[status]}
              to={{ name: 'users' }}
              roles={roles}
              testId={`users-${status}`}
            />
          ))}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Card size="small" title="Đăng ký tài khoản đảng viên" data-testid="card-accounts">
          {AccountRequestStatus.options.map((status) => (
            <CountLine
              key={status}
              label={accountRequestStatusLabelVi[status]}
              count={data.memberAccounts[status]}
              to={{ name: 'accounts', view: 'registrations' }}
              roles={roles}
              testId={`accounts-${status}`}
            />
          ))}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Card size="small" title={`Đảng phí ${monthVi(fees.month)}`} data-testid="card-fees">
          <Statistic
            value={fees.rate === null ? '—' : `${Math.round(fees.rate * 100)} %`}
            data-testid="fee-rate"
          />
          <CountLine
            label="Đảng viên đã nộp / đã duyệt mức đóng:"
            count={fees.paidMembers}
            to={{ name: 'fees', view: 'transactions' }}
            roles={roles}
            testId="fees-paid"
          />
          <Typography.Text type="secondary">
            {fees.rate === null
              ? 'Chưa có mức đóng nào được duyệt trong tháng.'
              : `${formatCount(fees.paidMembers)} / ${formatCount(fees.approvedMembers)} — đã thu ${formatMoney(fees.paidAmount)} / ${formatMoney(fees.approvedAmount)}`}
          </Typography.Text>
        </Card>
      </Col>
      {DashboardProcedure.options.map((procedure) => {
        const rows = data.dossiers.filter((d) => d.procedure === procedure);
        return (
          <Col key={procedure} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={dashboardProcedureLabelVi[procedure]}
              data-testid={`card-${procedure}`}
            >
              {rows.length === 0 && (
                <Typography.Text type="secondary">Chưa có hồ sơ</Typography.Text>
              )}
              {rows.map((d) => (
                <CountLine
                  key={d.status}
                  label={labelOf(STATUS_LABELS[procedure], d.status)}
                  count={d.count}
                  to={PROCEDURE_SCREEN[procedure]}
                  roles={roles}
                  testId={`${procedure}-${d.status}`}
                />
              ))}
            </Card>
          </Col>
        );
      })}
      <Col xs={24} md={12} xl={8}>
        <Card size="small" title="Quá hạn" data-testid="card-overdue">
          <CountLine
            label="Hồ sơ chuyển sinh hoạt quá hạn xuất trình:"
            count={data.overdue.transfers}
            to={PROCEDURE_SCREEN.transfer}
            roles={roles}
            testId="overdue-transfers"
          />
          <CountLine
            label="Phiếu nhận xét quá hạn gửi:"
            count={data.overdue.residenceForms}
            to={PROCEDURE_SCREEN.residence_form}
            roles={roles}
            testId="overdue-forms"
          />
        </Card>
      </Col>
    </Row>
  );
}

/** "Tổng quan": the counts of the user's subtree, as the server computes them. */
export function DashboardScreen({ roles }: { roles: readonly Role[] }) {
  const dashboard = useDesktopQuery('oversightDashboard', {});
  const data = dashboard.data;
  return (
    <Card className="page-card">
      <Space align="baseline" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          Tổng quan{data ? ` — ${data.org.name}` : ''}
        </Typography.Title>
        <ReloadButton list={dashboard} testId="dashboard-reload" />
      </Space>
      <CachedNote source={data} />
      <ErrorAlert error={dashboard.error} onRetry={dashboard.reload} />
      {data && (
        <div data-testid="dashboard" data-settled={dashboard.settled ? 'true' : 'false'}>
          <Typography.Paragraph type="secondary">
            Số liệu tính đến {formatDateTime(data.generatedAt)}.
          </Typography.Paragraph>
          <Cards data={data} roles={roles} />
        </div>
      )}
    </Card>
  );
}
