// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopError, UserListItem } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { saveDocument } from '../../ui/save-document';
import { UsersScreen } from '../users/users-screen';

// The download itself (a link to a blob) is shared with the other exports; here it is watched.
vi.mock('../../ui/save-document', () => ({ saveDocument: vi.fn() }));

afterEach(() => {
  cleanup();
  vi.mocked(saveDocument).mockClear();
});

const CELL = '00000000-0000-4000-8000-000000000004';
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
  status: 'inactive',
  updatedBy: null,
  updatedAt: '2026-01-05T09:00:00.000Z',
};
const file = {
  fileName: 'danh-sach-nguoi-dung-2026-12-07.xlsx',
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  dataBase64: 'UEsDBA==',
};

function usersBridge(exported: DesktopError | typeof file = file) {
  return new FakeDesktopBridge()
    .answer('listUsers', () => ({
      items: [secretary],
      total: 1,
      truncated: false,
      positions: ['Bí thư chi bộ'],
    }))
    .answer('listCertificateRegistrations', () => ({ items: [] }) as never)
    .answer('orgChildren', () => ({ items: [] }))
    .answer('searchOrgs', () => ({ items: [], truncated: false }))
    .answer('exportList', () => exported);
}

describe('"Xuất Excel" of "Quản lý người dùng"', { timeout: 180_000 }, () => {
  it('exports the list with the filters the screen shows, and saves the file', async () => {
    const fake = usersBridge();
    renderWithDesktop(<UsersScreen />, fake);
    const user = userEvent.setup({ delay: null });
    await screen.findByText('Ngô Văn Minh');
    await user.click(screen.getByRole('combobox', { name: 'Trạng thái' }));
    await user.click(await screen.findByTitle('Không hoạt động'));
    await waitFor(() =>
      expect(fake.callsOf('listUsers').at(-1)).toMatchObject({ status: 'inactive' }),
    );
    await user.click(screen.getByTestId('user-export-xlsx'));
    await waitFor(() => expect(saveDocument).toHaveBeenCalledWith(file));
    expect(fake.callsOf('exportList')).toEqual([{ list: 'users', status: 'inactive' }]);
    expect(await screen.findByText(`Đã xuất ${file.fileName}`)).toBeTruthy();
  });

  it('says the refusal in Vietnamese and saves nothing', async () => {
    const fake = usersBridge({
      code: 'too_many_rows',
      message: 'list export of 20001 rows exceeds 20000',
      messageVi:
        'Danh sách có hơn 20.000 dòng, quá số dòng một lần xuất. Hãy thu hẹp bộ lọc rồi xuất lại.',
    });
    renderWithDesktop(<UsersScreen />, fake);
    const user = userEvent.setup({ delay: null });
    await screen.findByText('Ngô Văn Minh');
    await user.click(screen.getByTestId('user-export-xlsx'));
    expect(await screen.findByText(/Hãy thu hẹp bộ lọc rồi xuất lại/)).toBeTruthy();
    expect(saveDocument).not.toHaveBeenCalled();
  });
});
