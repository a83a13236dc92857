// @vitest-environment jsdom
import { LeftOutlined, LogoutOutlined, SearchOutlined, StarOutlined } from '@ant-design/icons';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { Button, Input } from 'antd';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { watchIconNames } from './icon-names';

afterEach(cleanup);

function Later() {
  const [label, setLabel] = useState('');
  return (
    <Button icon={<LogoutOutlined />} onClick={() => setLabel('Đăng xuất')}>
      {label}
    </Button>
  );
}

describe('icon names', { timeout: 120_000 }, () => {
  it('silences icons beside text and names lone ones in Vietnamese', async () => {
    const { container } = render(
      <div>
        <Button icon={<LogoutOutlined />}>Đăng xuất</Button>
        <Button icon={<LeftOutlined />} aria-label="Trang trước" />
        <Input.Search aria-label="Họ và tên" />
        <span>
          <StarOutlined />
        </span>
        <SearchOutlined aria-label="Tìm theo mã" />
      </div>,
    );
    const stop = watchIconNames(container);

    expect(screen.getByRole('button', { name: 'Đăng xuất' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Trang trước' })).toBeTruthy();
    // Ant Design's own search button: only an icon inside.
    expect(screen.getByRole('button', { name: 'Tìm kiếm' })).toBeTruthy();
    // An icon alone whose meaning is unknown is silent rather than English.
    expect(screen.queryByRole('img', { name: 'star' })).toBeNull();
    // A name we gave stays.
    expect(screen.getByRole('img', { name: 'Tìm theo mã' })).toBeTruthy();
    expect(screen.queryAllByRole('img').map((el) => el.getAttribute('aria-label'))).toEqual([
      'Tìm kiếm',
      'Tìm theo mã',
    ]);
    stop();
  });

  it('follows what the page adds later', async () => {
    const { container } = render(<div id="root" />);
    const stop = watchIconNames(container);
    render(<Later />, { container: container.querySelector<HTMLElement>('#root') ?? undefined });
    await waitFor(() =>
      expect(container.querySelector('.anticon')?.getAttribute('aria-hidden')).toBe('true'),
    );
    stop();
  });
});
