import { Empty } from 'antd';
import type { FeeView } from '../../navigation';

/** Thủ tục thu nộp đảng phí: one view per national-system screen. */
export function FeesScreen({ view }: { view: FeeView }) {
  return <Empty data-testid="fees-screen" description={view} />;
}
