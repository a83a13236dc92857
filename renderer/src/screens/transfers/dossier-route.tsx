import { Steps, Tag } from 'antd';
import type { DossierDetail, RouteStep } from '../../../../src/desktop/contract';
import { orgTypeLabelVi } from '../../../../src/domain/org/org-types';
import { labelOf } from '../../format';

const STEP_STATUS = { done: 'finish', current: 'process', later: 'wait' } as const;

/** "Lộ trình": the orgs the dossier passes, the one where it is now highlighted. */
export function DossierRoute({
  detail,
}: {
  /** The staff detail, or a member's own dossier (its route and status). */
  detail: Pick<DossierDetail, 'route'> & { shown: Pick<DossierDetail['shown'], 'status'> };
}) {
  const { route } = detail;
  const status = detail.shown.status;
  const current = route.findIndex((s) => s.state === 'current');
  const stepStatus = (s: RouteStep) => {
    if (s.state !== 'current') return STEP_STATUS[s.state];
    if (status === 'rejected' || status === 'returned') return 'error';
    return status === 'completed' ? 'finish' : 'process';
  };
  return (
    <div data-testid="dossier-route" style={{ overflowX: 'auto', paddingBottom: 8 }}>
      <Steps
        size="small"
        titlePlacement="vertical"
        current={current}
        style={{ minWidth: route.length * 170 }}
        items={route.map((s) => ({
          key: s.orgId,
          status: stepStatus(s),
          title: (
            <span
              data-testid="route-step"
              data-state={s.state}
              className="wrap-anywhere"
              style={{ fontWeight: s.state === 'current' ? 600 : undefined }}
            >
              {s.name}
            </span>
          ),
          content: (
            <>
              {s.type && <div>{labelOf(orgTypeLabelVi, s.type)}</div>}
              <Tag color={s.side === 'from' ? 'default' : 'blue'} style={{ marginTop: 4 }}>
                {s.side === 'from' ? 'Nơi chuyển đi' : 'Nơi chuyển đến'}
              </Tag>
              {s.state === 'current' && (
                <Tag color="red" style={{ marginTop: 4 }}>
                  {status === 'completed' ? 'Đã hoàn thành' : 'Hồ sơ đang ở đây'}
                </Tag>
              )}
            </>
          ),
        }))}
      />
    </div>
  );
}
