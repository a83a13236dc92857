// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgDetail, OrgSummary } from '../../../../src/desktop/contract';
import type { Role } from '../../../../src/domain/people/user';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { OrgDetailDialog } from './org-detail-dialog';

afterEach(cleanup);

const PROVINCE = 'p0000000-0000-4000-8000-000000000001';
const WARD = 'w0000000-0000-4000-8000-000000000002';
const SCHOOL_A = 'a0000000-0000-4000-8000-000000000003';
const SCHOOL_B = 'b0000000-0000-4000-8000-000000000004';
const CELL = 'c0000000-0000-4000-8000-000000000005';

const ref = (id: string, name: string, type: OrgSummary['type'], depth: number) => ({
  id,
  code: id.slice(0, 7),
  name,
  type,
  depth,
});
const chain = [
  ref(PROVINCE, 'Đảng bộ Thành phố Hà Nội', 'province_committee', 0),
  ref(WARD, 'Đảng bộ Phường Việt Hưng', 'superior_committee', 1),
  ref(SCHOOL_A, 'Đảng bộ Trường A', 'grassroots_committee', 2),
  ref(CELL, 'Chi bộ Giáo viên', 'affiliated_cell', 3),
];

const cellDetail: OrgDetail = {
  org: {
    id: CELL,
    code: '2256303',
    name: 'Chi bộ Giáo viên',
    parentId: SCHOOL_A,
    type: 'affiliated_cell',
    cellSubtype: 'school_cell',
    taxCode: null,
    email: null,
    phone: null,
    website: null,
    province: 'Hà Nội',
    ward: null,
    addressDetail: null,
    description: null,
    allocationDirection: 'top_down',
    hasSeal: false,
    status: 'active',
    path: `/${PROVINCE}/${WARD}/${SCHOOL_A}/${CELL}/`,
    depth: 3,
  },
  bankAccounts: [],
  childCount: 0,
  memberCount: 12,
};

const summary = (id: string, name: string, type: OrgSummary['type'], path: string) => ({
  id,
  code: id.slice(0, 7),
  name,
  type,
  depth: path.split('/').length - 3,
  parentId: null,
  path,
  cellSubtype: null,
  status: 'active',
});

function bridge(role: Role) {
  return new FakeDesktopBridge()
    .answer('session', () => ({
      user: {
        id: 'u1',
        username: 'quantri.phuong',
        fullName: 'Trần Thị Thu Hà',
        orgId: WARD,
        roles: [{ role, orgId: WARD }],
      },
      offline: false,
    }))
    .answer('orgDetail', () => cellDetail)
    .answer('orgAncestors', () => ({ items: chain }))
    .answer('editOrg', ({ id }) => ({ orgId: id }))
    .answer('moveOrg', ({ id }) => ({ orgId: id }))
    .answer('searchOrgs', () => ({
      items: [
        summary(
          SCHOOL_A,
          'Đảng bộ Trường A',
          'grassroots_committee',
          `/${PROVINCE}/${WARD}/${SCHOOL_A}/`,
        ),
        summary(
          SCHOOL_B,
          'Đảng bộ Trường B',
          'grassroots_committee',
          `/${PROVINCE}/${WARD}/${SCHOOL_B}/`,
        ),
        // A cell holds no orgs, and the ward holds no affiliated cell: neither is offered.
        summary('c2', 'Chi bộ Tổ dân phố số 1', 'grassroots_cell', `/${PROVINCE}/${WARD}/c2/`),
        summary(WARD, 'Đảng bộ Phường Việt Hưng', 'superior_committee', `/${PROVINCE}/${WARD}/`),
      ],
      truncated: false,
    }));
}

