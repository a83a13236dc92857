import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';
import { Id } from '../common/schemas';
import { isCell, OrgType } from '../org/org-types';

/** One org on a path of the org tree; paths are listed root first, the org itself last. */
export const RouteOrg = z.object({ id: Id, type: OrgType });
export type RouteOrg = z.infer<typeof RouteOrg>;

/**
 * official: between grassroots orgs; internal: between cells of one grassroots committee
 * ("nội bộ"); temporary: like official, for a limited stay.
 */
export const TransferVariant = z.enum(['official', 'internal', 'temporary']);
export type TransferVariant = z.infer<typeof TransferVariant>;

export const transferVariantLabelVi = {
  official: 'Chuyển sinh hoạt đảng chính thức',
  internal: 'Chuyển sinh hoạt đảng chính thức trong cùng đảng bộ',
  temporary: 'Chuyển sinh hoạt đảng tạm thời',
} as const satisfies Record<TransferVariant, string>;

/**
 * The orgs a dossier visits, in order, and where it crosses over: hops before `handoverIndex`
 * are the sending side (nơi chuyển đi), the rest the receiving side (nơi chuyển đến).
 */
export const TransferRoute = z.object({
  orgIds: z.array(Id).min(2),
  handoverIndex: z.number().int().positive(),
});
export type TransferRoute = z.infer<typeof TransferRoute>;

export type RouteCode =
  | 'not_a_cell'
  | 'same_cell'
  | 'not_same_grassroots_committee'
  | 'same_grassroots_committee'
  | 'no_common_root';

/** The grassroots committee on a path (the grassroots level that contains the cell), if any. */
const grassrootsCommitteeOf = (path: readonly RouteOrg[]) =>
  path.find((o) => o.type === 'grassroots_committee');

/**
 * The route the paper letter took: up from the sending cell through sub-committee and grassroots
 * committee to the lowest org both sides share (it hands over), then down to the destination
 * cell. Within one grassroots committee ("nội bộ") the two cells deal directly: the committee
 * above them is not a hop.
 */
export function planTransferRoute(
  variant: TransferVariant,
  from: readonly RouteOrg[],
  to: readonly RouteOrg[],
): Result<TransferRoute, RouteCode> {
  const fromCell = from[from.length - 1];
  const toCell = to[to.length - 1];
  if (!fromCell || !toCell || !isCell(fromCell.type) || !isCell(toCell.type))
    return fail(
      'not_a_cell',
      'a transfer goes from a cell to a cell',
      'Chuyển sinh hoạt đảng phải từ một chi bộ đến một chi bộ.',
    );
  if (fromCell.id === toCell.id)
    return fail(
      'same_cell',
      'the destination is the member’s own cell',
      'Chi bộ nơi chuyển đến trùng với chi bộ đang sinh hoạt.',
    );
  let common = 0;
  while (common < from.length && common < to.length && from[common]!.id === to[common]!.id)
    common++;
  if (common === 0)
    return fail(
      'no_common_root',
      'the two cells are in different trees',
      'Hai chi bộ không thuộc cùng một cây tổ chức.',
    );
  const sameCommittee =
    grassrootsCommitteeOf(from) !== undefined &&
    grassrootsCommitteeOf(from)?.id === grassrootsCommitteeOf(to)?.id;
  if (variant === 'internal' && !sameCommittee)
    return fail(
      'not_same_grassroots_committee',
      'an internal transfer stays within one grassroots committee',
      'Chuyển sinh hoạt nội bộ chỉ áp dụng giữa các chi bộ trong cùng một đảng bộ cơ sở.',
    );
  if (variant !== 'internal' && sameCommittee)
    return fail(
      'same_grassroots_committee',
      'both cells are in one grassroots committee: use the internal transfer',
      'Hai chi bộ thuộc cùng một đảng bộ cơ sở: hãy dùng thủ tục chuyển sinh hoạt trong cùng đảng bộ.',
    );
  const up = from
    .slice(common)
    .reverse()
    .map((o) => o.id);
  const down = to.slice(common).map((o) => o.id);
  const handingOver = from[common - 1]!.id;
  const orgIds = variant === 'internal' ? [...up, ...down] : [...up, handingOver, ...down];
  return ok({ orgIds, handoverIndex: orgIds.length - down.length });
}

/** The org after `position` on the route, or null at the last hop. */
export function proposeNextOrg(route: TransferRoute, position: number): string | null {
  return route.orgIds[position + 1] ?? null;
}

/**
 * Whether the org at `position` may send the dossier to the org at `candidatePath` (root first).
 * The proposed hop is always valid. On the receiving side a committee may also place the member
 * in another cell below it: the route is then re-planned down to that cell. Returns the route to
 * follow, or null when the move is not allowed.
 */
export function isValidNextOrg(
  route: TransferRoute,
  position: number,
  candidatePath: readonly RouteOrg[],
): TransferRoute | null {
  const candidate = candidatePath[candidatePath.length - 1];
  if (!candidate) return null;
  if (candidate.id === proposeNextOrg(route, position)) return route;
  const current = route.orgIds[position];
  const onReceivingSide = position >= route.handoverIndex - 1;
  const below = candidatePath.findIndex((o) => o.id === current);
  if (!onReceivingSide || below < 0 || below === candidatePath.length - 1) return null;
  if (!isCell(candidate.type)) return null;
  // Never back into the sending side (the handing-over org sits above both).
  const sendingSide = route.orgIds.slice(0, route.handoverIndex);
  if (candidatePath.slice(below + 1).some((o) => sendingSide.includes(o.id))) return null;
  return {
    orgIds: [
      ...route.orgIds.slice(0, position + 1),
      ...candidatePath.slice(below + 1).map((o) => o.id),
    ],
    handoverIndex: route.handoverIndex,
  };
}

/** The destination cell: the last hop. */
export const destinationOf = (route: TransferRoute): string =>
  route.orgIds[route.orgIds.length - 1]!;
