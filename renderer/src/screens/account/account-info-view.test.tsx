// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { AccountInfoView } from './account-info-view';
import { CELL_1, myAccount, requestItem, WARD } from './test-support/my-account';

afterEach(cleanup);

describe('"Thông tin tài khoản"', { timeout: 120_000 }, () => {
  it('shows his data and each request with its status and the refusal reason', async () => {
    const bridge = new FakeDesktopBridge().answer('myAccount', () =>
      myAccount([
        requestItem({
          id: '00000000-0000-4000-8000-000000000903',
          kind: 'position',
          summary: 'Phó bí thư',
          decidingOrg: WARD,
          pendingActions: 1,
          createdAt: '2026-11-03T08:00:00.000Z',
        }),
        requestItem({
          status: 'refused',
          reason: 'Số điện thoại không đúng với hồ sơ.',
          decidedAt: '2026-11-02T08:00:00.000Z',
        }),
      ]),
    );
    renderWithDesktop(<AccountInfoView onChange={() => undefined} />, bridge);

    const info = await screen.findByTestId('account-info');
    expect(within(info).getByText('dangvien.an')).toBeTruthy();
    expect(within(info).getByText('001085012345')).toBeTruthy();
    expect(within(info).getAllByText(CELL_1.name).length).toBeGreaterThan(0);
    expect(within(info).getByText('Đang hoạt động')).toBeTruthy();

    const rows = within(screen.getByTestId('account-requests')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // Filed and still on this machine: waiting to be sent.
    expect(within(rows[0]!).getByText('Chờ gửi')).toBeTruthy();
    expect(within(rows[0]!).getByText('Phó bí thư')).toBeTruthy();
    expect(within(rows[0]!).getByText(WARD.name)).toBeTruthy();
    expect(within(rows[1]!).getByText('Từ chối')).toBeTruthy();
    expect(within(rows[1]!).getByText('Số điện thoại không đúng với hồ sơ.')).toBeTruthy();
  });

  it('an account without a member record says so', async () => {
    const bridge = new FakeDesktopBridge().answer('myAccount', () => ({
      ...myAccount(),
      member: null,
    }));
    renderWithDesktop(<AccountInfoView onChange={() => undefined} />, bridge);
    expect(await screen.findByText('Tài khoản chưa gắn với hồ sơ đảng viên')).toBeTruthy();
    expect(screen.getByText('Chưa có yêu cầu nào')).toBeTruthy();
  });
});
