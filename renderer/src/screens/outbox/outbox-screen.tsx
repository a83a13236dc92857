import { Empty } from 'antd';

/** Actions waiting to be sent, and those the server did not apply. */
export function OutboxScreen() {
  return <Empty data-testid="outbox-screen" />;
}
