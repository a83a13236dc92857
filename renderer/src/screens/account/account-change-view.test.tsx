// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { AccountChangeView, SENT_TO_CELL, SENT_TO_SUPERIOR } from './account-change-view';
import { CELL_5, myAccount } from './test-support/my-account';

afterEach(cleanup);

const QUEUED = { outboxId: '6f1c1b9e-3f0c-4a52-9a43-0c3f0d7e2a11', requestId: 'r-1' };

function bridgeFor() {
  return new FakeDesktopBridge()
    .answer('myAccount', () => myAccount())
    .answer('fileInfoChange', () => QUEUED)
    .answer('filePositionRequest', () => QUEUED)
    .answer('fileCellChange', () => QUEUED)
    .answer('cellChoices', () => ({
      items: [{ id: CELL_5.id, name: CELL_5.name, parents: ['Đảng bộ Phường Việt Hưng'] }],
    }));
}

describe('"Thay đổi thông tin tài khoản"', { timeout: 120_000 }, () => {
  it('is prefilled with his record and sends only the fields he changed', async () => {
    const bridge = bridgeFor();
    renderWithDesktop(<AccountChangeView />, bridge);
    const user = userEvent.setup({ delay: null });
    const name = await screen.findByLabelText<HTMLInputElement>('Họ và tên');
    expect(name.value).toBe('Nguyễn Văn An');
    expect(screen.getByLabelText<HTMLInputElement>('Số thẻ đảng viên').value).toBe('12345678');

    const phone = screen.getByLabelText<HTMLInputElement>('Số điện thoại');
    await user.clear(phone);
    await user.type(phone, '0988777666');
    await user.click(screen.getByRole('button', { name: /CẬP NHẬT/ }));

    expect(await screen.findByText(SENT_TO_CELL)).toBeTruthy();
    expect(bridge.callsOf('fileInfoChange')).toEqual([{ changes: { phone: '0988777666' } }]);
  });

  it('refuses to send when nothing changed', async () => {
    const bridge = bridgeFor();
    renderWithDesktop(<AccountChangeView />, bridge);
    const user = userEvent.setup({ delay: null });
    await screen.findByLabelText('Họ và tên');
    await user.click(screen.getByRole('button', { name: /CẬP NHẬT/ }));
    expect(await screen.findByText('Chưa có thông tin nào thay đổi.')).toBeTruthy();
    expect(bridge.callsOf('fileInfoChange')).toEqual([]);
  });

  it('declares a position, and asks to move out of a wrongly chosen cell', async () => {
    const bridge = bridgeFor();
    renderWithDesktop(<AccountChangeView />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('radio', { name: 'Phó bí thư' }));
    await user.click(screen.getByRole('button', { name: 'Gửi đề nghị phê duyệt chức vụ' }));
    expect(await screen.findByText(SENT_TO_SUPERIOR)).toBeTruthy();
    expect(bridge.callsOf('filePositionRequest')).toEqual([{ position: 'deputy_secretary' }]);

    await user.type(screen.getByLabelText('Chi bộ sinh hoạt đúng'), 'dan pho 5');
    await user.click(await screen.findByText(`${CELL_5.name} — Đảng bộ Phường Việt Hưng`));
    await user.click(screen.getByRole('button', { name: 'Gửi yêu cầu chuyển về chi bộ đúng' }));
    await waitFor(() => expect(bridge.callsOf('fileCellChange')).toEqual([{ toOrgId: CELL_5.id }]));
    expect(await screen.findByText(`${SENT_TO_CELL} (${CELL_5.name})`)).toBeTruthy();
  });
});
