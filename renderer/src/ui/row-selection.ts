import type { TableProps } from 'antd';

type RowSelection<T> = NonNullable<TableProps<T>['rowSelection']>;

/**
 * The check box column's width. Given, not left to the table: a virtual table hands a column
 * without a width all the room a wide window adds (the check boxes took half the row at 1920).
 */
export const SELECTION_COLUMN_WIDTH = 32;

/**
 * A table's check boxes named in Vietnamese: Ant Design names them "Select all" and "Select row
 * 1" whatever the locale, so a screen reader would read English numbers instead of whose row.
 */
export function labelledRowSelection<T>(
  selection: RowSelection<T>,
  nameOf: (row: T) => string,
): RowSelection<T> {
  const { getCheckboxProps, getTitleCheckboxProps } = selection;
  return {
    columnWidth: SELECTION_COLUMN_WIDTH,
    ...selection,
    getTitleCheckboxProps: () => ({
      'aria-label': 'Chọn tất cả các dòng',
      ...getTitleCheckboxProps?.(),
    }),
    getCheckboxProps: (row) => ({
      'aria-label': `Chọn ${nameOf(row)}`,
      ...getCheckboxProps?.(row),
    }),
  };
}
