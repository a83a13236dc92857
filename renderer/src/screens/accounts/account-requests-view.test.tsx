// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { AccountRequestsView } from './account-requests-view';
import { requestItem } from './test-support/account-fixtures';

afterEach(cleanup);

const OUTBOX = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';

function bridgeWith(items = [requestItem('r1'), requestItem('r2'), requestItem('r3')]) {
  return new FakeDesktopBridge()
    .answer('accountRequests', () => ({ items, truncated: false }))
    .answer('decideAccountRequests', ({ ids }) => ({
      items: ids.map((id) =>
        id === 'r3'
          ? { id, outboxId: null, messageVi: 'Không thể tự phê duyệt yêu cầu của chính mình.' }
          : { id, outboxId: OUTBOX, messageVi: null },
      ),
    }))
    .answer('syncStatus', () => ({ online: false }) as SyncStatus);
}

describe('"Quản lý tài khoản đảng viên"', { timeout: 180_000 }, () => {
  it('approves the rows checked, at once, and says which could not be', async () => {
    const bridge = bridgeWith();
    renderWithDesktop(<AccountRequestsView view="registrations" />, bridge);
    const user = userEvent.setup({ delay: null });
    expect(bridge.callsOf('accountRequests')).toEqual([
      { kind: 'registration', status: 'pending', limit: 2000 },
    ]);
    const approve = screen.getByRole('button', { name: /Duyệt/ }) as HTMLButtonElement;
    // Nothing checked yet.
    expect(approve.disabled).toBe(true);
    await user.click(await screen.findByRole('checkbox', { name: 'Chọn Đảng viên r1' }));
    await user.click(screen.getByRole('checkbox', { name: 'Chọn Đảng viên r3' }));
    await waitFor(() => expect(approve.disabled).toBe(false));
    expect(approve.textContent).toContain('(2)');
    await user.click(approve);

    await waitFor(() =>
      expect(bridge.callsOf('decideAccountRequests')).toEqual([
        { ids: ['r1', 'r3'], decision: 'approve' },
      ]),
    );
    expect(await screen.findByText('Đã duyệt 1 yêu cầu.')).toBeTruthy();
    const notDecided = await screen.findByTestId('not-decided');
    expect(notDecided.textContent).toContain(
      'Đảng viên r3: Không thể tự phê duyệt yêu cầu của chính mình.',
    );
  });

  it('a refusal asks for its reason and refuses every row checked with it', async () => {
    const bridge = bridgeWith();
    renderWithDesktop(<AccountRequestsView view="registrations" />, bridge);
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('checkbox', { name: 'Chọn Đảng viên r3' });
    await user.click(screen.getByRole('checkbox', { name: 'Chọn tất cả các dòng' }));
    const refuse = screen.getByRole('button', { name: /Từ chối \(3\)/ }) as HTMLButtonElement;
    await waitFor(() => expect(refuse.disabled).toBe(false));
    await user.click(refuse);
    const dialog = await screen.findByTestId('reason-dialog');
    // Without a reason nothing is sent.
    await user.click(screen.getByRole('button', { name: 'Từ chối' }));
    expect(await within(dialog).findByText('Vui lòng nhập lý do.')).toBeTruthy();
    expect(bridge.callsOf('decideAccountRequests')).toEqual([]);

    await user.type(within(dialog).getByRole('textbox'), 'Sai chi bộ sinh hoạt');
    await user.click(screen.getByRole('button', { name: 'Từ chối' }));
    await waitFor(() =>
      expect(bridge.callsOf('decideAccountRequests')).toEqual([
        { ids: ['r1', 'r2', 'r3'], decision: 'refuse', reason: 'Sai chi bộ sinh hoạt' },
      ]),
    );
    expect(await screen.findByText('Đã từ chối 2 yêu cầu.')).toBeTruthy();
  });

  it('the changes list shows info changes and cell changes, each named by kind', async () => {
    const bridge = bridgeWith([
      requestItem('i1', { kind: 'info_change', summary: 'Số điện thoại, Email' }),
      requestItem('m1', { kind: 'cell_change', summary: '→ Chi bộ Tổ dân phố số 3' }),
      requestItem('p1', { kind: 'position', summary: 'Phó bí thư' }),
    ]);
    renderWithDesktop(<AccountRequestsView view="changes" />, bridge);
    expect(await screen.findByText('Số điện thoại, Email')).toBeTruthy();
    expect(screen.getByText('→ Chi bộ Tổ dân phố số 3')).toBeTruthy();
    expect(screen.getByText('Thay đổi chi bộ sinh hoạt')).toBeTruthy();
    // Not this list's kind.
    expect(screen.queryByText('Phó bí thư')).toBeNull();
    expect(bridge.callsOf('accountRequests')).toEqual([{ status: 'pending', limit: 2000 }]);
    // Registering on a member's behalf belongs to the registrations' list.
    expect(screen.queryByRole('button', { name: /Đăng ký hộ/ })).toBeNull();
  });

  it('decided requests are listed without check boxes or actions', async () => {
    const bridge = bridgeWith([requestItem('a1', { kind: 'position', status: 'approved' })]);
    renderWithDesktop(<AccountRequestsView view="positions" />, bridge);
    const user = userEvent.setup({ delay: null });
    await screen.findByText('Đảng viên a1');
    await user.click(screen.getByRole('combobox', { name: 'Trạng thái' }));
    await user.click(await screen.findByTitle('Đã duyệt'));
    await waitFor(() =>
      expect(bridge.callsOf('accountRequests').at(-1)).toEqual({
        kind: 'position',
        status: 'approved',
        limit: 2000,
      }),
    );
    await waitFor(() => expect(screen.queryByRole('checkbox')).toBeNull());
    expect((screen.getByRole('button', { name: /Duyệt/ }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});
