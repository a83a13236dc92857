// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../src/desktop/contract';
import type { ResidenceFormItem } from '../../../../src/desktop/contract-residence';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { ApproveView } from './approve-view';

afterEach(cleanup);

const OUTBOX = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';
const form = (id: string, status: ResidenceFormItem['status']): ResidenceFormItem => ({
  id,
  requestId: 'l1',
  campaignYear: 2026,
  status,
  member: { id: `m-${id}`, fullName: `Đảng viên ${id}` },
  workplaceOrg: { id: 'o1', name: 'Chi bộ Phòng Tổ chức cán bộ' },
  residenceOrg: { id: 'o2', name: 'Chi bộ Tổ dân phố số 5' },
  committeeOrg: { id: 'o3', name: 'Đảng bộ Phường Việt Hưng' },
  reportRequired: false,
  hasReport: false,
  paper: false,
  dueOn: null,
  deadline: 'on_time',
  updatedAt: '2026-12-04T08:00:00.000Z',
  sentAt: null,
  pendingActions: 0,
  needsAttention: false,
});

describe('approving forms', { timeout: 180_000 }, () => {
  it('"Duyệt tất cả" approves every submitted form at once, and only those', async () => {
    const bridge = new FakeDesktopBridge()
      .answer('residenceForms', () => ({
        items: [form('f1', 'submitted'), form('f2', 'approved'), form('f3', 'submitted')],
        truncated: false,
      }))
      .answer('residenceFormsAction', ({ formIds }) => ({ outboxIds: formIds.map(() => OUTBOX) }))
      .answer('residenceCampaign', () => ({
        committee: { id: 'o3', name: 'Đảng bộ Phường Việt Hưng' },
        campaign: { year: 2026, opensOn: '2026-10-01', dueOn: '2026-12-15' },
        canEdit: true,
      }))
      .answer('syncStatus', () => ({ online: false }) as SyncStatus);
    renderWithDesktop(<ApproveView year={2026} />, bridge);
    const user = userEvent.setup({ delay: null });
    expect(bridge.callsOf('residenceForms')).toEqual([{ side: 'committee', limit: 2000 }]);
    const all = await screen.findByRole('button', { name: /Duyệt tất cả/ });
    await waitFor(() => expect((all as HTMLButtonElement).disabled).toBe(false));
    // Nothing checked yet: "Duyệt phiếu" waits for a choice.
    expect(
      (screen.getByRole('button', { name: /^.*Duyệt phiếu$/ }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await user.click(all);
    await waitFor(() =>
      expect(bridge.callsOf('residenceFormsAction')).toEqual([
        { formIds: ['f1', 'f3'], action: 'approve' },
      ]),
    );
    expect(await screen.findByText('Đã duyệt 2 phiếu nhận xét.')).toBeTruthy();
    // The committee's campaign of the year on top of the forms.
    expect(
      screen.getByText('Đợt lấy nhận xét năm 2026: từ 01/10/2026, hạn gửi phiếu 15/12/2026'),
    ).toBeTruthy();
  });
});
