import { sql } from 'kysely';
import { z } from 'zod';
import { prepareColumnQuery, type Params } from '../../db/client-query';
import type { SqliteHandle } from '../../db/sqlite';
import { Attachment, Sha256Hex } from '../../domain/procedures/transfer-dossier';
import { isCached } from './blob-cache';

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
  const waiting = prepareColumnQuery(handle, (db, p: Params<{ userId: string }>) =>
    db
      .selectFrom('dossiers as d')
      .innerJoin('orgs as here', 'here.id', 'd.current_org_id')
      .select('d.data')
      .where('d.status', 'not in', ['completed', 'rejected', 'returned'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_roles as r')
            .innerJoin('orgs as g', 'g.id', 'r.org_id')
            .select(eb.lit(1).as('one'))
            .where('r.user_id', '=', p.userId)
            .where('r.role', 'in', ACTING_ROLES)
            .where(
              (e) =>
                sql<boolean>`substr(${e.ref('here.path')}, 1, length(${e.ref('g.path')})) = ${e.ref('g.path')}`,
            ),
        ),
      )
      .orderBy('d.updated_at', 'desc'),
  );
  // The images the user signs with (decision 0039): his own signature, and the seal of each org
  // where he holds an acting grant (he signs for that org), so signing offline still shows them.
  const signature = prepareColumnQuery(handle, (db, p: Params<{ userId: string }>) =>
    db
      .selectFrom('users')
      .select('signature_image_sha256')
      .where('id', '=', p.userId)
      .where('signature_image_sha256', 'is not', null),
  );
  const seals = prepareColumnQuery(handle, (db, p: Params<{ userId: string }>) =>
    db
      .selectFrom('user_roles as r')
      .innerJoin('orgs as o', 'o.id', 'r.org_id')
      .select('o.seal_image_sha256')
      .where('r.user_id', '=', p.userId)
      .where('r.role', 'in', ACTING_ROLES)
      .where('o.has_seal', '=', 1)
      .where('o.seal_image_sha256', 'is not', null),
  );
  const cached = isCached(handle);
  return {
    missingBlobs(userId: string): string[] {
      const wanted = new Set<string>();
      for (const sha of [...signature.all({ userId }), ...seals.all({ userId })])
        if (sha) wanted.add(sha);
      for (const data of waiting.all({ userId })) {
        const refs = DossierBlobs.parse(JSON.parse(data));
        for (const a of refs.attachments) wanted.add(a.sha256);
        if (refs.letterSha256) wanted.add(refs.letterSha256);
      }
      return [...wanted].filter((sha) => (cached.get({ sha256: sha }) ?? 0) === 0);
    },
  };
}
