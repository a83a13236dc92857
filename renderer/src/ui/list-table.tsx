import { Button, Table, type TableColumnType, type TableProps } from 'antd';

/**
 * The most a list's columns may add up to: what is left of a 1366×768 window beside the menu
 * (1040 px inside a screen's card), less the content's scroll bar (docs/ui-guidelines.md). Key
 * columns fit in it; the rest is stacked in a cell or left to the detail view.
 */
export const LIST_FIT_WIDTH = 1020;

/** The columns' widths added up; a column without a width counts as 0 (and would take the rest). */
export function columnsWidth<T>(columns: readonly TableColumnType<T>[]): number {
  return columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0);
}

/** The check box column's width, when the table has one (it counts in the table's width). */
const selectionWidth = (selection: { columnWidth?: string | number } | undefined): number =>
  typeof selection?.columnWidth === 'number' ? selection.columnWidth : 0;

/**
 * A list screen's table: virtual, so thousands of rows scroll without lag; compact, bordered,
 * one scrolling list instead of pages; rows keyed by their id. Its width is its columns' (each
 * column has one, and they add up to at most LIST_FIT_WIDTH); a wider window widens every column
 * in proportion, never one alone. `height` is the rows' viewport in pixels.
 */
export function ListTable<T extends { id: string }>({
  height,
  columns = [],
  ...props
}: Omit<TableProps<T>, 'rowKey' | 'size' | 'bordered' | 'virtual' | 'pagination' | 'scroll'> & {
  height: number;
}) {
  return (
    <Table<T>
      rowKey="id"
      size="small"
      bordered
      virtual
      pagination={false}
      columns={columns}
      scroll={{ x: columnsWidth(columns) + selectionWidth(props.rowSelection), y: height }}
      {...props}
    />
  );
}

/** "STT": the row's number in the list as shown. */
export function indexColumn<T>(width = 52): TableColumnType<T> {
  return { title: 'STT', key: 'index', width, align: 'right', render: (_v, _r, i) => i + 1 };
}

/**
 * A column of dates or numbers: its cells on one line, so "04/12/2026" never breaks before its
 * year (the title may still wrap).
 */
export function nowrapColumn<T>(column: TableColumnType<T>): TableColumnType<T> {
  return { ...column, onCell: () => ({ className: 'cell-nowrap' }) };
}

/** "Thao tác" with one link-button, "Xem chi tiết" by default; kept in view on the right. */
export function openColumn<T>(
  onOpen: (row: T) => void,
  label = 'Xem chi tiết',
  width = 104,
): TableColumnType<T> {
  return {
    title: 'Thao tác',
    key: 'actions',
    width,
    fixed: 'right',
    render: (_v, row) => (
      <Button type="link" size="small" onClick={() => onOpen(row)}>
        {label}
      </Button>
    ),
  };
}