describe('org administration in "Xem chi tiết Danh mục cơ quan"', { timeout: 180_000 }, () => {
  it('offers nothing to change to a processor', async () => {
    renderWithDesktop(<OrgDetailDialog orgId={CELL} onClose={() => {}} />, bridge('processor'));
    await screen.findByTestId('org-detail');
    expect(screen.queryByRole('button', { name: 'Chỉnh sửa' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Chuyển đơn vị' })).toBeNull();
  });

  it('lets the ward admin edit the cell and its allocation direction', async () => {
    const fake = bridge('admin');
    renderWithDesktop(<OrgDetailDialog orgId={CELL} onClose={() => {}} />, fake);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Chỉnh sửa' }));
    const dialog = await screen.findByTestId('org-form-dialog');
    expect(within(dialog).getByTestId('org-form-parent').textContent).toBe('Đảng bộ Trường A');
    const name = within(dialog).getByLabelText('Tên cơ quan, đơn vị');
    await user.clear(name);
    await user.type(name, 'Chi bộ Giáo viên Trường A');
    // The guide marks the email required.
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await within(dialog).findByText('Vui lòng nhập Email.')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Email'), 'GV@truonga.edu.vn');
    await user.click(within(dialog).getByLabelText(/phân bổ từ dưới lên trên/));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(fake.callsOf('editOrg')).toHaveLength(1));
    expect(fake.callsOf('editOrg')[0]).toEqual({
      id: CELL,
      code: '2256303',
      name: 'Chi bộ Giáo viên Trường A',
      type: 'affiliated_cell',
      cellSubtype: 'school_cell',
      taxCode: null,
      email: 'GV@truonga.edu.vn',
      phone: null,
      website: null,
      province: 'Hà Nội',
      ward: null,
      addressDetail: null,
      description: null,
      allocationDirection: 'bottom_up',
    });
    await waitFor(() => expect(screen.queryByTestId('org-form-dialog')).toBeNull());
  });

  it('shows the server’s refusal under the field it names', async () => {
    const fake = bridge('admin').answer('editOrg', () => ({
      code: 'org_code_taken',
      message: 'taken',
      messageVi: 'Mã cơ quan, đơn vị 2256102 đã được dùng cho "Chi bộ Tổ dân phố số 1".',
      field: 'code',
    }));
    renderWithDesktop(<OrgDetailDialog orgId={CELL} onClose={() => {}} />, fake);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Chỉnh sửa' }));
    const dialog = await screen.findByTestId('org-form-dialog');
    const code = within(dialog).getByLabelText('Mã cơ quan, đơn vị');
    await user.clear(code);
    await user.type(code, '2256102');
    await user.type(within(dialog).getByLabelText('Email'), 'gv@truonga.edu.vn');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await within(dialog).findByText(/đã được dùng cho/)).toBeTruthy();
    expect(screen.getByTestId('org-form-dialog')).toBeTruthy();
  });

  it('shows the org’s history in the screen’s words', async () => {
    const fake = bridge('admin').answer('orgHistory', () => ({
      items: [
        {
          id: 'h1',
          action: 'edit',
          changedAt: '2026-01-05T09:00:00.000Z',
          changedBy: { id: 'u1', name: 'Trần Thị Thu Hà' },
          changes: [
            {
              field: 'allocationDirection',
              labelVi: 'Phân bổ',
              before: 'Phân bổ từ trên xuống dưới',
              after: 'Phân bổ từ dưới lên trên',
            },
          ],
        },
      ],
    }));
    renderWithDesktop(<OrgDetailDialog orgId={CELL} onClose={() => {}} />, fake);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Lịch sử chỉnh sửa' }));
    const entry = await screen.findByTestId('org-history-entry');
    expect(entry.textContent).toContain('Chỉnh sửa · Trần Thị Thu Hà');
    expect(entry.textContent).toContain(
      'Phân bổ: Phân bổ từ trên xuống dưới → Phân bổ từ dưới lên trên',
    );
    expect(fake.callsOf('orgHistory')).toEqual([{ id: CELL }]);
  });

  it('moves the cell to another school committee of the ward after a confirmation', async () => {
    const fake = bridge('admin');
    renderWithDesktop(<OrgDetailDialog orgId={CELL} onClose={() => {}} />, fake);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Chuyển đơn vị' }));
    const dialog = await screen.findByTestId('move-org-dialog');
    const picker = within(dialog).getByLabelText('Đơn vị cấp trên mới');
    await user.type(picker, 'Trường');
    // Only school B: A is the parent it has, the cell and the ward cannot hold it.
    const option = await screen.findByText('Đảng bộ Trường B — Đảng bộ cơ sở');
    expect(screen.queryByText(/Chi bộ Tổ dân phố số 1 —/)).toBeNull();
    expect(screen.queryByText(/Đảng bộ Trường A —/)).toBeNull();
    expect(screen.queryByText(/Đảng bộ Phường Việt Hưng —/)).toBeNull();
    fireEvent.click(option);
    expect((await within(dialog).findByTestId('move-org-confirm')).textContent).toContain(
      'sẽ trực thuộc Đảng bộ Trường B',
    );
    await user.click(screen.getByRole('button', { name: 'Chuyển' }));
    await waitFor(() =>
      expect(fake.callsOf('moveOrg')).toEqual([{ id: CELL, parentId: SCHOOL_B }]),
    );
  });
});
