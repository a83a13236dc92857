import { ReloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { Query } from '../desktop-context';

/**
 * "Làm mới", the same everywhere: reads the list again (cache, or the server where the list comes
 * from it), keeping the filters, the sort and the page the user is on. Clearing a filter is that
 * field's own ✕, never this button (docs/ui-guidelines.md, "Controls"). Never busy: a click while
 * the list loads starts the read again (TanStack's refetch cancels the one under way), so what
 * shows after it is never older than the click.
 */
export function ReloadButton({
  list,
  testId,
}: {
  list: Pick<Query<unknown>, 'reload'>;
  testId?: string;
}) {
  return (
    <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload} data-testid={testId}>
      Làm mới
    </Button>
  );
}
