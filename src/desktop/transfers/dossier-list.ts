import type { z } from 'zod';
import { isOverdue } from '../../domain/procedures';
import { foldForSearch, searchTokens } from '../../domain/text/fold';
import type { DossierListItem, DossierSide, transferCalls } from '../contract-transfers';
import type { MemberInfoRow } from '../repositories/dossiers';
import { orgNamer } from './org-names';
import { isQueued, type TransferModel } from './transfer-model';

type ListInput = z.output<(typeof transferCalls)['listDossiers']['input']>;

const ROUTE_SIDE = { outgoing: 'from', incoming: 'to' } as const satisfies Record<
  DossierSide,
  'from' | 'to'
>;

/** "nguyen van" matches words starting so; digits match the start of the citizen id. */
function matchesQuery(member: MemberInfoRow | undefined, q: string | undefined): boolean {
  if (q === undefined || q.trim() === '') return true;
  if (!member) return false;
  const digits = q.replace(/\s+/g, '');
  if (/^\d+$/.test(digits)) return member.citizen_id.startsWith(digits);
  const words = foldForSearch(member.full_name).split(' ');
  return searchTokens(q).every((t) => words.some((w) => w.startsWith(t)));
}

/**
 * "Xử lý hồ sơ » <variant> » nơi chuyển đi / nơi chuyển đến": the dossiers whose route passes an
 * org of the user's scope on that side, newest first, with the optimistic state of each.
 */
export function listDossiers(
  model: TransferModel,
  input: ListInput,
  today: string,
): { items: DossierListItem[]; truncated: boolean } {
  const rows = model.repo.touching({
    variant: input.variant,
    side: ROUTE_SIDE[input.side],
    status: null,
    scopePaths: model.scopePaths(),
  });
  const queued = new Map<string, ReturnType<TransferModel['queuedFor']>>();
  for (const item of model.outbox.list()) {
    if (item.kind !== 'dossier' || item.entityId === null) continue;
    queued.set(item.entityId, [...(queued.get(item.entityId) ?? []), item]);
  }
  const members = model.repo.members(rows.map((r) => r.member_id));

  const found: { item: DossierListItem; orgIds: string[]; names: Record<string, string> }[] = [];
  for (const row of rows) {
    const cached = model.load(row.id);
    if (!cached) continue;
    const member = members.get(row.member_id) ?? model.memberOf(cached.wire);
    if (!matchesQuery(member, input.q)) continue;
    const entries = queued.get(row.id) ?? [];
    // The list shows what the user will see in the dossier: their queued actions applied.
    const shown = model.overlay(cached, entries);
    if (input.status !== undefined && shown.status !== input.status) continue;
    const awaitingMe = model.awaitsUser(shown);
    if (input.awaitingMe && !awaitingMe) continue;
    const destinationOrgId = shown.route.orgIds[shown.route.orgIds.length - 1] ?? '';
    found.push({
      orgIds: [shown.fromOrgId, destinationOrgId, shown.currentOrgId],
      names: shown.orgNames ?? {},
      item: {
        id: shown.id,
        variant: shown.variant,
        status: shown.status,
        member: { id: shown.memberId, fullName: member?.full_name ?? '' },
        fromOrg: { id: shown.fromOrgId, name: '' },
        destinationOrg: { id: destinationOrgId, name: '' },
        currentOrg: { id: shown.currentOrgId, name: '' },
        submittedAt: shown.submittedAt,
        updatedAt: shown.updatedAt,
        presentBy: shown.presentBy,
        overdue: isOverdue(shown, today),
        awaitingMe,
        pendingActions: entries.filter(isQueued).length,
        needsAttention: entries.some((e) => !isQueued(e)),
      },
    });
    if (found.length > input.limit) break;
  }
  const truncated = found.length > input.limit;
  const page = found.slice(0, input.limit);
  const name = orgNamer(
    model.repo,
    page.flatMap((f) => f.orgIds),
    Object.assign({}, ...page.map((f) => f.names)) as Record<string, string>,
  );
  return {
    items: page.map(({ item }) => ({
      ...item,
      member: {
        ...item.member,
        fullName: item.member.fullName || 'Đảng viên ngoài phạm vi dữ liệu',
      },
      fromOrg: name(item.fromOrg.id),
      destinationOrg: name(item.destinationOrg.id),
      currentOrg: name(item.currentOrg.id),
    })),
    truncated,
  };
}
