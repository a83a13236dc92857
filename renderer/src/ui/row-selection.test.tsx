// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { Table } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDesktopBridge } from '../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../test-support/render-with-desktop';
import { labelledRowSelection, SELECTION_COLUMN_WIDTH } from './row-selection';

afterEach(cleanup);

/** Rendered as main.tsx renders the app (Vietnamese locale); no host call is made. */
const render = (ui: React.ReactNode) => renderWithDesktop(ui, new FakeDesktopBridge());

interface Row {
  id: string;
  fullName: string;
  paid: boolean;
}

const rows: Row[] = [
  { id: '1', fullName: 'Nguyễn Văn An', paid: false },
  { id: '2', fullName: 'Lê Thị Bình', paid: true },
];

describe('labelledRowSelection', { timeout: 120_000 }, () => {
  it('gives the check box column its width, so a wide window does not hand it the spare room', () => {
    const nameOf = (r: Row) => r.fullName;
    expect(labelledRowSelection<Row>({}, nameOf).columnWidth).toBe(SELECTION_COLUMN_WIDTH);
    expect(labelledRowSelection<Row>({ columnWidth: 48 }, nameOf).columnWidth).toBe(48);
  });

  it('names the check boxes in Vietnamese by whose row, keeping the screen’s own props', () => {
    render(
      <Table<Row>
        rowKey="id"
        dataSource={rows}
        pagination={false}
        columns={[{ title: 'Họ và tên', dataIndex: 'fullName' }]}
        rowSelection={labelledRowSelection<Row>(
          { getCheckboxProps: (r) => ({ disabled: r.paid }) },
          (r) => r.fullName,
        )}
      />,
    );
    expect(screen.getByRole('checkbox', { name: 'Chọn tất cả các dòng' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Chọn Nguyễn Văn An' })).toBeTruthy();
    const paid = screen.getByRole('checkbox', { name: 'Chọn Lê Thị Bình' }) as HTMLInputElement;
    expect(paid.disabled).toBe(true);
    expect(screen.queryByRole('checkbox', { name: /Select/ })).toBeNull();
  });
});
