import { Button, Empty, Timeline, Typography } from 'antd';
import type { DossierHistoryItem } from '../../../../src/desktop/contract';
import { formatDateTime } from '../../format';

const COLORS: Record<string, string> = {
  return: 'red',
  reject: 'red',
  complete: 'green',
  sign_and_forward: 'blue',
};

/** "Lịch sử xử lý": who did what, where and when, with the letter each signer signed. */
export function DossierHistory({
  history,
  filedByVi,
  onOpenLetter,
}: {
  history: DossierHistoryItem[];
  /** "Nộp hộ bởi …", shown on the submission when staff filed it for the member. */
  filedByVi?: string | null;
  /** Absent: the letters are not opened from here (the member's own view). */
  onOpenLetter?: (sha256: string, title: string) => void;
}) {
  if (history.length === 0) return <Empty description="Chưa có lịch sử xử lý" />;
  return (
    <Timeline
      data-testid="dossier-history"
      items={history.map((h, i) => ({
        key: `${i}-${h.type}`,
        color: COLORS[h.type] ?? 'gray',
        title: formatDateTime(h.at),
        content: (
          <div data-testid="history-item" data-type={h.type} className="wrap-anywhere">
            <Typography.Text strong data-testid="history-label">
              {h.label}
            </Typography.Text>
            {h.org && <span> — {h.org.name}</span>}
            <div>
              <Typography.Text type="secondary">Người thực hiện: </Typography.Text>
              {h.actorName}
            </div>
            {h.type === 'submit' && filedByVi && (
              <div data-testid="history-filed-by">
                <Typography.Text type="warning">{filedByVi}</Typography.Text>
              </div>
            )}
            {h.nextOrg && (
              <div>
                <Typography.Text type="secondary">Chuyển đến: </Typography.Text>
                {h.nextOrg.name}
              </div>
            )}
            {h.reason && (
              <div>
                <Typography.Text type="secondary">Lý do: </Typography.Text>
                {h.reason}
              </div>
            )}
            {h.signedPdfSha256 && onOpenLetter && (
              <Button
                type="link"
                size="small"
                style={{ paddingInline: 0 }}
                onClick={() =>
                  onOpenLetter(
                    h.signedPdfSha256 ?? '',
                    `Giấy giới thiệu sinh hoạt đảng (${h.org?.name ?? h.actorName} ký)`,
                  )
                }
              >
                Xem giấy giới thiệu đã ký
              </Button>
            )}
          </div>
        ),
      }))}
    />
  );
}
