import { sql } from 'kysely';
import type { BlobInfo } from '../../src/api/blobs';
import type { AttachmentContentType } from '../../src/domain/procedures/transfer-dossier';
import type { Scope } from '../scope/scope';
import type { Db, Trx } from './db';
import { pathInSubtrees } from './scope-sql';

/** Stores a blob once: a second PUT of the same bytes changes nothing. */
export async function putBlob(
  db: Db,
  blob: BlobInfo & { data: Buffer; createdBy: string },
  now: Date,
): Promise<void> {
  await db
    .insertInto('blobs')
    .values({
      sha256: blob.sha256,
      content_type: blob.contentType,
      size: blob.size,
      data: blob.data,
      created_by: blob.createdBy,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function blobInfo(db: Db, sha256: string): Promise<BlobInfo | null> {
  const row = await db
    .selectFrom('blobs')
    .select(['sha256', 'content_type', 'size'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row
    ? {
        sha256: row.sha256,
        contentType: row.content_type as AttachmentContentType,
        size: Number(row.size),
      }
    : null;
}

export async function blobBytes(db: Db, sha256: string): Promise<Buffer | null> {
  const row = await db
    .selectFrom('blobs')
    .select('data')
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row ? Buffer.from(row.data) : null;
}

/**
 * A caller may read a blob they uploaded, or one a dossier refers to when the dossier's route
 * touches their scope or the dossier is their own.
 */
export async function canReadBlob(
  db: Db,
  scope: Scope,
  memberId: string | null,
  sha256: string,
): Promise<boolean> {
  const own = await db
    .selectFrom('blobs')
    .select('sha256')
    .where('sha256', '=', sha256)
    .where('created_by', '=', scope.userId)
    .executeTakeFirst();
  if (own) return true;
  const viaDossier = await db
    .selectFrom('blob_refs as b')
    .innerJoin('transfer_dossiers as d', 'd.id', 'b.dossier_id')
    .select('d.id')
    .where('b.sha256', '=', sha256)
    .where((eb) =>
      eb.or([
        ...(memberId ? [eb('d.member_id', '=', memberId)] : []),
        eb.exists(
          eb
            .selectFrom('transfer_route_orgs as r')
            .innerJoin('orgs as o', 'o.id', 'r.org_id')
            .select(sql`1`.as('one'))
            .whereRef('r.dossier_id', '=', 'd.id')
            .where(pathInSubtrees(sql.ref('o.path'), scope.subtreePaths)),
        ),
      ]),
    )
    .executeTakeFirst();
  return viaDossier !== undefined;
}

/** Records that a dossier refers to blobs (its attachments, its signed letters). */
export async function referBlobs(trx: Trx, dossierId: string, sha256s: string[]): Promise<void> {
  if (sha256s.length === 0) return;
  await trx
    .insertInto('blob_refs')
    .values([...new Set(sha256s)].map((sha256) => ({ sha256, dossier_id: dossierId })))
    .onConflict((oc) => oc.columns(['sha256', 'dossier_id']).doNothing())
    .execute();
}
