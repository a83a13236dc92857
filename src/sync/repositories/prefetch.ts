import { z } from 'zod';
import type { SqliteHandle } from '../../db/sqlite';
import { Attachment, Sha256Hex } from '../../domain/procedures/transfer-dossier';

/** Roles that act on a dossier at their org (and below): their dossiers are read offline. */
const ACTING_ROLES = ['processor', 'approver', 'admin'] as const;

// Only the blob references of the cached DossierWire JSON are read here.
const DossierBlobs = z.object({
  attachments: z.array(Attachment.pick({ sha256: true })),
  letterSha256: Sha256Hex.nullable(),
});

/**
 * The blobs of the cached dossiers waiting for this user's action that are not cached yet:
 * not finished nor returned to the member, and now at an org inside one of the user's acting
 * grants (a grant covers its org's subtree).
 */
export function prefetchRepo(handle: SqliteHandle) {
  const waiting = handle.prepare<[string, ...string[]], { data: string }>(
    `select d.data from dossiers d
     join orgs here on here.id = d.current_org_id
     where d.status not in ('completed', 'rejected', 'returned')
       and exists (
         select 1 from user_roles r join orgs g on g.id = r.org_id
         where r.user_id = ? and r.role in (${ACTING_ROLES.map(() => '?').join(', ')})
           and substr(here.path, 1, length(g.path)) = g.path)
     order by d.updated_at desc`,
  );
  const cached = handle.prepare<[string], number>(
    'select count(*) from blob_cache where sha256 = ?',
  );
  return {
    missingBlobs(userId: string): string[] {
      const wanted = new Set<string>();
      for (const row of waiting.all(userId, ...ACTING_ROLES)) {
        const refs = DossierBlobs.parse(JSON.parse(row.data));
        for (const a of refs.attachments) wanted.add(a.sha256);
        if (refs.letterSha256) wanted.add(refs.letterSha256);
      }
      return [...wanted].filter((sha) => (cached.pluck().get(sha) ?? 0) === 0);
    },
  };
}
