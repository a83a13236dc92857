import { Button, Descriptions, Modal, Skeleton, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import type { Query } from '../desktop-context';
import { ErrorAlert } from './error-alert';

/**
 * A read-only "Xem chi tiết" dialog: the fields as a two-column table, a skeleton while the first
 * answer loads, the error with a retry, and "Đóng" after the record's own actions, if any. Extra
 * sections (e.g. bank accounts) follow.
 */
export function DetailDialog({
  open,
  title,
  width,
  testId,
  query,
  items,
  onClose,
  actions,
  children,
}: {
  open: boolean;
  title: string;
  width: number;
  testId: string;
  query: Pick<Query<unknown>, 'data' | 'error' | 'loading' | 'reload'>;
  /** Undefined until there is something to show. */
  items: DescriptionsProps['items'] | undefined;
  onClose: () => void;
  /** Buttons before "Đóng" (e.g. "Chỉnh sửa"). */
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      width={width}
      destroyOnHidden
      footer={
        <>
          {actions}
          <Button onClick={onClose}>Đóng</Button>
        </>
      }
    >
      <ErrorAlert error={query.error} onRetry={query.reload} />
      {!query.data && query.loading && <Skeleton active />}
      {items && (
        <DetailFields testId={testId} items={items}>
          {children}
        </DetailFields>
      )}
    </Modal>
  );
}

/** A record's fields as a two-column table; long values wrap. Extra sections follow. */
export function DetailFields({
  testId,
  items,
  children,
}: {
  testId: string;
  items: DescriptionsProps['items'];
  children?: ReactNode;
}) {
  return (
    <div data-testid={testId} className="wrap-anywhere">
      <Descriptions
        className="detail-descriptions"
        bordered
        size="small"
        column={2}
        items={items}
      />
      {children}
    </div>
  );
}
