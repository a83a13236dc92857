import { Space, Tag } from 'antd';
import type { DeadlineFlag } from '../../../../src/desktop/contract-residence';
import {
  residenceFormStatusLabelVi,
  type ResidenceFormStatus,
} from '../../../../src/domain/procedures/residence-form';
import {
  residenceRequestStatusLabelVi,
  type ResidenceRequestStatus,
} from '../../../../src/domain/procedures/residence-request';

const LIST_COLORS: Record<ResidenceRequestStatus, string> = {
  draft: 'default',
  pending_approval: 'gold',
  approved: 'blue',
  sent: 'green',
};

const FORM_COLORS: Record<ResidenceFormStatus, string> = {
  awaiting_comment: 'default',
  draft: 'default',
  submitted: 'gold',
  approved: 'blue',
  returned: 'red',
  sent: 'green',
};

export function ListStatusTag({ status }: { status: ResidenceRequestStatus }) {
  return (
    <Tag color={LIST_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="list-status">
      {residenceRequestStatusLabelVi[status]}
    </Tag>
  );
}

export function FormStatusTag({ status }: { status: ResidenceFormStatus }) {
  return (
    <Tag color={FORM_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="form-status">
      {residenceFormStatusLabelVi[status]}
    </Tag>
  );
}

export const PAPER_VI = 'Phiếu giấy';
const DEADLINE_VI: Record<Exclude<DeadlineFlag, 'on_time'>, [string, string]> = {
  overdue: ['Quá hạn', 'red'],
  due_soon: ['Sắp đến hạn', 'orange'],
};

/**
 * What else a form's row says beside its status: recorded from paper (in every list, as the
 * directive asks), overdue or due soon, and actions of this machine not yet applied.
 */
export function FormFlags({
  paper,
  deadline,
  pendingActions,
  needsAttention,
}: {
  paper: boolean;
  deadline: DeadlineFlag;
  pendingActions: number;
  needsAttention: boolean;
}) {
  return (
    <Space size={4} wrap>
      {paper && (
        <Tag color="purple" data-testid="form-paper" style={{ marginInlineEnd: 0 }}>
          {PAPER_VI}
        </Tag>
      )}
      {deadline !== 'on_time' && (
        <Tag
          color={DEADLINE_VI[deadline][1]}
          data-testid="form-deadline"
          style={{ marginInlineEnd: 0 }}
        >
          {DEADLINE_VI[deadline][0]}
        </Tag>
      )}
      <PendingFlags pendingActions={pendingActions} needsAttention={needsAttention} />
    </Space>
  );
}

/** Actions queued on this machine: waiting to be sent, or refused by the server. */
export function PendingFlags({
  pendingActions,
  needsAttention,
}: {
  pendingActions: number;
  needsAttention: boolean;
}) {
  return (
    <>
      {needsAttention ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          Cần xử lý
        </Tag>
      ) : (
        pendingActions > 0 && (
          <Tag color="processing" style={{ marginInlineEnd: 0 }}>
            Chờ gửi
          </Tag>
        )
      )}
    </>
  );
}
