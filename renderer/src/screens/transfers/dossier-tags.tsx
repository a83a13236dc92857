import { Space, Tag } from 'antd';
import {
  transferStatusLabelVi,
  type TransferStatus,
} from '../../../../src/domain/procedures/transfer-dossier';
import { labelOf } from '../../format';

const STATUS_COLORS: Record<TransferStatus, string> = {
  pending_check: 'gold',
  checked: 'blue',
  returned: 'orange',
  rejected: 'red',
  completed: 'green',
};

/** The dossier's status with the user guide's name. */
export function TransferStatusTag({ status }: { status: TransferStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="dossier-status" style={{ marginInlineEnd: 0 }}>
      {labelOf(transferStatusLabelVi, status)}
    </Tag>
  );
}

/**
 * The flags a processor must not miss: a deadline passed, actions still on this machine, and
 * actions the server refused.
 */
export function DossierFlags({
  overdue,
  pendingActions,
  needsAttention,
}: {
  overdue: boolean;
  pendingActions: number;
  needsAttention: boolean;
}) {
  if (!overdue && pendingActions === 0 && !needsAttention) return null;
  return (
    <Space size={4} wrap>
      {overdue && (
        <Tag color="red" data-testid="dossier-flag">
          Quá hạn
        </Tag>
      )}
      {needsAttention ? (
        <Tag color="warning" data-testid="dossier-flag">
          Cần xử lý
        </Tag>
      ) : (
        pendingActions > 0 && (
          <Tag color="processing" data-testid="dossier-flag">
            Chờ gửi
          </Tag>
        )
      )}
    </Space>
  );
}
