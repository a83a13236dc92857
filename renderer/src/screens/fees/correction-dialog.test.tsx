// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeeRules } from '../../../../src/desktop/contract';
import { DEFAULT_FEE_RULES } from '../../../../src/domain/fees/rules';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { CorrectionDialog } from './correction-dialog';

afterEach(cleanup);

const rules: FeeRules = {
  source: 'server',
  fetchedAt: '2026-01-01T00:00:00.000Z',
  items: DEFAULT_FEE_RULES.map((version) => ({ version, createdByName: null, createdAt: null })),
  currentId: DEFAULT_FEE_RULES.at(-1)?.id ?? null,
  canCorrect: true,
};

/** The error antd shows under the field labelled `label`. */
const fieldError = (label: string) =>
  screen.getByLabelText(label).closest('.ant-form-item')?.querySelector('.ant-form-item-explain');

// Ant Design's first render in jsdom is slow on a busy machine.
describe('the rule correction form', { timeout: 180_000 }, () => {
  it('shows what is wrong under each field and sends nothing', async () => {
    const bridge = new FakeDesktopBridge();
    renderWithDesktop(<CorrectionDialog rules={rules} onClose={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.clear(screen.getByLabelText('Mã phiên bản mới'));
    await user.clear(screen.getByLabelText('Văn bản căn cứ'));
    await user.click(screen.getByTestId('rule-submit'));

    // Each field's message appears as its own validation ends.
    await waitFor(() => {
      expect(fieldError('Mã phiên bản mới')?.textContent).toBe('Nhập mã phiên bản mới.');
      expect(fieldError('Văn bản căn cứ')?.textContent).toBe('Nhập văn bản căn cứ.');
    });
    // No error for the whole form: each message sits with its field.
    expect(screen.getByTestId('rule-form').querySelector('.ant-alert-error')).toBeNull();
    expect(bridge.calls).toEqual([]);
  });

  it('puts a refusal that names a field under that field', async () => {
    const bridge = new FakeDesktopBridge().answer('correctFeeRule', () => ({
      code: 'invalid_input',
      message: 'id taken',
      messageVi: 'Mã phiên bản đã có.',
      field: 'id',
    }));
    renderWithDesktop(<CorrectionDialog rules={rules} onClose={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    // A month after every built-in version, so the domain accepts it.
    const from = screen.getByLabelText('Hiệu lực từ tháng (MM/YYYY)');
    // Filled and left, as the e2e page object does.
    await user.click(from);
    await user.clear(from);
    await user.paste('12/2099');
    await user.tab();
    await user.click(screen.getByTestId('rule-submit'));

    await waitFor(() =>
      expect(fieldError('Mã phiên bản mới')?.textContent).toBe('Mã phiên bản đã có.'),
    );
    expect(bridge.callsOf('correctFeeRule')).toMatchObject([{ effectiveFrom: '2099-12' }]);
  });
});
