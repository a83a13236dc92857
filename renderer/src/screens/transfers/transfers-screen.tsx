import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { dossierSideLabelVi, type DossierSide } from '../../../../src/desktop/contract';
import {
  transferVariantLabelVi,
  type TransferVariant,
} from '../../../../src/domain/procedures/transfer-route';
import { useNavigation } from '../../navigation';
import { DossierList, NO_FILTERS, type DossierFilters } from './dossier-list';
import { DossierView } from './dossier-view';
import { FilingDialog } from './filing-dialog';

/**
 * Xử lý hồ sơ » Chuyển sinh hoạt đảng … » nơi chuyển đi / nơi chuyển đến: the list, or one
 * dossier when dossierId is set. The filters live here, so "Quay lại" finds the list as it was.
 */
export function TransfersScreen({
  variant,
  side,
  dossierId,
  awaitingMe,
}: {
  variant: TransferVariant;
  side: DossierSide;
  dossierId?: string;
  /** Starts on "Chỉ hồ sơ chờ tôi xử lý": the inbox a secretary lands on. */
  awaitingMe?: boolean;
}) {
  const { go } = useNavigation();
  const [filingForMember, setFilingForMember] = useState(false);
  const [filters, setFilters] = useState<DossierFilters>(() => ({
    ...NO_FILTERS,
    awaitingMe: awaitingMe ?? false,
  }));
  const open = (id: string | undefined) =>
    go({
      name: 'transfers',
      variant,
      side,
      ...(awaitingMe ? { awaitingMe } : {}),
      ...(id ? { dossierId: id } : {}),
    });

  if (dossierId) return <DossierView dossierId={dossierId} onBack={() => open(undefined)} />;
  return (
    <Card className="page-card" data-testid="transfers-screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="transfers-title">
          {transferVariantLabelVi[variant]} » {dossierSideLabelVi[side]}
        </Typography.Title>
        {side === 'outgoing' && (
          // Staff file for a member of their cells who cannot file himself ("Nộp hộ").
          <Button onClick={() => setFilingForMember(true)}>Nộp hộ</Button>
        )}
      </Space>
      <DossierList
        variant={variant}
        side={side}
        filters={filters}
        onFiltersChange={setFilters}
        onOpen={open}
      />
      <FilingDialog
        target={filingForMember ? { kind: 'onBehalf' } : undefined}
        onClose={(dossierId) => {
          setFilingForMember(false);
          if (dossierId) open(dossierId);
        }}
      />
    </Card>
  );
}
