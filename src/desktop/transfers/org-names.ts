import type { DossiersRepo } from '../repositories/dossiers';

/** What an org outside the user's cached scope is called (pull sends only the scope's orgs). */
export const UNKNOWN_ORG_NAME = 'Tổ chức đảng ngoài phạm vi dữ liệu';

/**
 * Names of the given orgs from the cache, looked up once, else from the names the dossier came
 * with (its route's orgs, sent by pull); an org known to neither gets a neutral name.
 */
export function orgNamer(
  repo: DossiersRepo,
  ids: readonly string[],
  known: Readonly<Record<string, string>> = {},
) {
  const orgs = repo.orgs(ids);
  return (id: string): { id: string; name: string } => ({
    id,
    name: orgs.get(id)?.name ?? known[id] ?? UNKNOWN_ORG_NAME,
  });
}
