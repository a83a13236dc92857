// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { UserListItem } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { AddUserDialog, isoFromVietnameseDate } from './add-user-dialog';
import { UsersScreen } from './users-screen';

afterEach(cleanup);

const CELL = '00000000-0000-4000-8000-000000000004';
const RECORD = {
  memberId: '00000000-0000-4000-8000-000000000103',
  fullName: 'Lê Văn An',
  citizenId: '001075000003',
  birthDate: '1975-01-20',
  homeOrgId: CELL,
  homeOrgName: 'Chi bộ Tổ dân phố số 2',
  phone: '0987000222',
  email: null,
};

const secretary: UserListItem = {
  id: '00000000-0000-4000-8000-000000000203',
  username: 'bithu.tdp1',
  fullName: 'Ngô Văn Minh',
  citizenId: '001070000203',
  phone: '0912345678',
  email: null,
  position: 'Bí thư chi bộ',
  org: { id: CELL, name: 'Chi bộ Tổ dân phố số 1' },
  roles: [{ role: 'approver', orgId: CELL, orgName: 'Chi bộ Tổ dân phố số 1' }],
  status: 'active',
  updatedBy: null,
  updatedAt: '2026-01-05T09:00:00.000Z',
};

describe('isoFromVietnameseDate', () => {
  it('reads dd/mm/yyyy and refuses what is no date', () => {
    expect(isoFromVietnameseDate('20/01/1975')).toBe('1975-01-20');
    expect(isoFromVietnameseDate('2/3/1990')).toBe('1990-03-02');
    expect(isoFromVietnameseDate('31/02/1990')).toBeUndefined();
    expect(isoFromVietnameseDate('1975-01-20')).toBeUndefined();
  });
});

describe('"Thêm người dùng"', { timeout: 180_000 }, () => {
  function bridge() {
    return new FakeDesktopBridge()
      .answer('userMemberLookup', ({ citizenId, birthDate }) => ({
        record: citizenId === RECORD.citizenId && birthDate === RECORD.birthDate ? RECORD : null,
      }))
      .answer('createUser', ({ username }) => ({
        userId: 'u-new',
        username,
        initialPassword: 'Xk3-9aQ_p2Lm',
      }))
      .answer('searchOrgs', () => ({ items: [], truncated: false }));
  }

  async function lookUp(user: ReturnType<typeof userEvent.setup>, birth: string) {
    const dialog = await screen.findByTestId('add-user-dialog');
    await user.type(within(dialog).getByLabelText('Số CCCD'), RECORD.citizenId);
    await user.type(within(dialog).getByLabelText('Họ và tên'), 'le van an');
    await user.type(within(dialog).getByLabelText('Ngày sinh'), birth);
    await user.click(within(dialog).getByRole('button', { name: /Tìm kiếm/ }));
    return dialog;
  }

  it('says when the member database has no such record, and saves nothing', async () => {
    const fake = bridge();
    renderWithDesktop(<AddUserDialog open onClose={() => {}} />, fake);
    const user = userEvent.setup({ delay: null });
    await lookUp(user, '21/01/1975');
    expect(await screen.findByText(/Không tìm thấy đảng viên/)).toBeTruthy();
    expect(fake.callsOf('userMemberLookup')).toEqual([
      { citizenId: RECORD.citizenId, fullName: 'le van an', birthDate: '1975-01-21' },
    ]);
    expect(screen.getByRole('button', { name: 'Lưu' }).hasAttribute('disabled')).toBe(true);
  });

  it('prefills name and unit from the record, asks for a role, and shows the password once', async () => {
    const fake = bridge();
    renderWithDesktop(<AddUserDialog open onClose={() => {}} />, fake);
    const user = userEvent.setup({ delay: null });
    const dialog = await lookUp(user, '20/01/1975');
    expect((await within(dialog).findByTestId('found-member')).textContent).toContain(
      'Chi bộ Tổ dân phố số 2',
    );
    expect((within(dialog).getByLabelText('Tên đăng nhập') as HTMLInputElement).value).toBe(
      RECORD.citizenId,
    );
    // The role row is there with its unit; without a role the form does not send.
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await within(dialog).findByText('Vui lòng chọn Vai trò.')).toBeTruthy();
    expect(fake.callsOf('createUser')).toEqual([]);

    await user.click(within(dialog).getByLabelText('Vai trò 1'));
    await user.click(await screen.findByText('Cán bộ xử lý TTHC'));
    const username = within(dialog).getByLabelText('Tên đăng nhập');
    await user.clear(username);
    await user.type(username, 'xuly.an');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    const shown = await screen.findByTestId('initial-password');
    expect(shown.textContent).toContain('Xk3-9aQ_p2Lm');
    expect(shown.textContent).toContain('xuly.an');
    expect(fake.callsOf('createUser')).toEqual([
      {
        lookup: { citizenId: RECORD.citizenId, fullName: 'Lê Văn An', birthDate: '1975-01-20' },
        username: 'xuly.an',
        phone: '0987000222',
        email: null,
        position: null,
        orgId: CELL,
        roles: [{ role: 'processor', orgId: CELL }],
        active: true,
      },
    ]);
  });

  it('shows the server’s refusal (a role beyond the admin’s tier)', async () => {
    const fake = bridge().answer('createUser', () => ({
      code: 'grant_out_of_tier',
      message: 'no',
      messageVi: 'Bạn không được cấp vai trò "Quản trị đơn vị" tại đơn vị này.',
    }));
    renderWithDesktop(<AddUserDialog open onClose={() => {}} />, fake);
    const user = userEvent.setup({ delay: null });
    const dialog = await lookUp(user, '20/01/1975');
    await within(dialog).findByTestId('found-member');
    await user.click(within(dialog).getByLabelText('Vai trò 1'));
    await user.click(await screen.findByText('Quản trị đơn vị'));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await within(dialog).findByText(/Bạn không được cấp vai trò/)).toBeTruthy();
    expect(screen.queryByTestId('initial-password')).toBeNull();
  });
});

