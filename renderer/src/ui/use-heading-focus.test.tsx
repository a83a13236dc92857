// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useHeadingFocus } from './use-heading-focus';

afterEach(cleanup);

/** A content area whose heading shows after the screen's data, like the app's screens. */
function Content({ place, loaded }: { place: string; loaded: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useHeadingFocus(ref, place);
  return (
    <div ref={ref}>
      <input aria-label="Tìm kiếm" />
      {loaded && <h4>{place}</h4>}
    </div>
  );
}

describe('useHeadingFocus', () => {
  it('puts the focus on the new screen’s heading, also when it shows later', async () => {
    const { rerender } = render(<Content place="Quản lý tổ chức Đảng" loaded />);
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { name: 'Quản lý tổ chức Đảng' }),
    );

    rerender(<Content place="Tra cứu đảng viên" loaded={false} />);
    rerender(<Content place="Tra cứu đảng viên" loaded />);
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('heading', { name: 'Tra cứu đảng viên' }),
      ),
    );
    // Focusable by script only: Tab does not stop on it.
    expect(screen.getByRole('heading').getAttribute('tabindex')).toBe('-1');
  });

  it('leaves the focus where the user put it while the screen loaded', async () => {
    const { rerender } = render(<Content place="Danh sách" loaded={false} />);
    const search = screen.getByRole('textbox', { name: 'Tìm kiếm' });
    act(() => search.focus());
    rerender(<Content place="Danh sách" loaded />);
    await act(() => Promise.resolve());
    expect(document.activeElement).toBe(search);
  });
});
