import type { AccountRequestKind } from '../../../../src/domain/accounts/account-request';
import type { AccountsView } from '../../navigation';

/** The request kinds each approval list shows (user guide part 2). */
export const KINDS_OF_VIEW: Record<AccountsView, readonly AccountRequestKind[]> = {
  registrations: ['registration'],
  // A move out of a wrongly chosen cell (TH3) is the member's data changing too.
  changes: ['info_change', 'cell_change'],
  positions: ['position'],
};

/** The pending requests per list, from the counts per kind. */
export function countsPerView(
  counts: Partial<Record<AccountRequestKind, number>>,
): Record<AccountsView, number> {
  const sum = (view: AccountsView) =>
    KINDS_OF_VIEW[view].reduce((total, kind) => total + (counts[kind] ?? 0), 0);
  return {
    registrations: sum('registrations'),
    changes: sum('changes'),
    positions: sum('positions'),
  };
}
