import { CalendarOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type {
  ResidenceCampaignState,
  ResidenceCampaignWindow,
} from '../../../../src/desktop/contract-residence';
import {
  callDesktop,
  DesktopCallError,
  useBridge,
  useDesktopAction,
  useDesktopQuery,
} from '../../desktop-context';
import { formatDate } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { showOnField } from '../../ui/field-errors';

export const SET_CAMPAIGN_VI = 'Thiết lập đợt nhận xét';
export const DUE_NOT_AFTER_OPENING_VI = 'Hạn gửi phiếu phải sau ngày bắt đầu đợt nhận xét.';
const CAMPAIGN_FIELDS = ['opensOn', 'dueOn'] as const;

/** "Đợt lấy nhận xét năm 2026: từ 01/10/2026, hạn gửi phiếu 15/12/2026", or not set yet. */
export function campaignLineVi(year: number, campaign: ResidenceCampaignWindow | null): string {
  const head = `Đợt lấy nhận xét năm ${year}`;
  return campaign
    ? `${head}: từ ${formatDate(campaign.opensOn)}, hạn gửi phiếu ${formatDate(campaign.dueOn)}`
    : `${head}: chưa thiết lập`;
}

/**
 * The committee's campaign of the year at the top of its screen, and for its processors and
 * approvers, "Thiết lập đợt nhận xét". Nothing for a user with no committee.
 */
export function CampaignCard({ year }: { year: number }) {
  const query = useDesktopQuery('residenceCampaign', { year });
  const [editing, setEditing] = useState(false);
  const state = query.data;
  // Only the server knows the campaign: offline, say so quietly above the forms.
  if (query.error)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={query.error.messageVi}
        action={
          <a onClick={query.reload} role="button">
            Thử lại
          </a>
        }
      />
    );
  if (!state?.committee) return null;
  return (
    <div data-testid="residence-campaign">
      <Alert
        type="info"
        showIcon
        icon={<CalendarOutlined />}
        style={{ marginBottom: 12 }}
        title={campaignLineVi(year, state.campaign)}
        action={
          state.canEdit ? (
            <Button size="small" onClick={() => setEditing(true)}>
              {SET_CAMPAIGN_VI}
            </Button>
          ) : undefined
        }
      />
      {editing && (
        <CampaignDialog
          committee={state.committee}
          year={year}
          campaign={state.campaign}
          onClose={() => setEditing(false)}
        />
      )}
    </div>
  );
}

interface CampaignValues {
  opensOn: Dayjs;
  dueOn: Dayjs;
}

/** The window's two dates; the due date after the opening, as the server requires. */
export function CampaignDialog({
  committee,
  year,
  campaign,
  onClose,
}: {
  committee: NonNullable<ResidenceCampaignState['committee']>;
  year: number;
  campaign: ResidenceCampaignWindow | null;
  onClose: () => void;
}) {
  const bridge = useBridge();
  const { message } = App.useApp();
  const [form] = Form.useForm<CampaignValues>();
  const { busy, error, run } = useDesktopAction();

  const submit = (values: CampaignValues) =>
    run(async () => {
      try {
        await callDesktop(bridge, 'saveResidenceCampaign', {
          orgId: committee.id,
          year,
          opensOn: values.opensOn.format('YYYY-MM-DD'),
          dueOn: values.dueOn.format('YYYY-MM-DD'),
        });
      } catch (err) {
        // A refusal about one of the dates is shown under it; any other in the alert.
        if (err instanceof DesktopCallError && showOnField(form, err.error, CAMPAIGN_FIELDS))
          return;
        throw err;
      }
      message.success(`Đã lưu đợt lấy nhận xét năm ${year}.`);
      onClose();
    });

  return (
    <Modal
      open
      title={`${SET_CAMPAIGN_VI} năm ${year} — ${committee.name}`}
      okText="Lưu"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <div data-testid="campaign-dialog">
        <ErrorAlert error={error} />
        <Form<CampaignValues>
          form={form}
          layout="vertical"
          initialValues={
            campaign ? { opensOn: dayjs(campaign.opensOn), dueOn: dayjs(campaign.dueOn) } : {}
          }
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            name="opensOn"
            label="Ngày bắt đầu"
            rules={[{ required: true, message: 'Vui lòng chọn ngày bắt đầu đợt nhận xét.' }]}
          >
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item
            name="dueOn"
            label="Hạn gửi phiếu"
            dependencies={['opensOn']}
            rules={[
              { required: true, message: 'Vui lòng chọn hạn gửi phiếu nhận xét.' },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: Dayjs | undefined) => {
                  const opensOn = getFieldValue('opensOn') as Dayjs | undefined;
                  if (value && opensOn && !value.isAfter(opensOn, 'day'))
                    throw new Error(DUE_NOT_AFTER_OPENING_VI);
                },
              }),
            ]}
          >
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
