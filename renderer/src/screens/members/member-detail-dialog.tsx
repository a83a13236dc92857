import type { DescriptionsProps } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { memberFieldLabelVi, positionLabelVi } from '../../../../src/domain/people/member';
import { sexLabelVi } from '../../../../src/domain/people/sex';
import { desktopQuery, useBridge, useDesktopQuery } from '../../desktop-context';
import { formatDate, labelOf } from '../../format';
import { DetailDialog } from '../../ui/detail-dialog';
import { StatusTag } from '../../ui/status-tag';

/** Names of the orgs where the member holds positions (they may be outside the member's cell). */
function useOrgNames(orgIds: string[]): Record<string, string> {
  const bridge = useBridge();
  const chains = useQueries({
    queries: orgIds.map((orgId) => desktopQuery(bridge, 'orgAncestors', { orgId })),
  });
  const names: Record<string, string> = {};
  orgIds.forEach((orgId, i) => {
    const chain = chains[i];
    if (chain?.isError) names[orgId] = orgId;
    else if (chain?.data) names[orgId] = chain.data.items.at(-1)?.name ?? orgId;
  });
  return names;
}

/** "Thông tin đảng viên": every field of the member's record, read-only. */
export function MemberDetailDialog({
  memberId,
  onClose,
}: {
  memberId: string | undefined;
  onClose: () => void;
}) {
  const detail = useDesktopQuery('memberDetail', memberId ? { memberId } : null);
  const d = detail.data;
  const m = d?.member;
  const orgNames = useOrgNames(m?.positions.map((p) => p.orgId) ?? []);
  const L = memberFieldLabelVi;
  const items: DescriptionsProps['items'] = m
    ? [
        { key: 'name', label: L.fullName, children: <strong>{m.fullName}</strong> },
        { key: 'birth', label: L.birthDate, children: formatDate(m.birthDate) },
        { key: 'sex', label: L.sex, children: labelOf(sexLabelVi, m.sex) },
        { key: 'cid', label: L.citizenId, children: m.citizenId },
        { key: 'card', label: L.cardNo, children: m.cardNo },
        { key: 'profile', label: L.profileNo, children: m.profileNo },
        { key: 'home', label: L.homeOrgId, span: 2, children: d.homeOrg?.name },
        { key: 'residence', label: L.residenceOrgId, span: 2, children: d.residenceOrg?.name },
        { key: 'phone', label: L.phone, children: m.phone },
        { key: 'email', label: L.email, children: m.email },
        { key: 'joined', label: L.joinedOn, children: formatDate(m.joinedOn) },
        { key: 'official', label: L.officialOn, children: formatDate(m.officialOn) },
        {
          key: 'positions',
          label: L.positions,
          span: 2,
          children:
            m.positions.length === 0
              ? 'Không'
              : m.positions.map((p) => (
                  <div key={`${p.orgId}-${p.position}`}>
                    {labelOf(positionLabelVi, p.position)} — {orgNames[p.orgId] ?? '…'}
                  </div>
                )),
        },
        { key: 'status', label: L.status, children: <StatusTag kind="member" status={m.status} /> },
      ]
    : [];
  return (
    <DetailDialog
      open={memberId !== undefined}
      title="Thông tin đảng viên"
      width={860}
      testId="member-detail"
      query={detail}
      items={m ? items : undefined}
      onClose={onClose}
    />
  );
}
