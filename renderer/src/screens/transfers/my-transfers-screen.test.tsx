// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { MyTransfer, SyncStatus } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { MyTransfersScreen } from './my-transfers-screen';

afterEach(cleanup);

const org = (id: string, name: string) => ({ id, name });
const form = {
  destinationOrgId: 'c9',
  reason: 'Chuyển nơi cư trú',
  movedOn: '2026-11-20',
  newAddress: 'Số 5 ngõ 12',
  temporary: null,
};
const submit = {
  type: 'submit',
  label: 'Nộp hồ sơ',
  org: null,
  at: '2026-11-21T02:00:00.000Z',
  reason: null,
  nextOrg: null,
  signedPdfSha256: null,
};
const dossier = (over: Partial<MyTransfer>): MyTransfer => ({
  id: 'd1',
  variant: 'official',
  status: 'pending_check',
  destinationOrg: org('c9', 'Chi bộ Tổ dân phố số 9'),
  currentOrg: org('c1', 'Chi bộ Tổ dân phố số 1'),
  submittedAt: '2026-11-21T02:00:00.000Z',
  updatedAt: '2026-11-21T02:00:00.000Z',
  reason: null,
  filedByVi: null,
  form,
  attachments: [],
  route: [
    { orgId: 'c1', name: 'Chi bộ Tổ dân phố số 1', type: null, side: 'from', state: 'current' },
    { orgId: 'w', name: 'Đảng bộ Phường Việt Hưng', type: null, side: 'from', state: 'later' },
    { orgId: 'c9', name: 'Chi bộ Tổ dân phố số 9', type: null, side: 'to', state: 'later' },
  ],
  history: [{ ...submit, actorName: 'Nguyễn Văn Đức' }],
  canResubmit: false,
  pendingActions: 0,
  needsAttention: false,
  ...over,
});

describe('"Chuyển sinh hoạt đảng" of a member', { timeout: 180_000 }, () => {
  it('shows his dossiers with status, filer and trail; a returned one is filed again', async () => {
    const onBehalf = dossier({
      id: 'd2',
      variant: 'temporary',
      destinationOrg: org('c7', 'Chi bộ Tổ dân phố số 7'),
      filedByVi: 'Nộp hộ bởi Phạm Văn Bình',
      history: [{ ...submit, actorName: 'Phạm Văn Bình' }],
      form: {
        ...form,
        temporary: { startOn: '2026-12-01', endOn: '2027-06-01', fullTimeStudy: false },
      },
    });
    const returned = dossier({
      status: 'returned',
      reason: 'Thiếu đơn xin chuyển',
      canResubmit: true,
      history: [
        { ...submit, actorName: 'Nguyễn Văn Đức' },
        {
          ...submit,
          type: 'return',
          label: 'Trả lại',
          org: org('c1', 'Chi bộ Tổ dân phố số 1'),
          actorName: 'Phạm Văn Bình',
          reason: 'Thiếu đơn xin chuyển',
        },
      ],
    });
    const bridge = new FakeDesktopBridge()
      .answer('myTransfers', () => ({ items: [onBehalf, returned] }))
      .answer('syncStatus', () => ({ online: true }) as SyncStatus);
    renderWithDesktop(<MyTransfersScreen />, bridge);
    const user = userEvent.setup({ delay: null });

    const rows = await screen.findAllByTestId('my-transfer');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['d2', 'd1']);
    expect(within(rows[0]!).getByText('Nộp hộ bởi Phạm Văn Bình')).toBeTruthy();
    expect(within(rows[0]!).getByTestId('dossier-status').textContent).toBe('Chờ kiểm tra');
    expect(within(rows[1]!).getByTestId('dossier-status').textContent).toBe('Trả lại đảng viên');
    // The newest is open: its stay and its trail, where the filer is named.
    const first = await screen.findByTestId('my-transfer-body');
    expect(within(first).getByText('01/12/2026 – 01/06/2027')).toBeTruthy();
    expect(
      within(first)
        .getAllByTestId('route-step')
        .map((step) => [step.textContent, step.getAttribute('data-state')]),
    ).toEqual([
      ['Chi bộ Tổ dân phố số 1', 'current'],
      ['Đảng bộ Phường Việt Hưng', 'later'],
      ['Chi bộ Tổ dân phố số 9', 'later'],
    ]);
    expect(within(first).getByTestId('history-filed-by').textContent).toBe(
      'Nộp hộ bởi Phạm Văn Bình',
    );

    await user.click(rows[1]!);
    await waitFor(() => expect(screen.getByText('Lý do: Thiếu đơn xin chuyển')).toBeTruthy());
    const body = screen
      .getAllByTestId('my-transfer-body')
      .find((b) => within(b).queryByText('Hồ sơ được trả lại'))!;
    expect(
      within(body)
        .getAllByTestId('history-label')
        .map((l) => l.textContent),
    ).toEqual(['Nộp hồ sơ', 'Trả lại']);
    expect(within(body).queryByTestId('history-filed-by')).toBeNull();
    await user.click(within(body).getByRole('button', { name: 'Nộp lại' }));
    const dialog = await screen.findByTestId('filing-dialog');
    expect(
      within(dialog.closest('.ant-modal') as HTMLElement).getByText(
        'Nộp lại hồ sơ chuyển sinh hoạt đảng',
      ),
    ).toBeTruthy();
  });

  it('says so when he has none, and offers "Nộp hồ sơ"', async () => {
    const bridge = new FakeDesktopBridge().answer('myTransfers', () => ({ items: [] }));
    renderWithDesktop(<MyTransfersScreen />, bridge);
    expect(await screen.findByText('Bạn chưa có hồ sơ chuyển sinh hoạt đảng nào')).toBeTruthy();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Nộp hồ sơ' }));
    const dialog = await screen.findByTestId('filing-dialog');
    expect(within(dialog).queryByLabelText('Đảng viên')).toBeNull();
    expect(within(dialog).getByLabelText('Nơi chuyển đến')).toBeTruthy();
  });
});
