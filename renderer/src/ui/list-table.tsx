import { Table, type TableColumnType, type TableProps } from 'antd';

/**
 * A list screen's table: virtual, so thousands of rows scroll without lag; compact, bordered,
 * one scrolling list instead of pages; rows keyed by their id. `width` is the columns' total
 * (narrower windows scroll sideways), `height` the rows' viewport in pixels.
 */
export function ListTable<T extends { id: string }>({
  width,
  height,
  ...props
}: Omit<TableProps<T>, 'rowKey' | 'size' | 'bordered' | 'virtual' | 'pagination' | 'scroll'> & {
  width: number;
  height: number;
}) {
  return (
    <Table<T>
      rowKey="id"
      size="small"
      bordered
      virtual
      pagination={false}
      scroll={{ x: width, y: height }}
      {...props}
    />
  );
}

/** "STT": the row's number in the list as shown. */
export function indexColumn<T>(width = 56): TableColumnType<T> {
  return { title: 'STT', key: 'index', width, align: 'right', render: (_v, _r, i) => i + 1 };
}