describe('the row actions of "Quản lý người dùng"', { timeout: 180_000 }, () => {
  function screenBridge() {
    let status: UserListItem['status'] = 'active';
    const fake = new FakeDesktopBridge()
      .answer('listUsers', () => ({
        items: [{ ...secretary, status }],
        total: 1,
        truncated: false,
        positions: ['Bí thư chi bộ'],
      }))
      .answer('listCertificateRegistrations', () => ({ items: [] }) as never)
      .answer('orgChildren', () => ({ items: [] }))
      .answer('searchOrgs', () => ({ items: [], truncated: false }))
      .answer('lockUser', ({ id }) => {
        status = 'inactive';
        return { userId: id };
      })
      .answer('revokeUserRole', ({ id }) => ({ userId: id }))
      .answer('grantUserRole', ({ id }) => ({ userId: id }))
      .answer('userHistory', () => ({
        items: [
          {
            id: 'h1',
            changedAt: '2026-01-05T10:00:00.000Z',
            changedBy: { id: 'a', name: 'Bùi Thị Lan' },
            changes: [
              {
                field: 'status',
                labelVi: 'Trạng thái',
                before: 'Đang hoạt động',
                after: 'Không hoạt động',
              },
              { field: 'password', labelVi: 'Mật khẩu', before: '***', after: '***' },
            ],
          },
        ],
      }));
    return fake;
  }

  async function openAction(user: ReturnType<typeof userEvent.setup>, action: string) {
    await user.click(await screen.findByRole('button', { name: 'Thao tác với bithu.tdp1' }));
    await user.click(await screen.findByText(action));
  }

  it('locks after a confirmation, and reads the list again on users-changed', async () => {
    const fake = screenBridge();
    renderWithDesktop(<UsersScreen />, fake);
    const user = userEvent.setup({ delay: null });
    await openAction(user, 'Khóa');
    const dialog = await screen.findByTestId('lock-user-dialog');
    expect(dialog.textContent).toContain('không đăng nhập được');
    await user.click(screen.getByRole('button', { name: 'Khóa' }));
    await waitFor(() => expect(fake.callsOf('lockUser')).toEqual([{ id: secretary.id }]));
    const before = fake.callsOf('listUsers').length;
    fake.emit({ type: 'users-changed' });
    await waitFor(() => expect(fake.callsOf('listUsers').length).toBeGreaterThan(before));
    await user.click(await screen.findByRole('button', { name: 'Thao tác với bithu.tdp1' }));
    expect(await screen.findByText('Mở khóa')).toBeTruthy();
  });

  it('"Phân quyền" withdraws a role; "Lịch sử chỉnh sửa" lists the changes', async () => {
    const fake = screenBridge();
    renderWithDesktop(<UsersScreen />, fake);
    const user = userEvent.setup({ delay: null });
    await openAction(user, 'Phân quyền');
    const grants = await screen.findByTestId('role-grants-dialog');
    await user.click(
      within(grants).getByRole('button', {
        name: 'Thu hồi Lãnh đạo phê duyệt (Bí thư/Phó bí thư) — Chi bộ Tổ dân phố số 1',
      }),
    );
    await waitFor(() =>
      expect(fake.callsOf('revokeUserRole')).toEqual([
        { id: secretary.id, role: 'approver', orgId: CELL },
      ]),
    );
    expect(await within(grants).findByText('Chưa có vai trò')).toBeTruthy();
    const modal = grants.closest('.ant-modal') as HTMLElement;
    const closes = within(modal).getAllByRole('button', { name: 'Đóng' });
    await user.click(closes[closes.length - 1]!);
    await waitFor(() => expect(screen.queryByTestId('role-grants-dialog')).toBeNull());

    await openAction(user, 'Lịch sử chỉnh sửa');
    const entry = await screen.findByTestId('user-history-entry');
    expect(entry.textContent).toContain('Bùi Thị Lan');
    expect(entry.textContent).toContain('Trạng thái: Đang hoạt động → Không hoạt động');
    expect(entry.textContent).toContain('Mật khẩu: *** → ***');
    expect(fake.callsOf('userHistory')).toEqual([{ id: secretary.id }]);
  });
});
