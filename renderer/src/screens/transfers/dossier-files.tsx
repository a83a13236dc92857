import { FileImageOutlined, FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Empty, Menu, Tag, Typography } from 'antd';
import type { DossierFile } from '../../../../src/desktop/contract';
import { useDesktopQuery } from '../../desktop-context';
import { FileViewer } from '../../ui/pdf-viewer';
import { SignaturesPanel } from '../../ui/signatures-panel';

export const LETTER_NAME = 'Giấy giới thiệu sinh hoạt đảng';

/** A file the viewer can open: an attachment, the latest letter, or a letter of the history. */
export interface OpenFile {
  sha256: string;
  title: string;
  contentType: DossierFile['contentType'];
  cached: boolean | null;
}

/** A file's size; none for 0, which stands for a signed PDF not fetched yet (its size unknown). */
const sizeOf = (bytes: number) =>
  bytes === 0
    ? null
    : bytes >= 1024 * 1024
      ? `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`
      : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;

/**
 * "Tài liệu đính kèm": the files on the left (the letter first when an org has signed), the one
 * picked in the embedded viewer, and the signatures panel for PDFs.
 */
export function DossierFiles({
  attachments,
  letter,
  open,
  onOpen,
}: {
  attachments: DossierFile[];
  letter: DossierFile | null;
  open: OpenFile | undefined;
  onOpen: (file: OpenFile) => void;
}) {
  const status = useDesktopQuery('syncStatus', {});
  const offline = status.data?.online === false;
  const files = [
    ...(letter ? [{ ...letter, title: LETTER_NAME }] : []),
    ...attachments.map((a) => ({ ...a, title: a.fileName })),
  ];
  if (files.length === 0) return <Empty description="Hồ sơ không có tài liệu đính kèm" />;
  return (
    <div className="dossier-files" style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <div style={{ width: 300, flex: 'none' }}>
        <Menu
          data-testid="dossier-files"
          mode="inline"
          selectedKeys={open ? [open.sha256] : []}
          style={{ border: '1px solid #f0f0f0', borderRadius: 4, marginBottom: 16 }}
          onClick={({ key }) => {
            const file = files.find((f) => f.sha256 === key);
            if (file)
              onOpen({
                sha256: file.sha256,
                title: file.title,
                contentType: file.contentType,
                cached: file.cached,
              });
          }}
          items={files.map((f) => ({
            key: f.sha256,
            icon:
              f.title === LETTER_NAME ? (
                <SafetyCertificateOutlined />
              ) : f.contentType === 'application/pdf' ? (
                <FilePdfOutlined />
              ) : (
                <FileImageOutlined />
              ),
            style: { height: 'auto', lineHeight: 1.4, paddingBlock: 6, whiteSpace: 'normal' },
            label: (
              <div data-testid="dossier-file" data-name={f.title} className="wrap-anywhere">
                <div>{f.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {sizeOf(f.size)}
                </Typography.Text>
                {!f.cached && offline && (
                  <Tag color="orange" style={{ marginInlineStart: 8 }}>
                    chưa tải về
                  </Tag>
                )}
              </div>
            ),
          }))}
        />
        {open?.contentType === 'application/pdf' && (
          <SignaturesPanel key={open.sha256} sha256={open.sha256} />
        )}
      </div>
      <div style={{ flex: 1, minWidth: 0 }}>
        {open ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }} className="wrap-anywhere">
              {open.title}
            </Typography.Title>
            <FileViewer
              key={open.sha256}
              sha256={open.sha256}
              contentType={open.contentType}
              fileName={open.title}
            />
          </>
        ) : (
          <Empty description="Chọn một tài liệu để xem" />
        )}
      </div>
    </div>
  );
}
