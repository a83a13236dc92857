// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { ReasonDialog } from './reason-dialog';

afterEach(cleanup);

/** The error antd shows under the field labelled `label`. */
const fieldError = (label: string) =>
  screen.getByLabelText(label).closest('.ant-form-item')?.querySelector('.ant-form-item-explain');

// Ant Design's first render in jsdom is slow on a busy machine.
describe('the reason dialog', { timeout: 180_000 }, () => {
  it('asks for a reason under the field and submits nothing blank', async () => {
    const reasons: string[] = [];
    renderWithDesktop(
      <ReasonDialog
        open
        title="Trả lại hồ sơ"
        okText="Trả lại"
        onClose={() => undefined}
        onSubmit={async (reason) => {
          reasons.push(reason);
        }}
      />,
      new FakeDesktopBridge(),
    );
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('Lý do'), '   ');
    await user.click(screen.getByRole('button', { name: 'Trả lại' }));
    await waitFor(() => expect(fieldError('Lý do')?.textContent).toBe('Vui lòng nhập lý do.'));
    expect(reasons).toEqual([]);

    await user.type(screen.getByLabelText('Lý do'), 'Thiếu chữ ký ');
    await user.click(screen.getByRole('button', { name: 'Trả lại' }));
    // Sent trimmed.
    await waitFor(() => expect(reasons).toEqual(['Thiếu chữ ký']));
  });
});
