import { Typography } from 'antd';
import { callDesktop, useBridge, useDesktopQuery, useInvalidate } from '../../desktop-context';
import { RegisteredImagePanel } from '../../ui/registered-image-panel';

const WORDING = {
  nameVi: 'Ảnh chữ ký',
  emptyVi: 'Chưa có ảnh chữ ký: văn bản bạn ký số chỉ ghi họ tên và thời gian ký.',
  hintVi: 'Ảnh PNG nền trong suốt, tối đa 750 KB.',
};

/**
 * "Chữ ký" of the user's own account (decision 0039): the image of his handwritten signature,
 * drawn above his name in every document he signs in the app.
 */
export function SignatureImageView() {
  const bridge = useBridge();
  const invalidate = useInvalidate();
  const state = useDesktopQuery('mySignatureImage', {});
  return (
    <div data-testid="signature-view">
      <Typography.Paragraph>
        Ảnh chữ ký tay của bạn được in phía trên họ tên trong ô ký của mọi văn bản bạn ký số trên
        ứng dụng (cùng con dấu của tổ chức khi ký thay mặt tổ chức có con dấu).
      </Typography.Paragraph>
      <RegisteredImagePanel
        testId="signature-image"
        image={state.data}
        loading={state.loading}
        canEdit
        wording={WORDING}
        save={async (dataBase64) => {
          await callDesktop(bridge, 'saveMySignatureImage', { dataBase64 });
          await invalidate('users');
        }}
      />
    </div>
  );
}
