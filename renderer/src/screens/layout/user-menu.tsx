import { DownOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useState } from 'react';

/**
 * The user's name in the header, opening "Đăng xuất": on click, Enter or Space (not on hover
 * only), with the focus in the menu so the arrow keys and Enter choose; Escape closes it and
 * gives the focus back to the name.
 */
export function UserMenu({ fullName, onLogout }: { fullName: string; onLogout: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Dropdown
      trigger={['click']}
      autoFocus
      open={open}
      onOpenChange={setOpen}
      menu={{
        items: [{ key: 'logout', icon: <LogoutOutlined aria-hidden />, label: 'Đăng xuất' }],
        onClick: () => {
          setOpen(false);
          onLogout();
        },
      }}
    >
      <Button
        type="text"
        style={{ color: '#fff' }}
        data-testid="current-user"
        aria-haspopup="menu"
        aria-expanded={open}
      >
        {fullName}
        <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
