import { useMemo } from 'react';
import { useDesktopQuery } from '../../desktop-context';
import type { AccountsView } from '../../navigation';
import { countsPerView } from './account-views';

const NONE: Partial<Record<AccountsView, number>> = {};

/** The pending requests per approval list, for the menu; none asked when `enabled` is false. */
export function useAccountCounts(enabled: boolean): Partial<Record<AccountsView, number>> {
  const { data } = useDesktopQuery('accountRequestCounts', enabled ? {} : null);
  // The same object until the counts change, so the menu is not rebuilt at every render.
  return useMemo(() => (data ? countsPerView(data) : NONE), [data]);
}
