// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../src/desktop/contract';
import type { AccountRequestDetail } from '../../../../src/desktop/contract-accounts';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { AccountRequestDrawer } from './account-request-detail';
import { requestDetail, requestItem } from './test-support/account-fixtures';

afterEach(cleanup);

const OUTBOX = '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b';

function bridgeWith(detail: AccountRequestDetail) {
  return new FakeDesktopBridge()
    .answer('accountRequestDetail', () => detail)
    .answer('decideAccountRequests', ({ ids }) => ({
      items: ids.map((id) => ({ id, outboxId: OUTBOX, messageVi: null })),
    }))
    .answer('syncStatus', () => ({ online: false }) as SyncStatus);
}

const rowOf = (label: string) => screen.getByText(label).closest('tr') as HTMLElement;

describe('a request for review', { timeout: 180_000 }, () => {
  it('puts the declared data beside the member database, the differences marked', async () => {
    const detail = requestDetail(requestItem('r1'), {
      fields: [
        {
          field: 'fullName',
          labelVi: 'Họ và tên',
          declared: 'Nguyễn Văn An',
          onFile: 'Nguyễn Văn An',
          differs: false,
        },
        {
          field: 'phone',
          labelVi: 'Số điện thoại',
          declared: '0912345678',
          onFile: '0987000111',
          differs: true,
        },
      ],
    });
    renderWithDesktop(
      <AccountRequestDrawer requestId="r1" onClose={() => {}} />,
      bridgeWith(detail),
    );
    await screen.findByTestId('compared-fields');
    expect(screen.getByText('Đảng viên khai báo')).toBeTruthy();
    expect(screen.getByText('CSDL đảng viên')).toBeTruthy();
    expect(rowOf('Số điện thoại').getAttribute('data-differs')).toBe('true');
    expect(within(rowOf('Số điện thoại')).getByText('Khác CSDL')).toBeTruthy();
    expect(rowOf('Họ và tên').getAttribute('data-differs')).toBe('false');
    expect(within(rowOf('Họ và tên')).queryByText('Khác CSDL')).toBeNull();
    expect(screen.queryByText('Không có trong CSDL đảng viên')).toBeNull();
    expect(screen.getByTestId('history-item').textContent).toContain('Gửi yêu cầu');
  });

  it('says when the member is not in the member database', async () => {
    const detail = requestDetail(
      requestItem('r2', { filedOnBehalf: true, summary: 'Đăng ký hộ' }),
      {
        notOnFile: true,
        fields: [
          {
            field: 'fullName',
            labelVi: 'Họ và tên',
            declared: 'Trịnh Văn Khải',
            onFile: null,
            differs: false,
          },
        ],
      },
    );
    renderWithDesktop(
      <AccountRequestDrawer requestId="r2" onClose={() => {}} />,
      bridgeWith(detail),
    );
    expect(await screen.findByText('Không có trong CSDL đảng viên')).toBeTruthy();
    expect(screen.getByText('Cán bộ đăng ký hộ')).toBeTruthy();
  });

  it('shows an info change as before → after, and approves it from the detail', async () => {
    const item = requestItem('i1', { kind: 'info_change', summary: 'Email' });
    const detail = requestDetail(item, {
      fields: [
        {
          field: 'email',
          labelVi: 'Email',
          declared: 'moi@example.vn',
          onFile: 'cu@example.vn',
          differs: true,
        },
      ],
    });
    const bridge = bridgeWith(detail);
    let closed = false;
    renderWithDesktop(
      <AccountRequestDrawer requestId="i1" onClose={() => (closed = true)} />,
      bridge,
    );
    const user = userEvent.setup({ delay: null });
    const table = await screen.findByTestId('compared-fields');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Thông tin', 'Thông tin hiện tại', 'Thông tin đề nghị thay đổi']);
    const cells = within(rowOf('Email'))
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['Email', 'cu@example.vn', 'moi@example.vnThay đổi']);

    await user.click(screen.getByRole('button', { name: /Duyệt/ }));
    await waitFor(() =>
      expect(bridge.callsOf('decideAccountRequests')).toEqual([
        { ids: ['i1'], decision: 'approve' },
      ]),
    );
    await waitFor(() => expect(closed).toBe(true));
  });

  it('offers no decision to who may not decide it', async () => {
    const detail = requestDetail(requestItem('r3'), { canDecide: false });
    renderWithDesktop(
      <AccountRequestDrawer requestId="r3" onClose={() => {}} />,
      bridgeWith(detail),
    );
    await screen.findByTestId('compared-fields');
    expect(screen.queryByTestId('account-actions')).toBeNull();
  });
});
