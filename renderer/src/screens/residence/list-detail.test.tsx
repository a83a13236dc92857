// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../src/desktop/contract';
import type {
  ResidenceListAllowed,
  ResidenceListDetail,
} from '../../../../src/desktop/contract-residence';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { LIST_ACTION_VI, ListDetail } from './list-detail';

afterEach(cleanup);

const LIST = 'list-1';
const OUTBOX = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';
const NOTHING: ResidenceListAllowed = {
  edit: false,
  submit: false,
  approve: false,
  signAndApprove: false,
  return: false,
  send: false,
  signAndSend: false,
};

const detail = (allowed: Partial<ResidenceListAllowed>): ResidenceListDetail => ({
  id: LIST,
  campaignYear: 2026,
  kind: 'introduce_and_comment',
  status: 'pending_approval',
  workplaceOrg: { id: 'o1', name: 'Chi bộ Phòng Tổ chức cán bộ' },
  memberCount: 2,
  commentCount: 1,
  createdAt: '2026-12-04T08:00:00.000Z',
  updatedAt: '2026-12-04T08:00:00.000Z',
  signed: false,
  pendingActions: 0,
  needsAttention: false,
  reason: null,
  members: [
    {
      memberId: 'm1',
      fullName: 'Nguyễn Văn An',
      birthDate: '1980-01-02',
      residenceOrg: { id: 'r1', name: 'Chi bộ Tổ dân phố số 5' },
      reportRequired: true,
      exemption: null,
      exemptionVi: null,
    },
    {
      memberId: 'm2',
      fullName: 'Trần Văn Bình',
      birthDate: null,
      residenceOrg: { id: 'r1', name: 'Chi bộ Tổ dân phố số 5' },
      reportRequired: false,
      exemption: 'student_away',
      exemptionVi: 'Học tập trung xa nơi cư trú',
    },
  ],
  byResidenceOrg: [],
  listPdf: null,
  history: [
    {
      type: 'submit',
      label: 'Trình phê duyệt',
      actorName: 'Lê Thị Cúc',
      at: '2026-12-04T08:00:00.000Z',
      reason: null,
      signedPdfSha256: null,
    },
  ],
  allowed: { ...NOTHING, ...allowed },
  pending: [],
});

const offline = { online: false } as SyncStatus;

function host(allowed: Partial<ResidenceListAllowed>) {
  return new FakeDesktopBridge()
    .answer('residenceListDetail', () => detail(allowed))
    .answer('returnResidenceList', () => ({ outboxId: OUTBOX }))
    .answer('residenceListAction', () => ({ outboxId: OUTBOX }))
    .answer('syncStatus', () => offline);
}

describe('a residence list', { timeout: 180_000 }, () => {
  it('offers the approver exactly the steps allowed now, under the guide’s names', async () => {
    renderWithDesktop(
      <ListDetail listId={LIST} onBack={() => undefined} />,
      host({
        approve: true,
        signAndApprove: true,
        return: true,
      }),
    );
    const actions = await screen.findByTestId('list-actions');
    const names = within(actions)
      .getAllByRole('button')
      .map((b) => b.textContent?.trim());
    expect(names).toEqual([LIST_ACTION_VI.approve, LIST_ACTION_VI.signAndApprove, 'Trả lại']);
    expect(names).not.toContain(LIST_ACTION_VI.send);
    // The members with their residence cell and exemption.
    const members = screen.getByTestId('list-members');
    expect(within(members).getByText('Trần Văn Bình')).toBeTruthy();
    expect(within(members).getByText('Học tập trung xa nơi cư trú')).toBeTruthy();
  });

  it('shows no actions to whom the list allows none', async () => {
    renderWithDesktop(<ListDetail listId={LIST} onBack={() => undefined} />, host({}));
    await screen.findByTestId('list-detail');
    expect(screen.queryByTestId('list-actions')).toBeNull();
  });

  it('returns the list only with a reason', async () => {
    const bridge = host({ return: true });
    renderWithDesktop(<ListDetail listId={LIST} onBack={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /Trả lại/ }));
    const dialog = await screen.findByTestId('reason-dialog');
    const ok = () =>
      within(dialog.closest('.ant-modal') as HTMLElement).getByRole('button', {
        name: 'Trả lại',
      });
    await user.click(ok());
    expect(await within(dialog).findByText('Vui lòng nhập lý do.')).toBeTruthy();
    expect(bridge.callsOf('returnResidenceList')).toEqual([]);

    await user.type(within(dialog).getByLabelText('Lý do'), 'Thiếu nơi cư trú của đồng chí Bình');
    await user.click(ok());
    await waitFor(() =>
      expect(bridge.callsOf('returnResidenceList')).toEqual([
        { requestId: LIST, reason: 'Thiếu nơi cư trú của đồng chí Bình' },
      ]),
    );
  });
});
