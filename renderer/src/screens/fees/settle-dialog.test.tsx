// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeePayment } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { SettleDialog } from './settle-dialog';

// The fee screens' PDF viewer loads pdf.js's worker, which the test runner cannot serve.
vi.mock('../../ui/pdf-viewer', () => ({ PdfViewer: () => null }));

afterEach(cleanup);

/** Only what the dialog shows and sends of the payment. */
const payment = { id: 'pay-1', reference: 'DP0001', amount: 120_000 } as FeePayment;

/** The error antd shows under the field labelled `label`. */
const fieldError = (label: string) =>
  screen.getByLabelText(label).closest('.ant-form-item')?.querySelector('.ant-form-item-explain');

// Ant Design's first render in jsdom is slow on a busy machine.
describe('the settle form', { timeout: 180_000 }, () => {
  it("asks for the bank's reference under its field and sends nothing", async () => {
    const bridge = new FakeDesktopBridge();
    renderWithDesktop(<SettleDialog payment={payment} onClose={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));

    await waitFor(() =>
      expect(fieldError('Mã giao dịch ngân hàng')?.textContent).toBe(
        'Vui lòng nhập mã giao dịch của ngân hàng.',
      ),
    );
    expect(bridge.calls).toEqual([]);
  });

  it('puts a refusal that names a field under that field', async () => {
    const bridge = new FakeDesktopBridge().answer('settleFeePayment', () => ({
      code: 'conflict',
      message: 'reference used',
      messageVi: 'Mã giao dịch này đã được dùng.',
      field: 'bankReference',
    }));
    renderWithDesktop(<SettleDialog payment={payment} onClose={() => undefined} />, bridge);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('Mã giao dịch ngân hàng'), 'FT26001');
    await user.click(screen.getByRole('button', { name: 'Xác nhận' }));

    await waitFor(() =>
      expect(fieldError('Mã giao dịch ngân hàng')?.textContent).toBe(
        'Mã giao dịch này đã được dùng.',
      ),
    );
    expect(bridge.callsOf('settleFeePayment')).toEqual([
      { paymentId: 'pay-1', status: 'success', bankReference: 'FT26001', note: '' },
    ]);
  });
});
