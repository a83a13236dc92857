// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { Menu } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { dossierSideLabelVi } from '../../../../src/desktop/contract';
import type { Role } from '../../../../src/domain/people/user';
import { transferVariantLabelVi } from '../../../../src/domain/procedures/transfer-route';
import { startScreen } from '../../role-screens';
import { appMenuItems, menuKeyOf, menuOpenKeysOf, screenOfMenuKey } from './app-menu';

afterEach(cleanup);

/** What the side menu shows a user with these roles: group titles, submenus and items. */
function menuOf(roles: Role[], accountCounts?: Parameters<typeof appMenuItems>[1]) {
  const start = startScreen(roles);
  render(
    <Menu
      mode="inline"
      items={appMenuItems(roles, accountCounts)}
      selectedKeys={[menuKeyOf(start)]}
      defaultOpenKeys={menuOpenKeysOf(start)}
    />,
  );
  const texts = (role: 'menuitem' | 'group') =>
    screen.queryAllByRole(role).map((el) => (el.textContent ?? '').trim());
  return {
    items: texts('menuitem'),
    groups: [...document.querySelectorAll('.ant-menu-item-group-title')].map((el) =>
      (el.textContent ?? '').trim(),
    ),
    selected: document.querySelector('.ant-menu-item-selected')?.textContent ?? null,
  };
}

const TRANSFER_VARIANTS: string[] = Object.values(transferVariantLabelVi);

describe('the side menu of each role', { timeout: 120_000 }, () => {
  it('a cell secretary: dossiers (his inbox selected), cell fees, member accounts, no bank accounts, no users', () => {
    const menu = menuOf(['approver']);
    expect(menu.groups).toEqual([
      'Thông tin tài khoản',
      'Theo dõi, giám sát',
      'Quản trị danh mục',
      'Đảng viên',
      'Xử lý hồ sơ',
      'Nhận xét nơi cư trú',
      'Tài khoản đảng viên',
      'Thủ tục thu nộp đảng phí',
      'Quản trị hệ thống',
    ]);
    // His cell's dashboard and readiness (the server answers for his subtree only).
    expect(menu.items).toContain('Rà soát sẵn sàng');
    // His signature image, drawn in every document he signs (decision 0039).
    expect(menu.items).toContain('Chữ ký');
    expect(menu.items).toContain('Quản lý tài khoản đảng viên');
    // The committee's steps too: where a secretary acts is the server's to decide.
    expect(menu.items).toContain('Duyệt phiếu nhận xét');
    expect(menu.items).not.toContain('Báo cáo kết quả thực hiện nhiệm vụ nơi cư trú');
    for (const label of TRANSFER_VARIANTS) expect(menu.items).toContain(label);
    // The inbox's submenu is open, its side selected.
    expect(menu.items).toContain(dossierSideLabelVi.incoming);
    expect(menu.selected).toBe(dossierSideLabelVi.outgoing);
    expect(menu.items).toContain('Phê duyệt mức đóng đảng phí');
    expect(menu.items).toContain('Nộp đảng phí cho chi bộ');
    expect(menu.items).not.toContain('Đối soát sao kê ngân hàng');
    expect(menu.items).not.toContain('Tài khoản ngân hàng');
    expect(menu.items).not.toContain('Quản lý người dùng');
  });

  it('a fee officer: every fee screen, no dossiers, fee approval selected', () => {
    const menu = menuOf(['fee_officer']);
    expect(menu.items).toEqual([
      'Quản lý tổ chức Đảng',
      'Tra cứu đảng viên',
      'Hồ sơ chờ gửi',
      'Phê duyệt mức đóng đảng phí',
      'Nộp đảng phí cho chi bộ',
      'Danh sách giao dịch nộp đảng phí',
      'Đối soát sao kê ngân hàng',
      'Sổ thu nộp đảng phí',
      'Tài khoản ngân hàng',
      'Quy định mức đóng đảng phí',
    ]);
    expect(menu.selected).toBe('Phê duyệt mức đóng đảng phí');
  });

  it('an admin: catalogue, users and accounts; no approving, no paying, no dossier lists', () => {
    const menu = menuOf(['admin']);
    expect(menu.items).toEqual([
      'Tổng quan',
      'Quản lý tổ chức Đảng',
      'Cấu hình ngày nghỉ',
      'Nhập dữ liệu',
      'Tra cứu đảng viên',
      'Hồ sơ chờ gửi',
      'Quản lý tài khoản đảng viên',
      'Phê duyệt đảng viên thay đổi thông tin',
      'Phê duyệt chức vụ trong chi bộ',
      'Danh sách giao dịch nộp đảng phí',
      'Đối soát sao kê ngân hàng',
      'Sổ thu nộp đảng phí',
      'Tài khoản ngân hàng',
      'Quy định mức đóng đảng phí',
      'Quản lý người dùng',
      'Rà soát sẵn sàng',
    ]);
    // What this machine still has to send stays in view for every staff account.
    expect(menu.items.filter((item) => TRANSFER_VARIANTS.includes(item))).toEqual([]);
    expect(menu.selected).toBe('Quản lý tổ chức Đảng');
  });

  it('the account approvals show how many requests wait in each, none when nothing does', () => {
    const menu = menuOf(['approver'], { registrations: 3, changes: 0, positions: 12 });
    const accountItems = menu.items.filter(
      (i) =>
        i.startsWith('Quản lý tài khoản') ||
        i.startsWith('Phê duyệt đảng viên') ||
        i.startsWith('Phê duyệt chức vụ'),
    );
    expect(accountItems).toEqual([
      'Quản lý tài khoản đảng viên 3',
      'Phê duyệt đảng viên thay đổi thông tin',
      'Phê duyệt chức vụ trong chi bộ 12',
    ]);
  });

  it('a member: his account, transfers, residence report, payments and the regulations only', () => {
    const menu = menuOf(['member']);
    expect(menu.groups).toEqual([
      'Thông tin tài khoản',
      'Đảng viên',
      'Nhận xét nơi cư trú',
      'Thủ tục thu nộp đảng phí',
    ]);
    expect(menu.items).toEqual([
      'Thông tin tài khoản',
      'Thay đổi thông tin tài khoản',
      'Chuyển sinh hoạt đảng',
      'Báo cáo kết quả thực hiện nhiệm vụ nơi cư trú',
      'Nộp đảng phí',
      'Danh sách giao dịch nộp đảng phí',
      'Quy định mức đóng đảng phí',
    ]);
    expect(menu.selected).toBe('Thông tin tài khoản');
  });
});

