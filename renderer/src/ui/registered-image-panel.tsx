import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Spin, Typography, Upload } from 'antd';
import type { RegisteredImageView } from '../../../src/desktop/contract-images';
import {
  REGISTERED_IMAGE_MAX_BYTES,
  REGISTERED_IMAGE_TOO_LARGE_VI,
} from '../../../src/domain/org/registered-image-limits';
import { useDesktopAction } from '../desktop-context';
import { formatCount } from '../format';
import { base64Of } from '../screens/fees/statement-format';
import { ErrorAlert } from './error-alert';

/** What the panel is about, in the screen's words. */
export interface ImageWording {
  /** "Ảnh con dấu", "Ảnh chữ ký". */
  nameVi: string;
  emptyVi: string;
  hintVi: string;
}

/**
 * A seal or signature image (decision 0039): its preview on a light checkerboard (so the
 * transparent background shows), its size as drawn, and, for who may change it, "Tải ảnh lên"
 * (a PNG; size checked here, the rest by the app and the server) and "Xóa ảnh".
 */
export function RegisteredImagePanel({
  image,
  loading,
  canEdit,
  wording,
  testId,
  save,
}: {
  image: RegisteredImageView | undefined;
  loading: boolean;
  canEdit: boolean;
  wording: ImageWording;
  testId: string;
  /** Saves the PNG (base64), or removes the image with null. */
  save: (dataBase64: string | null) => Promise<void>;
}) {
  const { message } = App.useApp();
  const { busy, error, setError, run } = useDesktopAction();

  const upload = (file: File) =>
    run(async () => {
      if (file.size > REGISTERED_IMAGE_MAX_BYTES) {
        setError({
          code: 'too_large',
          message: `${file.size} bytes`,
          messageVi: `${wording.nameVi} ${REGISTERED_IMAGE_TOO_LARGE_VI}`,
        });
        return;
      }
      await save(await base64Of(file));
      message.success(`Đã lưu ${wording.nameVi.toLowerCase()}.`);
    });
  const remove = () =>
    run(async () => {
      await save(null);
      message.success(`Đã xóa ${wording.nameVi.toLowerCase()}.`);
    });

  return (
    <div data-testid={testId}>
      <ErrorAlert error={error} />
      <Spin spinning={loading || busy}>
        {image?.sha256 && image.base64 ? (
          <Space align="start" size="large" wrap>
            <img
              data-testid={`${testId}-preview`}
              src={`data:image/png;base64,${image.base64}`}
              alt={wording.nameVi}
              style={{
                maxWidth: 320,
                maxHeight: 180,
                objectFit: 'contain',
                border: '1px solid #d9d9d9',
                background:
                  'repeating-conic-gradient(#f0f0f0 0% 25%, #ffffff 0% 50%) 0 0 / 16px 16px',
              }}
            />
            {image.size && (
              <Typography.Text type="secondary" data-testid={`${testId}-size`}>
                {formatCount(image.size.width)} × {formatCount(image.size.height)} điểm ảnh; khi in:{' '}
                {image.size.widthMm} × {image.size.heightMm} mm
              </Typography.Text>
            )}
          </Space>
        ) : image?.sha256 ? (
          <Alert
            type="warning"
            showIcon
            title={`${wording.nameVi} đã đăng ký nhưng chưa được tải về máy. Hãy kết nối mạng để xem.`}
          />
        ) : (
          <Typography.Text type="secondary" data-testid={`${testId}-empty`}>
            {wording.emptyVi}
          </Typography.Text>
        )}
      </Spin>
      {canEdit && (
        <Space style={{ marginTop: 12 }} wrap>
          <Upload
            accept=".png,image/png"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              {image?.sha256 ? 'Thay ảnh' : 'Tải ảnh lên'}
            </Button>
          </Upload>
          {image?.sha256 && (
            <Popconfirm
              title={`Xóa ${wording.nameVi.toLowerCase()}?`}
              okText="Xóa"
              cancelText="Hủy"
              onConfirm={() => void remove()}
            >
              <Button danger icon={<DeleteOutlined />} disabled={busy}>
                Xóa ảnh
              </Button>
            </Popconfirm>
          )}
          <Typography.Text type="secondary">{wording.hintVi}</Typography.Text>
        </Space>
      )}
    </div>
  );
}
