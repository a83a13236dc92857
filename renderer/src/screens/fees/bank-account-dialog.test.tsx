// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { AccountDialog } from './bank-accounts-view';

afterEach(cleanup);

const editing = { orgId: 'org-1', orgName: 'Chi bộ 1', account: null };

/** The error antd shows under the field labelled `label`. */
const fieldError = (label: string) =>
  screen.getByLabelText(label).closest('.ant-form-item')?.querySelector('.ant-form-item-explain');

// Ant Design's first render in jsdom is slow on a busy machine.
describe('the bank account form', { timeout: 180_000 }, () => {
  it("shows the contract's message under each wrong field and sends nothing", async () => {
    const bridge = new FakeDesktopBridge();
    renderWithDesktop(<AccountDialog editing={editing} onClose={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('Số tài khoản'), '0123456789');
    await user.type(screen.getByLabelText('Mã CITAD (8 chữ số)'), '1234');
    await user.click(screen.getByTestId('account-save'));

    await waitFor(() => {
      expect(fieldError('Chủ tài khoản')?.textContent).toBe('Vui lòng nhập tên chủ tài khoản.');
      expect(fieldError('Mã CITAD (8 chữ số)')?.textContent).toBe('Mã CITAD gồm đúng 8 chữ số.');
    });
    expect(fieldError('Số tài khoản')?.textContent ?? '').toBe('');
    expect(bridge.calls).toEqual([]);
  });

  it('puts a refusal that names a field under that field', async () => {
    const bridge = new FakeDesktopBridge().answer('saveFeeBankAccount', () => ({
      code: 'invalid_input',
      message: 'unknown citad',
      messageVi: 'Mã CITAD không có trong danh mục.',
      field: 'citadCode',
    }));
    renderWithDesktop(<AccountDialog editing={editing} onClose={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('Số tài khoản'), ' 0123456789 ');
    await user.type(screen.getByLabelText('Chủ tài khoản'), 'Chi bộ 1');
    await user.type(screen.getByLabelText('Ngân hàng'), 'Vietcombank');
    await user.type(screen.getByLabelText('Mã CITAD (8 chữ số)'), '12345678');
    await user.click(screen.getByTestId('account-save'));

    await waitFor(() =>
      expect(fieldError('Mã CITAD (8 chữ số)')?.textContent).toBe(
        'Mã CITAD không có trong danh mục.',
      ),
    );
    // Sent trimmed, as the contract reads it.
    expect(bridge.callsOf('saveFeeBankAccount')).toMatchObject([
      { orgId: 'org-1', accountNo: '0123456789', citadCode: '12345678', isActive: true },
    ]);
    expect(screen.getByTestId('account-dialog').querySelector('.ant-alert-error')).toBeNull();
  });
});