describe('menu keys', () => {
  it('open the screen they name', () => {
    expect(screenOfMenuKey('myTransfers')).toEqual({ name: 'myTransfers' });
    expect(menuKeyOf({ name: 'myTransfers' })).toBe('myTransfers');
    expect(screenOfMenuKey('transfers:temporary:incoming')).toEqual({
      name: 'transfers',
      variant: 'temporary',
      side: 'incoming',
    });
    expect(screenOfMenuKey('fees:ledger')).toEqual({ name: 'fees', view: 'ledger' });
    expect(screenOfMenuKey('users')).toEqual({ name: 'users' });
    expect(screenOfMenuKey('holidays')).toEqual({ name: 'holidays' });
    expect(screenOfMenuKey('residence:sign')).toEqual({ name: 'residence', view: 'sign' });
    expect(screenOfMenuKey('accounts:changes')).toEqual({ name: 'accounts', view: 'changes' });
    expect(menuKeyOf({ name: 'accounts', view: 'positions' })).toBe('accounts:positions');
    expect(screenOfMenuKey('myAccount:change')).toEqual({ name: 'myAccount', view: 'change' });
    expect(menuKeyOf({ name: 'myAccount', view: 'info' })).toBe('myAccount:info');
    expect(menuKeyOf({ name: 'residence', view: 'lists', listId: 'x' })).toBe('residence:lists');
    expect(
      menuKeyOf({ name: 'transfers', variant: 'official', side: 'outgoing', dossierId: 'x' }),
    ).toBe('transfers:official:outgoing');
  });

  it('open the org list when unknown', () => {
    expect(screenOfMenuKey('fees:toString')).toEqual({ name: 'orgs' });
    expect(screenOfMenuKey('residence:nowhere')).toEqual({ name: 'orgs' });
    expect(screenOfMenuKey('accounts:nowhere')).toEqual({ name: 'orgs' });
    expect(screenOfMenuKey('transfers:official:sideways')).toEqual({ name: 'orgs' });
  });
});
