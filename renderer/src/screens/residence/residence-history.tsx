import { Button, Empty, Timeline, Typography } from 'antd';
import type { ResidenceHistoryItem } from '../../../../src/desktop/contract-residence';
import { formatDateTime } from '../../format';

const COLORS: Record<string, string> = {
  return: 'red',
  sign_and_approve: 'blue',
  sign_and_send: 'blue',
  send: 'green',
  record_paper: 'purple',
};

/** "Lịch sử xử lý" of a list or a form: who did what and when, with the PDF each signer signed. */
export function ResidenceHistory({
  history,
  signedTitle,
  onOpenSigned,
}: {
  history: ResidenceHistoryItem[];
  /** What the signed PDF is called ("Danh sách đã ký", "Phiếu nhận xét đã ký"). */
  signedTitle: string;
  onOpenSigned: (sha256: string) => void;
}) {
  if (history.length === 0) return <Empty description="Chưa có lịch sử xử lý" />;
  return (
    <Timeline
      data-testid="residence-history"
      items={history.map((h, i) => ({
        key: `${i}-${h.type}`,
        color: COLORS[h.type] ?? 'gray',
        title: formatDateTime(h.at),
        content: (
          <div data-testid="history-item" data-type={h.type} className="wrap-anywhere">
            <Typography.Text strong>{h.label}</Typography.Text>
            <div>
              <Typography.Text type="secondary">Người thực hiện: </Typography.Text>
              {h.actorName}
            </div>
            {h.reason && (
              <div>
                <Typography.Text type="secondary">Lý do: </Typography.Text>
                {h.reason}
              </div>
            )}
            {h.signedPdfSha256 && (
              <Button
                type="link"
                size="small"
                style={{ paddingInline: 0 }}
                onClick={() => onOpenSigned(h.signedPdfSha256 ?? '')}
              >
                Xem {signedTitle.toLowerCase()}
              </Button>
            )}
          </div>
        ),
      }))}
    />
  );
}
