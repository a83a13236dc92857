import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cells, pathOf, tree } from './test-support/transfer-tree';
import {
  isValidNextOrg,
  planTransferRoute,
  proposeNextOrg,
  type TransferVariant,
} from './transfer-route';

const plan = (variant: TransferVariant, from: string, to: string) =>
  planTransferRoute(variant, pathOf(from)!, pathOf(to)!);

describe('transfer route', () => {
  it('between wards: up to the province, which hands over, then down', () => {
    const r = plan('official', tree.cell1, tree.otherCell);
    expect(r).toEqual({
      ok: true,
      value: {
        orgIds: [tree.cell1, tree.ward, tree.province, tree.otherWard, tree.otherCell],
        handoverIndex: 3,
      },
    });
  });

  it('from an affiliated cell: through sub-committee and grassroots committee', () => {
    const r = plan('official', tree.affiliated1, tree.cell2);
    expect(r.ok && r.value.orgIds).toEqual([
      tree.affiliated1,
      tree.sub,
      tree.committee,
      tree.ward,
      tree.cell2,
    ]);
  });

  it('internal: the two cells deal directly, the committee above is no hop', () => {
    const r = plan('internal', tree.affiliated1, tree.affiliated2);
    expect(r).toEqual({
      ok: true,
      value: { orgIds: [tree.affiliated1, tree.sub, tree.affiliated2], handoverIndex: 2 },
    });
  });

  it('refuses the wrong variant for the pair of cells', () => {
    expect(plan('internal', tree.cell1, tree.cell2)).toMatchObject({
      ok: false,
      code: 'not_same_grassroots_committee',
    });
    expect(plan('official', tree.affiliated1, tree.affiliated2)).toMatchObject({
      ok: false,
      code: 'same_grassroots_committee',
    });
    expect(plan('official', tree.cell1, tree.cell1)).toMatchObject({
      ok: false,
      code: 'same_cell',
    });
    expect(plan('official', tree.cell1, tree.ward)).toMatchObject({
      ok: false,
      code: 'not_a_cell',
    });
  });

  it('always starts at the sending cell, ends at the destination, each org once', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cells),
        fc.constantFrom(...cells),
        fc.constantFrom<TransferVariant>('official', 'internal', 'temporary'),
        (from, to, variant) => {
          const r = plan(variant, from, to);
          if (!r.ok) return;
          const ids = r.value.orgIds;
          expect(ids[0]).toBe(from);
          expect(ids[ids.length - 1]).toBe(to);
          expect(new Set(ids).size).toBe(ids.length);
          // Each hop is a parent or child of the one before, except the internal handover.
          ids.slice(1).forEach((id, i) => {
            const a = pathOf(ids[i]!)!;
            const b = pathOf(id)!;
            const adjacent = Math.abs(a.length - b.length) === 1;
            if (!(variant === 'internal' && i + 1 === r.value.handoverIndex))
              expect(adjacent).toBe(true);
          });
        },
      ),
    );
  });

  it('proposes the next hop; the receiving side may pick another cell below it', () => {
    const r = plan('official', tree.cell1, tree.otherCell);
    if (!r.ok) throw new Error(r.message);
    expect(proposeNextOrg(r.value, 0)).toBe(tree.ward);
    expect(proposeNextOrg(r.value, 4)).toBeNull();
    expect(isValidNextOrg(r.value, 0, pathOf(tree.ward)!)).toBe(r.value);
    // The sending cell cannot skip its ward.
    expect(isValidNextOrg(r.value, 0, pathOf(tree.province)!)).toBeNull();

    const into = plan('official', tree.otherCell, tree.cell1);
    if (!into.ok) throw new Error(into.message);
    // At the receiving ward (position 3) another cell of the ward may take the member.
    const replanned = isValidNextOrg(into.value, 3, pathOf(tree.affiliated1)!);
    expect(replanned?.orgIds.slice(3)).toEqual([
      tree.ward,
      tree.committee,
      tree.sub,
      tree.affiliated1,
    ]);
    // Never a committee as the destination, never back into the sending side.
    expect(isValidNextOrg(into.value, 3, pathOf(tree.committee)!)).toBeNull();
    expect(isValidNextOrg(into.value, 2, pathOf(tree.otherCell)!)).toBeNull();
  });
});
