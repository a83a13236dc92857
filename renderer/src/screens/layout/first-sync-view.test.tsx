// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { FirstSyncView } from './first-sync-view';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('FirstSyncView', () => {
  it('follows the sync: records of the estimate, pages, and the time left at the rate so far', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T09:00:00Z'));
    const bridge = new FakeDesktopBridge();
    renderWithDesktop(<FirstSyncView progress={null} />, bridge);
    expect(screen.getByText('Đang tải dữ liệu lần đầu')).toBeTruthy();
    expect(screen.getByTestId('first-sync-rows').textContent).toBe('0 bản ghi');
    expect(screen.getByText('đang ước tính…')).toBeTruthy();

    // 3 000 of 12 000 records in 30 s: 9 000 left at 100 a second, 90 s.
    vi.setSystemTime(new Date('2026-12-07T09:00:30Z'));
    act(() =>
      bridge.emit({
        type: 'sync-progress',
        progress: { phase: 'pulling', pulled: 3000, pages: 6, estimatedTotal: 12000 },
      }),
    );
    expect(screen.getByTestId('first-sync-rows').textContent).toBe('3.000 bản ghi / khoảng 12.000');
    expect(screen.getByText('6')).toBeTruthy();
    expect(screen.getByText('khoảng 2 phút')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
  });
});
