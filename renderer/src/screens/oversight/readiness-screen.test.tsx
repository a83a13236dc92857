// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReadinessFinding, ReadinessView } from '../../../../src/desktop/contract';
import type { ReadinessKind } from '../../../../src/domain/oversight/readiness';
import type { Role } from '../../../../src/domain/people/user';
import { NavigationContext, type Screen } from '../../navigation';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { READINESS_PAGE, ReadinessScreen } from './readiness-screen';

// The export buttons live beside the fee documents' viewer, which jsdom cannot load.
vi.mock('../../ui/pdf-viewer', () => ({ PdfViewer: () => null }));

afterEach(cleanup);

const WARD = 'Đảng bộ Phường Việt Hưng';
const cellFinding = (n: number): ReadinessFinding => ({
  kind: 'cell_without_secretary',
  org: { id: `cell-${n}`, code: `C${n}`, name: `Chi bộ Tổ dân phố số ${n}`, path: [WARD] },
  user: null,
  messageVi: `Chi bộ Tổ dân phố số ${n} chưa có tài khoản bí thư (quyền phê duyệt) đang hoạt động.`,
  fix: 'users',
});
const accountFinding: ReadinessFinding = {
  kind: 'committee_without_bank_account',
  org: { id: 'ward', code: 'W', name: WARD, path: [] },
  user: null,
  messageVi: `${WARD} chưa khai báo tài khoản ngân hàng đang nhận đảng phí.`,
  fix: 'bank_accounts',
};

const counts = (over: Partial<Record<ReadinessKind, number>>) => ({
  org_without_admin: 0,
  org_type_unclassified: 0,
  org_type_inconsistent: 0,
  committee_without_bank_account: 0,
  bank_account_flagged: 0,
  org_seal_without_image: 0,
  approver_without_certificate: 0,
  cell_without_secretary: 0,
  holiday_calendar_missing: 0,
  ...over,
});

const view = (over: Partial<ReadinessView> = {}): ReadinessView => ({
  org: { id: 'ward', code: 'W', name: WARD },
  generatedAt: '2026-12-07T01:00:00.000Z',
  findings: [
    accountFinding,
    ...Array.from({ length: READINESS_PAGE }, (_, i) => cellFinding(i + 1)),
  ],
  counts: counts({ committee_without_bank_account: 1, cell_without_secretary: 250 }),
  orgCount: 251,
  offset: 0,
  limit: READINESS_PAGE,
  source: 'server',
  fetchedAt: '2026-12-07T01:00:00.000Z',
  ...over,
});

function renderScreen(bridge: FakeDesktopBridge, roles: Role[] = ['admin']) {
  const went: Screen[] = [];
  renderWithDesktop(
    <NavigationContext.Provider value={{ screen: { name: 'readiness' }, go: (s) => went.push(s) }}>
      <ReadinessScreen roles={roles} />
    </NavigationContext.Provider>,
    bridge,
  );
  return went;
}

describe('"Rà soát sẵn sàng"', { timeout: 180_000 }, () => {
  it('groups the findings by kind, each line opening the screen that fixes it', async () => {
    const bridge = new FakeDesktopBridge().answer('readinessReport', (input) =>
      input.kind === 'cell_without_secretary'
        ? view({
            findings: Array.from({ length: 50 }, (_, i) => cellFinding(READINESS_PAGE + i + 1)),
          })
        : view(),
    );
    const went = renderScreen(bridge);
    const user = userEvent.setup({ delay: null });
    expect((await screen.findByTestId('readiness-summary')).textContent).toContain(
      '251 tồn tại cần xử lý',
    );
    expect(within(screen.getByTestId('summary-org_without_admin')).getByText('Đạt')).toBeTruthy();
    expect(
      within(screen.getByTestId('summary-cell_without_secretary')).getByText('250'),
    ).toBeTruthy();
    // Only the kinds with findings get their lines.
    expect(screen.queryByTestId('kind-org_without_admin')).toBeNull();
    const bank = screen.getByTestId('kind-committee_without_bank_account');
    await user.click(within(bank).getByRole('button', { name: /chưa khai báo tài khoản/ }));
    expect(went).toEqual([{ name: 'fees', view: 'bankAccounts' }]);

    const cells = screen.getByTestId('kind-cell_without_secretary');
    expect(within(cells).getAllByTestId('finding')).toHaveLength(READINESS_PAGE);
    expect(within(cells).getAllByText(`${WARD} › Chi bộ Tổ dân phố số 1`)).toHaveLength(1);
    await user.click(within(cells).getByTestId('kind-more'));
    await waitFor(() => expect(within(cells).getAllByTestId('finding')).toHaveLength(250));
    expect(bridge.callsOf('readinessReport')).toContainEqual({
      kind: 'cell_without_secretary',
      offset: READINESS_PAGE,
      limit: READINESS_PAGE,
    });
    expect(within(cells).queryByTestId('kind-more')).toBeNull();
    // Every item of the checklist is checked now (the seal images last): no "not checked" line.
    expect(screen.queryByText(/Chưa rà soát được/)).toBeNull();
  });

  it('offline, shows the kept report with its time; an export needs the server', async () => {
    const bridge = new FakeDesktopBridge()
      .answer('readinessReport', () => view({ source: 'cache' }))
      .answer('exportReadinessReport', () => ({
        code: 'offline',
        message: 'needs the server, which is unreachable',
        messageVi: 'Cần kết nối mạng để xuất báo cáo rà soát đầy đủ.',
      }));
    renderScreen(bridge);
    const user = userEvent.setup({ delay: null });
    expect((await screen.findByTestId('oversight-cached')).textContent).toContain(
      'đang hiển thị số liệu lưu trong máy lúc',
    );
    await user.click(screen.getByTestId('readiness-export-pdf'));
    expect(
      await screen.findByText('Cần kết nối mạng để xuất báo cáo rà soát đầy đủ.'),
    ).toBeTruthy();
    expect(bridge.callsOf('exportReadinessReport')).toEqual([{ orgId: 'ward', format: 'pdf' }]);
  });

  it('a line is plain text for a user who cannot open the screen that fixes it', async () => {
    const bridge = new FakeDesktopBridge().answer('readinessReport', () => view());
    const went = renderScreen(bridge, ['processor']);
    const bank = await screen.findByTestId('kind-committee_without_bank_account');
    expect(within(bank).queryByRole('button', { name: /chưa khai báo tài khoản/ })).toBeNull();
    expect(within(bank).getByText(/chưa khai báo tài khoản/)).toBeTruthy();
    expect(went).toEqual([]);
  });
});
