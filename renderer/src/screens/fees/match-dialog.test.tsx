// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopOutput, StatementLineRow } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { MatchDialog } from './match-dialog';

// The fee screens' PDF viewer loads pdf.js's worker, which the test runner cannot serve.
vi.mock('../../ui/pdf-viewer', () => ({ PdfViewer: () => null }));

afterEach(cleanup);

const line: StatementLineRow = {
  lineId: 'line-1',
  bankAccountId: 'acc-1',
  accountNo: '0123456789',
  date: '2026-03-05',
  amount: 120_000,
  description: 'DANG PHI T3',
  bankReference: 'FT001',
  status: 'unmatched',
  reason: null,
  reasonVi: 'Không nhận ra đảng viên',
  paymentId: null,
  importedAt: '2026-03-06T00:00:00.000Z',
  importedByName: null,
  matchedByName: null,
} as StatementLineRow;

const bridge = () =>
  new FakeDesktopBridge()
    .answer('feeCells', () => ({ items: [], orgs: [] }))
    .answer(
      'feeTransactions',
      () =>
        ({
          source: 'server',
          fetchedAt: '2026-03-06T00:00:00.000Z',
          items: [],
        }) as unknown as DesktopOutput<'feeTransactions'>,
    );

/** The error antd shows in the form item around `element`. */
const itemError = (element: HTMLElement) =>
  element.closest('.ant-form-item')?.querySelector('.ant-form-item-explain')?.textContent;

// Ant Design's first render in jsdom is slow on a busy machine.
describe('the statement match form', { timeout: 180_000 }, () => {
  it('asks for members under the member list, or for a payment under its picker', async () => {
    const fake = bridge();
    renderWithDesktop(<MatchDialog line={line} onClose={() => undefined} />, fake);
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('match-submit'));
    await waitFor(() =>
      expect(itemError(screen.getByTestId('match-members'))).toBe(
        'Chọn chi bộ và đảng viên mà khoản chuyển khoản này nộp cho.',
      ),
    );

    await user.click(screen.getByLabelText('Chứng minh một giao dịch đã có'));
    await user.click(screen.getByTestId('match-submit'));
    await waitFor(() =>
      expect(itemError(screen.getByTestId('match-payment'))).toBe(
        'Chọn giao dịch mà khoản chuyển khoản này chứng minh.',
      ),
    );
    // Each message sits with its field; nothing was sent.
    expect(screen.getByTestId('match-dialog').querySelector('.ant-alert-error')).toBeNull();
    expect(fake.callsOf('matchFeeStatementLine')).toEqual([]);
  });
});
