// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrgNode, OrgSummary } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { UserFilters, type UserFilterValues } from './user-filters';

afterEach(cleanup);

const ward = {
  id: 'ward',
  code: '01',
  name: 'Đảng bộ Phường Việt Hưng',
  type: 'grassroots_committee',
  depth: 0,
  parentId: null,
  cellSubtype: null,
  status: 'active',
  address: null,
  childCount: 12,
  memberCount: 0,
} as unknown as OrgNode;
const cell = (n: number) =>
  ({
    id: `cell-${n}`,
    code: `01.${n}`,
    name: `Chi bộ Tổ dân phố số ${n}`,
    type: 'cell',
    depth: 1,
    parentId: 'ward',
    path: `/ward/cell-${n}/`,
    cellSubtype: 'residential',
    status: 'active',
  }) as unknown as OrgSummary;

function setUp() {
  const fake = new FakeDesktopBridge()
    .answer('orgChildren', ({ orgId }) => ({
      items:
        orgId === null
          ? [ward]
          : [1, 10].map(
              (n) =>
                ({
                  ...cell(n),
                  address: null,
                  childCount: 0,
                  memberCount: 3,
                }) as unknown as OrgNode,
            ),
    }))
    .answer('searchOrgs', ({ q }) => ({
      items: q === 'dan pho so 1' ? [cell(1), cell(10)] : [],
      truncated: false,
    }))
    .answer('orgAncestors', ({ orgId }) => ({
      items: [ward, { ...cell(1), id: orgId }].map(({ id, code, name, type, depth }) => ({
        id,
        code,
        name,
        type,
        depth,
      })),
    }));
  const onChange = vi.fn<(values: UserFilterValues) => void>();
  const list = { reload: vi.fn() };
  renderWithDesktop(<UserFilters positions={[]} onChange={onChange} list={list} />, fake);
  return { fake, onChange, list, user: userEvent.setup({ delay: null }) };
}

describe('the user filters', { timeout: 180_000 }, () => {
  it('"Đơn vị" finds a cell typed without tone marks before its level is opened', async () => {
    const { fake, onChange, user } = setUp();
    const unit = screen.getByLabelText('Đơn vị');
    await user.type(unit, 'dan pho so 1');
    const hit = await screen.findByTitle('Chi bộ Tổ dân phố số 1');
    expect(fake.callsOf('searchOrgs')).toContainEqual({ q: 'dan pho so 1', limit: 50 });
    // The ward's level was never opened: only the search knows its cells.
    expect(fake.callsOf('orgChildren')).toEqual([{ orgId: null }]);
    await user.click(hit);
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ orgId: 'cell-1' })),
    );
    // The choice shows its name, not its id, once the search is over.
    await waitFor(() =>
      expect(
        within(unit.closest('.ant-select') as HTMLElement).getByTitle('Chi bộ Tổ dân phố số 1'),
      ).toBeTruthy(),
    );
  });

  it('"Làm mới" reads the list again and keeps what was typed and chosen', async () => {
    const { onChange, list, user } = setUp();
    const name = screen.getByPlaceholderText('Nhập họ tên hoặc tên đăng nhập');
    await user.type(name, 'tran thi{Enter}');
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith({ q: 'tran thi' }));
    onChange.mockClear();
    await user.click(screen.getByRole('button', { name: /Làm mới/ }));
    expect(list.reload).toHaveBeenCalledOnce();
    expect(onChange).not.toHaveBeenCalled();
    expect((name as HTMLInputElement).value).toBe('tran thi');
  });
});
