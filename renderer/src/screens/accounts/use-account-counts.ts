import { useDesktopQuery } from '../../desktop-context';
import type { AccountsView } from '../../navigation';
import { countsPerView } from './account-views';

/** The pending requests per approval list, for the menu; none asked when `enabled` is false. */
export function useAccountCounts(enabled: boolean): Partial<Record<AccountsView, number>> {
  const counts = useDesktopQuery('accountRequestCounts', enabled ? {} : null);
  return counts.data ? countsPerView(counts.data) : {};
}
