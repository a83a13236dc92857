// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeePayment } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { MemberPaymentView } from './member-payment-view';

// The fee screens' PDF viewer loads pdf.js's worker, which the test runner cannot serve.
vi.mock('../../ui/pdf-viewer', () => ({ PdfViewer: () => null }));

afterEach(cleanup);

const payment = (status: 'unknown' | 'success', month: string) =>
  ({
    id: 'pay-7',
    reference: 'DP0007',
    cellId: 'cell-1',
    payerUserId: 'u-1',
    kind: 'self',
    amount: 85_000,
    status,
    statusVi: status === 'success' ? 'Thành công' : 'Chưa xác định',
    settledVia: status === 'success' ? 'callback' : null,
    items: [{ memberId: 'm-1', fullName: 'Nguyễn Văn An', month, amount: 85_000 }],
  }) as unknown as FeePayment;

describe('"Nộp đảng phí" of a member', { timeout: 180_000 }, () => {
  it('shows his due, pays it at the gateway after confirmation and offers the receipt', async () => {
    const fake = new FakeDesktopBridge()
      .answer('myFeeDue', ({ month }) => ({
        month,
        amount: 85_000,
        approved: true,
        paid: false,
        note: null,
      }))
      .answer('startOwnFeePayment', ({ month }) => ({
        payment: payment('unknown', month),
        paymentUrl: 'https://gateway.example/pay/7',
      }))
      .answer('feePayment', ({ month }) => ({ payment: payment('success', month) }));
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    renderWithDesktop(<MemberPaymentView />, fake);
    const user = userEvent.setup({ delay: null });

    expect((await screen.findByTestId('member-due')).textContent).toBe('85.000 đ');
    await user.click(screen.getByTestId('member-pay'));
    const dialog = await screen.findByTestId('fee-pay-dialog');
    expect(within(dialog).getByTestId('fee-pay-dialog-members').textContent).toBe('1 đảng viên');
    await user.click(await screen.findByTestId('fee-pay-confirm'));

    await waitFor(() => expect(fake.callsOf('startOwnFeePayment')).toHaveLength(1));
    expect(open).toHaveBeenCalledWith('https://gateway.example/pay/7', '_blank', 'noopener');
    const result = await screen.findByTestId('payment-result');
    await waitFor(() => expect(result.dataset.status).toBe('success'));
    expect(within(result).getByText('Nộp đảng phí thành công')).toBeTruthy();
    expect(within(result).getByRole('button', { name: /In biên lai/ })).toBeTruthy();
    open.mockRestore();
  });

  it('a month the cell has not approved cannot be paid yet', async () => {
    const fake = new FakeDesktopBridge().answer('myFeeDue', ({ month }) => ({
      month,
      amount: 0,
      approved: false,
      paid: false,
      note: 'Chi bộ chưa phê duyệt mức đóng tháng này.',
    }));
    renderWithDesktop(<MemberPaymentView />, fake);
    expect(await screen.findByText('Chi bộ chưa phê duyệt mức đóng tháng này.')).toBeTruthy();
    expect(screen.getByTestId('member-pay').hasAttribute('disabled')).toBe(true);
  });
});
