// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { UpdateNotice } from './update-notice';

afterEach(cleanup);

describe('UpdateNotice', () => {
  it('appears when an update is downloaded, and restarts to install it on a click', async () => {
    let readyVersion: string | null = null;
    const bridge = new FakeDesktopBridge()
      .answer('updateStatus', () => ({ readyVersion }))
      .answer('restartToUpdate', () => ({
        restarting: true,
        messageVi: 'Ứng dụng đang khởi động lại để cập nhật.',
      }));
    renderWithDesktop(<UpdateNotice />, bridge);
    await waitFor(() => expect(bridge.callsOf('updateStatus')).toHaveLength(1));
    expect(screen.queryByTestId('update-notice')).toBeNull();

    readyVersion = '1.4.0';
    act(() => bridge.emit({ type: 'update-ready', version: '1.4.0' }));
    const notice = await screen.findByTestId('update-notice');
    expect(notice.textContent).toContain('Đã có bản cập nhật 1.4.0. Khởi động lại để cập nhật.');
    expect(bridge.callsOf('restartToUpdate')).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: /Khởi động lại/ }));
    expect(bridge.callsOf('restartToUpdate')).toEqual([{}]);
    expect(await screen.findByText('Ứng dụng đang khởi động lại để cập nhật.')).toBeTruthy();
  });

  it('shows the host’s Vietnamese answer when it has nothing to install', async () => {
    const bridge = new FakeDesktopBridge()
      .answer('updateStatus', () => ({ readyVersion: '1.4.0' }))
      .answer('restartToUpdate', () => ({
        restarting: false,
        messageVi: 'Chưa có bản cập nhật nào được tải về.',
      }));
    renderWithDesktop(<UpdateNotice />, bridge);
    await userEvent.click(await screen.findByRole('button', { name: /Khởi động lại/ }));
    expect(await screen.findByText('Chưa có bản cập nhật nào được tải về.')).toBeTruthy();
  });

  it('shows nothing where the app never updates itself', async () => {
    const bridge = new FakeDesktopBridge().answer('updateStatus', () => ({ readyVersion: null }));
    renderWithDesktop(<UpdateNotice />, bridge);
    await waitFor(() => expect(bridge.callsOf('updateStatus')).toHaveLength(1));
    expect(screen.queryByTestId('update-notice')).toBeNull();
  });
});
