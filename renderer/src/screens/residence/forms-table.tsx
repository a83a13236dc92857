import { Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ResidenceFormItem, ResidenceSide } from '../../../../src/desktop/contract-residence';
import type { ResidenceFormStatus } from '../../../../src/domain/procedures/residence-form';
import { useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { ListTable } from '../../ui/list-table';
import { ResultTotal } from '../../ui/result-total';
import { labelledRowSelection } from '../../ui/row-selection';
import { useViewportHeight } from '../../ui/use-viewport-height';
import { residenceFormColumns } from './residence-columns';

/** The forms of one side, those in `statuses` (all when none), as the screens list them. */
export function useSideForms(side: ResidenceSide, statuses?: readonly ResidenceFormStatus[]) {
  const forms = useDesktopQuery('residenceForms', { side, limit: 2000 });
  const rows = (forms.data?.items ?? []).filter((f) => !statuses || statuses.includes(f.status));
  return { forms, rows };
}

/**
 * A side's forms with check boxes: `caption` names the table, `toolbar` holds the actions on
 * what is selected, `onOpen` the row's own action.
 */
export function FormsTable({
  caption,
  rows,
  query,
  selected,
  onSelect,
  onOpen,
  openLabel,
  openWidth,
  toolbar,
  emptyText,
}: {
  caption: string;
  rows: ResidenceFormItem[];
  query: ReturnType<typeof useSideForms>['forms'];
  selected?: readonly string[];
  onSelect?: (ids: string[]) => void;
  onOpen?: (form: ResidenceFormItem) => void;
  openLabel?: string;
  openWidth?: number;
  toolbar?: ReactNode;
  emptyText: string;
}) {
  const height = useViewportHeight(360);
  return (
    <>
      <div className="result-bar">
        <Typography.Text strong>{caption}</Typography.Text>
        <ResultTotal
          count={rows.length}
          testId="form-total"
          noun="phiếu"
          capped={query.data?.truncated}
          settled={query.settled}
        />
      </div>
      {toolbar}
      <ErrorAlert error={query.error} onRetry={query.reload} />
      <ListTable<ResidenceFormItem>
        data-testid="residence-form-table"
        aria-label={caption}
        columns={residenceFormColumns(onOpen, openLabel, openWidth)}
        dataSource={rows}
        loading={query.loading && !query.data}
        height={height}
        locale={{ emptyText }}
        rowSelection={
          onSelect
            ? labelledRowSelection<ResidenceFormItem>(
                {
                  selectedRowKeys: [...(selected ?? [])],
                  onChange: (keys) => onSelect(keys.map(String)),
                },
                (f) => f.member.fullName,
              )
            : undefined
        }
      />
    </>
  );
}
