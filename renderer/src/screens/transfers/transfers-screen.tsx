import { Empty } from 'antd';
import type { DossierSide } from '../../../../src/desktop/contract';
import type { TransferVariant } from '../../../../src/domain/procedures/transfer-route';

/** Xử lý hồ sơ » Chuyển sinh hoạt đảng … » nơi chuyển đi / nơi chuyển đến. */
export function TransfersScreen(props: {
  variant: TransferVariant;
  side: DossierSide;
  dossierId?: string;
}) {
  return <Empty data-testid="transfers-screen" description={`${props.variant} ${props.side}`} />;
}
