// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { LoginScreen } from './login-screen';

afterEach(cleanup);

/** The error antd shows under the field labelled `label`. */
const fieldError = (label: string) =>
  screen.getByLabelText(label).closest('.ant-form-item')?.querySelector('.ant-form-item-explain');

/** The login screen only shows the server's address from the status. */
const loginBridge = () =>
  new FakeDesktopBridge().answer(
    'syncStatus',
    () => ({ serverUrl: 'https://dangvien.test' }) as unknown as SyncStatus,
  );

// Ant Design's first render in jsdom is slow on a busy machine.
describe('the login form', { timeout: 180_000 }, () => {
  it('shows what is missing under each field and sends nothing', async () => {
    const bridge = loginBridge();
    renderWithDesktop(<LoginScreen onLoggedIn={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('Tên đăng nhập'), '   ');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));

    await waitFor(() => {
      expect(fieldError('Tên đăng nhập')?.textContent).toBe('Vui lòng nhập tên đăng nhập');
      expect(fieldError('Mật khẩu')?.textContent).toBe('Vui lòng nhập mật khẩu');
    });
    expect(bridge.callsOf('login')).toEqual([]);
  });

  it('puts a refusal that names a field under it, and wrong credentials in the alert', async () => {
    const refusals = [
      {
        code: 'invalid_input',
        message: 'username: too long',
        messageVi: 'Dữ liệu "username" không hợp lệ.',
        field: 'username',
      },
      { code: 'invalid_credentials', message: 'wrong', messageVi: 'Sai mật khẩu.' },
    ];
    const bridge = loginBridge().answer('login', () => refusals.shift() ?? refusals[0]!);
    renderWithDesktop(<LoginScreen onLoggedIn={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('Tên đăng nhập'), 'canbo');
    await user.type(screen.getByLabelText('Mật khẩu'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));

    await waitFor(() =>
      expect(fieldError('Tên đăng nhập')?.textContent).toBe('Dữ liệu "username" không hợp lệ.'),
    );
    expect(screen.queryByTestId('login-error')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    await waitFor(() =>
      expect(screen.getByTestId('login-error').textContent).toContain('Sai mật khẩu.'),
    );
    expect(bridge.callsOf('login')).toEqual([
      { username: 'canbo', password: 'secret' },
      { username: 'canbo', password: 'secret' },
    ]);
  });

  it('says why a pending or refused account cannot sign in, and opens the registration', async () => {
    const bridge = loginBridge().answer('login', () => ({
      code: 'account_refused',
      message: 'account refused',
      messageVi: 'Đăng ký tài khoản bị từ chối: Số thẻ đảng viên không khớp hồ sơ.',
    }));
    renderWithDesktop(<LoginScreen onLoggedIn={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('Tên đăng nhập'), 'an.nv');
    await user.type(screen.getByLabelText('Mật khẩu'), 'Mk@2026!');
    await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect((await screen.findByTestId('login-error')).textContent).toContain(
      'Số thẻ đảng viên không khớp hồ sơ.',
    );

    await user.click(screen.getByRole('button', { name: 'Đăng ký tài khoản đảng viên' }));
    expect(
      await screen.findByRole('heading', { name: 'Đăng ký tài khoản đảng viên' }),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /Quay lại đăng nhập/ }));
    expect(await screen.findByRole('heading', { name: 'Đăng nhập' })).toBeTruthy();
  });
});
