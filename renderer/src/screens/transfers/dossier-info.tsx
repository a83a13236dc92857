import type { DescriptionsProps } from 'antd';
import type { DossierDetail } from '../../../../src/desktop/contract';
import { transferVariantLabelVi } from '../../../../src/domain/procedures/transfer-route';
import { formatDate, formatDateTime } from '../../format';
import { DetailFields } from '../../ui/detail-dialog';
import { checkFieldLabel } from './check-fields';

/** "Thông tin hồ sơ": the member, the transfer form as submitted, and what the check filled in. */
export function DossierInfo({ detail }: { detail: DossierDetail }) {
  const d = detail.shown;
  const m = detail.member;
  const checked = Object.entries(d.checkedData ?? {});
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: 'Họ và tên', children: <strong>{m?.fullName ?? d.memberId}</strong> },
    { key: 'birth', label: 'Ngày sinh', children: formatDate(m?.birthDate) },
    { key: 'card', label: 'Số thẻ đảng viên', children: m?.cardNo },
    { key: 'profile', label: 'Số lý lịch', children: m?.profileNo },
    { key: 'variant', label: 'Thủ tục', span: 2, children: transferVariantLabelVi[d.variant] },
    { key: 'from', label: 'Tổ chức đảng nơi chuyển đi', span: 2, children: detail.fromOrg.name },
    {
      key: 'to',
      label: 'Tổ chức đảng nơi chuyển đến',
      span: 2,
      children: detail.destinationOrg.name,
    },
    { key: 'reason', label: 'Lý do chuyển sinh hoạt', span: 2, children: d.form.reason },
    { key: 'moved', label: 'Ngày chuyển đi', children: formatDate(d.form.movedOn) },
    { key: 'submitted', label: 'Ngày nộp hồ sơ', children: formatDateTime(d.submittedAt) },
    { key: 'address', label: 'Nơi ở mới', span: 2, children: d.form.newAddress ?? 'Không' },
    ...(d.form.temporary
      ? [
          {
            key: 'stay',
            label: 'Thời gian sinh hoạt tạm thời',
            children: `Từ ${formatDate(d.form.temporary.startOn)} đến ${formatDate(d.form.temporary.endOn)}`,
          },
          {
            key: 'study',
            label: 'Đi học tập trung',
            children: d.form.temporary.fullTimeStudy ? 'Có' : 'Không',
          },
        ]
      : []),
    {
      key: 'present',
      label: 'Hạn xuất trình giấy giới thiệu',
      children: formatDate(d.presentBy) || 'Chưa xác định',
    },
    { key: 'completed', label: 'Ngày hoàn thành', children: formatDateTime(d.completedAt) },
    ...(d.reason && (d.status === 'returned' || d.status === 'rejected')
      ? [
          {
            key: 'why',
            label: d.status === 'returned' ? 'Lý do trả lại' : 'Lý do từ chối',
            span: 2,
            children: d.reason,
          },
        ]
      : []),
    ...checked.map(([key, value]) => ({
      key: `checked-${key}`,
      label: checkFieldLabel(key),
      span: 2,
      children: value,
    })),
  ];
  return <DetailFields testId="dossier-info" items={items} />;
}
