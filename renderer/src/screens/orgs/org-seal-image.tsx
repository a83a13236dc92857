import { Typography } from 'antd';
import { callDesktop, useBridge, useDesktopQuery, useInvalidate } from '../../desktop-context';
import { RegisteredImagePanel } from '../../ui/registered-image-panel';

const WORDING = {
  nameVi: 'Ảnh con dấu',
  emptyVi: 'Chưa có hình ảnh con dấu: văn bản ký số của tổ chức chưa có dấu.',
  hintVi:
    'Ảnh PNG nền trong suốt, màu đỏ, tối đa 750 KB; kích thước thật theo độ phân giải của ảnh.',
};

/**
 * "Hình ảnh con dấu" in the org's details (decision 0039): the seal every signature of the org
 * carries; an admin over the org sets it. Orgs without a seal have none.
 */
export function OrgSealImage({ orgId }: { orgId: string }) {
  const bridge = useBridge();
  const invalidate = useInvalidate();
  const state = useDesktopQuery('orgSealImage', { orgId });
  const s = state.data;
  if (s && !s.hasSeal) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        Hình ảnh con dấu
      </Typography.Title>
      <RegisteredImagePanel
        testId="org-seal-image"
        image={s}
        loading={state.loading}
        canEdit={s?.canEdit ?? false}
        wording={WORDING}
        save={async (dataBase64) => {
          await callDesktop(bridge, 'saveOrgSealImage', { orgId, dataBase64 });
          await invalidate('orgs', 'oversight');
        }}
      />
    </>
  );
}
