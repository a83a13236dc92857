import type { TableProps } from 'antd';

type RowSelection<T> = NonNullable<TableProps<T>['rowSelection']>;

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
