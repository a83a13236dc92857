// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardView } from '../../../../src/desktop/contract';
import type { Role } from '../../../../src/domain/people/user';
import { NavigationContext, type Screen } from '../../navigation';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { DashboardScreen } from './dashboard-screen';

afterEach(cleanup);

const dashboard = (over: Partial<DashboardView> = {}): DashboardView => ({
  org: { id: 'ward', code: 'W', name: 'Đảng bộ Phường Việt Hưng' },
  generatedAt: '2026-12-07T01:00:00.000Z',
  today: '2026-12-07',
  users: { active: 12, inactive: 1, pending: 3, refused: 0 },
  memberAccounts: { pending: 3, approved: 40, refused: 2 },
  dossiers: [
    { procedure: 'transfer', status: 'pending_check', count: 4 },
    { procedure: 'residence_form', status: 'submitted', count: 7 },
  ],
  overdue: { transfers: 1, residenceForms: 2 },
  fees: {
    month: '2026-12',
    approvedMembers: 200,
    paidMembers: 150,
    approvedAmount: 10_000_000,
    paidAmount: 7_500_000,
    rate: 0.75,
  },
  source: 'server',
  fetchedAt: '2026-12-07T01:00:00.000Z',
  ...over,
});

function renderScreen(bridge: FakeDesktopBridge, roles: Role[]) {
  const went: Screen[] = [];
  renderWithDesktop(
    <NavigationContext.Provider value={{ screen: { name: 'dashboard' }, go: (s) => went.push(s) }}>
      <DashboardScreen roles={roles} />
    </NavigationContext.Provider>,
    bridge,
  );
  return went;
}

describe('"Tổng quan"', { timeout: 180_000 }, () => {
  it('shows the counts of the subtree, each drilling down to the list that shows it', async () => {
    const bridge = new FakeDesktopBridge().answer('oversightDashboard', () => dashboard());
    const went = renderScreen(bridge, ['admin', 'approver']);
    const user = userEvent.setup({ delay: null });
    expect((await screen.findByTestId('fee-rate')).textContent).toContain('75 %');
    expect(screen.getByText(/150 \/ 200/)).toBeTruthy();
    expect(screen.getByTestId('card-residence_list').textContent).toContain('Chưa có hồ sơ');

    await user.click(screen.getByTestId('accounts-pending'));
    await user.click(screen.getByTestId('transfer-pending_check'));
    await user.click(screen.getByTestId('overdue-forms'));
    await user.click(screen.getByTestId('users-active'));
    expect(went).toEqual([
      { name: 'accounts', view: 'registrations' },
      { name: 'transfers', variant: 'official', side: 'incoming' },
      { name: 'residence', view: 'approve' },
      { name: 'users' },
    ]);
    expect(bridge.callsOf('oversightDashboard')).toEqual([{}]);
  });

  it('a count whose list the user may not open is not a link; no month approved is not 0 %', async () => {
    const bridge = new FakeDesktopBridge().answer('oversightDashboard', () =>
      dashboard({
        fees: { ...dashboard().fees, approvedMembers: 0, paidMembers: 0, rate: null },
        source: 'cache',
      }),
    );
    const went = renderScreen(bridge, ['processor']);
    expect((await screen.findByTestId('fee-rate')).textContent).toContain('—');
    expect(screen.getByText('Chưa có mức đóng nào được duyệt trong tháng.')).toBeTruthy();
    expect(screen.getByTestId('oversight-cached')).toBeTruthy();
    // A processor does not manage users: the number is plain text.
    expect(screen.getByTestId('users-active').tagName).toBe('SPAN');
    await userEvent.setup({ delay: null }).click(screen.getByTestId('users-active'));
    expect(went).toEqual([]);
  });
});
