// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeeCell } from '../../../src/desktop/contract';
import { CellPicker } from '../screens/fees/fee-ui';
import { FakeDesktopBridge } from '../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../test-support/render-with-desktop';
import { nameSearch } from './name-search';

// The fee screens' PDF viewer loads pdf.js's worker, which the test runner cannot serve.
vi.mock('./pdf-viewer', () => ({ PdfViewer: () => null }));

afterEach(cleanup);

const option = (label: string) => ({ value: label, label });

describe('nameSearch', () => {
  it('finds a cell typed without tone marks and refuses the others', () => {
    expect(nameSearch.filterOption('dan pho so 1', option('Chi bộ Tổ dân phố số 1'))).toBe(true);
    expect(nameSearch.filterOption('dan pho so 1', option('Chi bộ Tổ dân phố số 2'))).toBe(false);
    expect(nameSearch.filterOption('ĐẢNG', option('Chi bộ Đảng ủy phường'))).toBe(true);
  });

  it('sorts the exact name and prefixes first', () => {
    const options = [
      option('Chi bộ Tổ dân phố số 10'),
      option('Chi bộ Tổ dân phố số 1'),
      option('Tổ dân phố số 1'),
    ];
    const sorted = [...options].sort((a, b) =>
      nameSearch.filterSort(a, b, { searchValue: 'to dan pho so 1' }),
    );
    expect(sorted.map((o) => o.label)).toEqual([
      'Tổ dân phố số 1',
      'Chi bộ Tổ dân phố số 1',
      'Chi bộ Tổ dân phố số 10',
    ]);
  });
});

const cells = ['Chi bộ Tổ dân phố số 10', 'Chi bộ Tổ dân phố số 1', 'Chi bộ Trường Tiểu học'].map(
  (name, i) => ({ id: `cell-${i}`, name, canApprove: true, canSettle: false }) as FeeCell,
);

describe('the "Chi bộ" picker', { timeout: 120_000 }, () => {
  it('lists what "dan pho so 1" finds, "số 1" first', async () => {
    renderWithDesktop(
      <CellPicker cells={cells} value={undefined} onChange={() => undefined} />,
      new FakeDesktopBridge(),
    );
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByRole('combobox'), 'dan pho so 1');
    await waitFor(() =>
      expect(
        screen.getAllByRole('option').map((o) => o.getAttribute('aria-label') ?? o.textContent),
      ).toEqual(['Chi bộ Tổ dân phố số 1', 'Chi bộ Tổ dân phố số 10']),
    );
  });
});
