import { describe, expect, it } from 'vitest';
import { failureReasonVi, formatMoney, monthLabel, recentMonths, timeLeft } from './fee-format';

describe('fee formats', () => {
  it('shows đồng grouped the Vietnamese way', () => {
    expect(formatMoney(1_234_500)).toBe('1.234.500 đ');
    expect(formatMoney(0)).toBe('0 đ');
  });

  it('labels months and offers this month first, none ahead, across the new year', () => {
    expect(monthLabel('2026-03')).toBe('Tháng 03/2026');
    const months = recentMonths(new Date(2026, 0, 15), 2);
    expect(months).toEqual(['2026-01', '2025-12', '2025-11']);
  });

  it('gives the reason of a failed payment with what to do next, nothing otherwise', () => {
    expect(failureReasonVi({ status: 'failed', settledVia: 'callback' })).toContain('Nộp lại');
    expect(failureReasonVi({ status: 'failed', settledVia: 'start' })).toContain(
      'Không kết nối được cổng thanh toán',
    );
    expect(failureReasonVi({ status: 'failed', settledVia: 'timeout' })).toContain('đối chiếu');
    expect(failureReasonVi({ status: 'success', settledVia: 'callback' })).toBe('');
    // The gateway's own reason, when it gave its answer code; an unknown code falls back.
    expect(failureReasonVi({ status: 'failed', settledVia: 'callback', failureCode: '51' })).toBe(
      'Cổng thanh toán báo: Tài khoản không đủ số dư. Nạp thêm tiền rồi bấm "Nộp lại".',
    );
    expect(
      failureReasonVi({ status: 'failed', settledVia: 'callback', failureCode: '98' }),
    ).toContain('người nộp hủy');
  });

  it('says how long until automatic settlement, nothing once past', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(timeLeft('2026-03-02T03:00:00Z', now)).toBe('1 ngày 3 giờ');
    expect(timeLeft('2026-03-01T02:30:00Z', now)).toBe('2 giờ 30 phút');
    expect(timeLeft('2026-03-01T00:45:00Z', now)).toBe('45 phút');
    expect(timeLeft('2026-02-28T00:00:00Z', now)).toBe('');
  });
});
