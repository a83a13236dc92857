// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Screen } from './navigation';
import {
  guardHistoryAtLoad,
  screenFromHash,
  screenToHash,
  useScreenHistory,
} from './screen-history';

const ORG_A = '0b9f3b5e-3f4a-4f57-9d6c-1a2b3c4d5e6f';
const ORG_B = '1c8e2a4d-2e3b-4c46-8e5b-2b3c4d5e6f70';
const DOSSIER = '2d7f1b3c-1d2a-4b35-9f4a-3c4d5e6f7081';

const START: Screen = { name: 'orgs' };
const noUsers = (s: Screen) => s.name !== 'users';

/** A screen with a "Xem cấp con" button that goes one level further down each time. */
function Harness() {
  const { screen: where, go } = useScreenHistory(START, noUsers);
  const next = where.name === 'orgs' && !where.parentId ? ORG_A : ORG_B;
  return (
    <div>
      <output data-testid="where">{JSON.stringify(where)}</output>
      <button onClick={() => go({ name: 'orgs', parentId: next })}>Xem cấp con</button>
      <button onClick={() => go({ name: 'users' })}>Người dùng</button>
      <button
        onClick={() =>
          go({ name: 'transfers', variant: 'official', side: 'outgoing', dossierId: DOSSIER })
        }
      >
        Hồ sơ
      </button>
    </div>
  );
}

const where = (): unknown => JSON.parse(screen.getByTestId('where').textContent ?? 'null');

const popTo = async (steps: number) => {
  const popped = new Promise((resolve) =>
    window.addEventListener('popstate', resolve, { once: true }),
  );
  act(() => window.history.go(steps));
  await act(() => popped);
};

beforeEach(() => {
  window.history.replaceState(null, '', '/');
  // As main.tsx does when the page loads.
  guardHistoryAtLoad();
});
afterEach(cleanup);

describe('the screen in the address', () => {
  it('reads back what it wrote', () => {
    const dossier: Screen = {
      name: 'transfers',
      variant: 'internal',
      side: 'incoming',
      dossierId: DOSSIER,
    };
    expect(screenFromHash(screenToHash(dossier))).toEqual(dossier);
    const members: Screen = {
      name: 'members',
      orgId: ORG_A,
      back: { name: 'orgs', parentId: ORG_B },
    };
    expect(screenFromHash(screenToHash(members))).toEqual(members);
  });

  it.each([
    ['someone else’s fragment', '#code=abcdefghijklmnopqrstuvwxyz'],
    ['not JSON', '#screen=%7Bname'],
    ['a broken escape', '#screen=%E0%A4%A'],
    ['an unknown screen', `#screen=${encodeURIComponent('{"name":"admin"}')}`],
    ['an extra key', `#screen=${encodeURIComponent('{"name":"outbox","html":"<img src=x>"}')}`],
    [
      'an id that is no id',
      `#screen=${encodeURIComponent('{"name":"orgs","parentId":"../../etc"}')}`,
    ],
    [
      'a fee view that does not exist',
      `#screen=${encodeURIComponent('{"name":"fees","view":"x"}')}`,
    ],
    [
      'a member list whose way back is a dossier',
      `#screen=${encodeURIComponent(JSON.stringify({ name: 'members', back: { name: 'outbox' } }))}`,
    ],
    [
      'a very long fragment',
      `#screen=${encodeURIComponent(JSON.stringify({ name: 'outbox', pad: 'x'.repeat(2000) }))}`,
    ],
  ])('refuses %s', (_what, hash) => {
    expect(screenFromHash(hash)).toBeUndefined();
  });
});

describe('useScreenHistory', () => {
  it('starts on the start screen and writes it in the address', () => {
    render(<Harness />);
    expect(where()).toEqual(START);
    expect(screenFromHash(window.location.hash)).toEqual(START);
  });

  it('opens the screen of the address after F5, and the start screen for a refused one', () => {
    const dossier: Screen = {
      name: 'transfers',
      variant: 'official',
      side: 'outgoing',
      dossierId: DOSSIER,
    };
    window.history.replaceState({ partyAppEntry: 'screen' }, '', screenToHash(dossier));
    const { unmount } = render(<Harness />);
    expect(where()).toEqual(dossier);
    unmount();

    // A screen the user may not open (another user's link, an edited address).
    window.history.replaceState({ partyAppEntry: 'screen' }, '', screenToHash({ name: 'users' }));
    render(<Harness />);
    expect(where()).toEqual(START);
    expect(screenFromHash(window.location.hash)).toEqual(START);
  });

  it('goes back and forward with the browser, and Back on the first screen stays in the app', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Xem cấp con' }));
    expect(where()).toEqual({ name: 'orgs', parentId: ORG_A });
    await user.click(screen.getByRole('button', { name: 'Hồ sơ' }));
    expect(where()).toMatchObject({ dossierId: DOSSIER });

    await popTo(-1);
    expect(where()).toEqual({ name: 'orgs', parentId: ORG_A });
    await popTo(1);
    expect(where()).toMatchObject({ dossierId: DOSSIER });
    await popTo(-2);
    expect(where()).toEqual(START);
    // Below the first screen is the page's own entry: the app goes forward again.
    await popTo(-1);
    await waitFor(() => expect(screenFromHash(window.location.hash)).toEqual(START));
    expect(where()).toEqual(START);
  });

  it('refuses a screen the user may not open', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Người dùng' }));
    expect(where()).toEqual(START);
  });

  it('goes down one level on a double click of "Xem cấp con", two on two separate clicks', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.dblClick(screen.getByRole('button', { name: 'Xem cấp con' }));
    expect(where()).toEqual({ name: 'orgs', parentId: ORG_A });

    await user.click(screen.getByRole('button', { name: 'Xem cấp con' }));
    expect(where()).toEqual({ name: 'orgs', parentId: ORG_B });
  });

  it('goes on Enter on the focused button (a keyboard click counts no clicks)', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    screen.getByRole('button', { name: 'Xem cấp con' }).focus();
    await user.keyboard('{Enter}');
    expect(where()).toEqual({ name: 'orgs', parentId: ORG_A });
  });
});

describe('guardHistoryAtLoad', () => {
  it('puts an app entry over the page’s own one at load, once, keeping the address', () => {
    window.history.replaceState(null, '', '/app#screen=x');
    const before = window.history.length;
    guardHistoryAtLoad();
    expect(window.history.length).toBe(before + 1);
    expect(window.history.state).toEqual({ partyAppEntry: 'screen' });
    expect(window.location.hash).toBe('#screen=x');
    // A reload on that entry adds nothing: the guard is already below it.
    guardHistoryAtLoad();
    expect(window.history.length).toBe(before + 1);
  });
});
