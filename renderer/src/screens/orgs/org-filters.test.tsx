// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { OrgFilters, type OrgFilterValues } from './org-filters';

afterEach(cleanup);

describe('the org filters', { timeout: 120_000 }, () => {
  it('"Làm mới" reads the list again and keeps the search', async () => {
    const onSearch = vi.fn<(values: OrgFilterValues) => void>();
    const list = { reload: vi.fn() };
    renderWithDesktop(<OrgFilters onSearch={onSearch} list={list} />, new FakeDesktopBridge());
    const user = userEvent.setup({ delay: null });
    const name = screen.getByPlaceholderText('Nhập tên cơ quan');
    await user.type(name, 'dan pho so 1{Enter}');
    await waitFor(() =>
      expect(onSearch).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'dan pho so 1' })),
    );
    onSearch.mockClear();
    await user.click(screen.getByRole('button', { name: /Làm mới/ }));
    expect(list.reload).toHaveBeenCalledOnce();
    expect(onSearch).not.toHaveBeenCalled();
    expect((name as HTMLInputElement).value).toBe('dan pho so 1');
  });

  it('is named "Làm mới" for screen readers, its icon silent', () => {
    renderWithDesktop(
      <OrgFilters onSearch={() => undefined} list={{ reload: () => undefined }} />,
      new FakeDesktopBridge(),
    );
    const button = screen.getByRole('button', { name: 'Làm mới' });
    expect(button.querySelector('.anticon')?.getAttribute('aria-hidden')).toBe('true');
  });
});
