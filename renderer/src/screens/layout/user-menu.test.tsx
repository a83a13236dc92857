// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { UserMenu } from './user-menu';

afterEach(cleanup);

/** Rendered as main.tsx renders the app (Vietnamese locale); no host call is made. */
const render = (ui: React.ReactNode) => renderWithDesktop(ui, new FakeDesktopBridge());

describe('the user menu', { timeout: 120_000 }, () => {
  it('opens with the keyboard and logs out with the arrow keys and Enter, without hovering', async () => {
    const user = userEvent.setup();
    const onLogout = vi.fn();
    render(<UserMenu fullName="Trần Thị Thu Hà" onLogout={onLogout} />);

    await user.tab();
    const name = screen.getByRole('button', { name: 'Trần Thị Thu Hà' });
    expect(document.activeElement).toBe(name);
    expect(name.getAttribute('aria-expanded')).toBe('false');

    await user.keyboard('{Enter}');
    const logout = await screen.findByRole('menuitem', { name: /Đăng xuất/ });
    expect(name.getAttribute('aria-expanded')).toBe('true');
    // The focus goes into the menu, so Enter chooses there.
    await waitFor(() =>
      expect(logout.closest('[role="menu"]')?.contains(document.activeElement)).toBe(true),
    );
    // The arrow keys go to the item, Enter chooses it.
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toBe(logout));
    // rc-menu reads the legacy `which`, which user-event leaves out; a browser sets it (the
    // newcomer journey logs out with the real keyboard).
    fireEvent.keyDown(logout, { key: 'Enter', code: 'Enter', keyCode: 13, which: 13 });
    expect(onLogout).toHaveBeenCalledTimes(1);
  });

  it('does not open on hover alone', async () => {
    const user = userEvent.setup();
    render(<UserMenu fullName="Phạm Thị Lan" onLogout={() => undefined} />);
    await user.hover(screen.getByRole('button', { name: 'Phạm Thị Lan' }));
    expect(screen.queryByRole('menuitem', { name: /Đăng xuất/ })).toBeNull();
  });
});
