import { Tooltip, type TableColumnType } from 'antd';
import { orgShortName } from '../../../src/domain/org/org-short-name';

/**
 * An org named in a list by what tells it from its siblings ("Tổ dân phố số 1"), the full name
 * on hover and focus. `data-full-name` lets tests and tools read the whole name.
 */
export function OrgName({ name, testId }: { name: string; testId?: string }) {
  const short = orgShortName(name);
  const label = (
    <span data-testid={testId} data-full-name={name}>
      {short}
    </span>
  );
  return short === name ? label : <Tooltip title={name}>{label}</Tooltip>;
}

/** A list column naming an org by its short name (see OrgName); cut with "…" when still too long. */
export function orgNameColumn<T>(
  title: string,
  key: string,
  width: number,
  nameOf: (row: T) => string,
  testId?: string,
): TableColumnType<T> {
  return {
    title,
    key,
    width,
    // The tooltip of OrgName shows the full name; the cell's own title would repeat the short one.
    ellipsis: { showTitle: false },
    render: (_v, row) => <OrgName name={nameOf(row)} testId={testId} />,
  };
}
