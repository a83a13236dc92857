import { ResidenceFormWire, ResidenceRequestWire } from '../../api/residence';
import type { SqliteHandle } from '../../db/sqlite';
import type { OutboxItem } from '../../sync/repositories/outbox';
import type { DossiersRepo } from '../repositories/dossiers';
import { residenceCache } from './residence-cache';

const LIST = 'Danh sách đảng viên cần giới thiệu và xin nhận xét tại nơi cư trú';
const FORM = 'Phiếu nhận xét tại nơi cư trú';

/** The list's workplace org: from the cache, else from a queued `create`. */
function listOrg(
  handle: SqliteHandle,
  item: OutboxItem,
): { orgId: string; names: Record<string, string>; year: number } | null {
  const row = item.entityId ? residenceCache(handle).request(item.entityId) : undefined;
  if (row) {
    const w = ResidenceRequestWire.safeParse(JSON.parse(row.data));
    if (w.success)
      return { orgId: w.data.workplaceOrgId, names: w.data.orgNames, year: w.data.campaignYear };
  }
  if (item.mutation.entity === 'residenceRequest' && item.mutation.action.type === 'create') {
    const a = item.mutation.action;
    return { orgId: a.workplaceOrgId, names: {}, year: a.campaignYear };
  }
  return null;
}

/**
 * "Danh sách … năm 2026 — Chi bộ Tổ dân phố số 1" and "Nguyễn Văn A — Phiếu nhận xét tại nơi
 * cư trú", for outbox entries of the residence procedure.
 */
export function residenceOutboxLabel(
  handle: SqliteHandle,
  repo: DossiersRepo,
  item: OutboxItem,
): string {
  if (item.mutation.entity === 'residenceRequest') {
    const org = listOrg(handle, item);
    if (!org) return LIST;
    const name = repo.orgs([org.orgId]).get(org.orgId)?.name ?? org.names[org.orgId];
    return `${LIST} năm ${org.year}${name ? ` — ${name}` : ''}`;
  }
  const row = item.entityId ? residenceCache(handle).form(item.entityId) : undefined;
  const w = row ? ResidenceFormWire.safeParse(JSON.parse(row.data)) : undefined;
  if (!w?.success) return FORM;
  const memberId = w.data.memberId;
  const name = repo.members([memberId]).get(memberId)?.full_name ?? w.data.memberNames[memberId];
  return name ? `${name} — ${FORM}` : FORM;
}
