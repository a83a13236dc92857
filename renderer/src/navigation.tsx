import { createContext, useContext } from 'react';

/** Where the user is; screens keep what they need to come back to the same place. */
export type Screen =
  | { name: 'orgs'; parentId?: string | null }
  | { name: 'members'; orgId?: string; back?: Screen }
  | { name: 'users' };

export interface Navigation {
  screen: Screen;
  go(screen: Screen): void;
}

export const NavigationContext = createContext<Navigation | null>(null);

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigation outside NavigationContext');
  return nav;
}
