import { sql, type Expression } from 'kysely';
import type { BlobInfo } from '../../src/api/blobs';
import type { ServerEngine } from '../../src/db/server-db';
import type {
  Attachment,
  AttachmentContentType,
} from '../../src/domain/procedures/transfer-dossier';
import { subtreesOfRole, type Scope } from '../scope/scope';
import type { Db, Trx } from './db';
import { pathInSubtrees } from './scope-sql';

/** Who asks for a blob: the caller's account, own member record and scope. */
export interface BlobReader {
  user: { id: string; memberId: string | null };
  scope: Scope;
}

export type PutBlobOutcome =
  | { ok: true; info: BlobInfo }
  /** The upload would take the caller's unreferenced uploads past `quotaBytes`. */
  | { ok: false; usedBytes: number };

/**
 * Stores a blob once and records `createdBy` as one of its uploaders (a second PUT of the same
 * bytes changes nothing). No quota: the data generator stores through this; the route goes
 * through `uploadWithinQuota`.
 */
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
  await db
    .insertInto('blob_uploads')
    .values({ sha256: blob.sha256, user_id: blob.createdBy, uploaded_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['sha256', 'user_id']).doNothing())
    .execute();
}

/**
 * An upload through the API: refused when the caller's uploads that no object refers to yet, with
 * this one, would exceed `quotaBytes`; a repeated upload of the caller's own blob is a no-op. On
 * PostgreSQL the caller's account row is locked, so parallel uploads of one account are counted
 * one after the other (SQLite runs one writer at a time anyway).
 */
export async function uploadWithinQuota(
  db: Db,
  engine: ServerEngine,
  blob: BlobInfo & { data: Buffer; createdBy: string },
  now: Date,
  quotaBytes: number,
): Promise<PutBlobOutcome> {
  return db.transaction().execute(async (trx) => {
    if (engine === 'postgres')
      await trx
        .selectFrom('users')
        .select('id')
        .where('id', '=', blob.createdBy)
        .forUpdate()
        .execute();
    const info = { sha256: blob.sha256, contentType: blob.contentType, size: blob.size };
    const mine = await trx
      .selectFrom('blob_uploads')
      .select('sha256')
      .where('sha256', '=', blob.sha256)
      .where('user_id', '=', blob.createdBy)
      .executeTakeFirst();
    if (!mine) {
      const used = await unreferencedUploadBytes(trx, blob.createdBy);
      if (used + blob.size > quotaBytes) return { ok: false as const, usedBytes: used };
      await putBlob(trx, blob, now);
    }
    // The stored type wins: the same bytes always sniff the same anyway.
    return { ok: true as const, info: (await blobInfo(trx, blob.sha256)) ?? info };
  });
}

/** Bytes of the account's uploads that no dossier refers to: what its quota counts. */
export async function unreferencedUploadBytes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('blob_uploads as u')
    .innerJoin('blobs as b', 'b.sha256', 'u.sha256')
    .select(sql<string | number | null>`sum(b.size)`.as('bytes'))
    .where('u.user_id', '=', userId)
    .where(sql<boolean>`not ${referenced(sql.ref('u.sha256'))}`)
    .executeTakeFirst();
  return Number(row?.bytes ?? 0);
}

/** The stored type and size of a blob. Internal: callers' answers go through `readableBlobInfo`. */
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
 * THE read rule of blobs (DESIGN.md, Authorization): a caller may read a blob they uploaded, or
 * one a dossier refers to (its attachments, its signed letters) when the dossier is their own or
 * its route touches a subtree of their scope. False for a blob that does not exist, so callers
 * answer the same 404 for "missing" and "not yours". Attaching a blob requires the same.
 */
export async function canReadBlob(db: Db, caller: BlobReader, sha256: string): Promise<boolean> {
  const uploaded = await db
    .selectFrom('blob_uploads')
    .select('sha256')
    .where('sha256', '=', sha256)
    .where('user_id', '=', caller.user.id)
    .executeTakeFirst();
  if (uploaded) return true;
  const memberId = caller.user.memberId;
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
            .where(pathInSubtrees(sql.ref('o.path'), caller.scope.subtreePaths)),
        ),
      ]),
    )
    .executeTakeFirst();
  if (viaDossier) return true;
  // A residence form's files: readable by the member and wherever the form is (its workplace,
  // residence cell and committee).
  const inScope = (column: string) =>
    sql<boolean>`exists (select 1 from orgs o where o.id = ${sql.ref(column)} and ${pathInSubtrees(sql.ref('o.path'), caller.scope.subtreePaths)})`;
  const viaForm = await db
    .selectFrom('residence_blob_refs as b')
    .innerJoin('residence_forms as f', 'f.id', 'b.form_id')
    .select('f.id')
    .where('b.sha256', '=', sha256)
    .where((eb) =>
      eb.or([
        ...(memberId ? [eb('f.member_id', '=', memberId)] : []),
        inScope('f.workplace_org_id'),
        inScope('f.residence_org_id'),
        inScope('f.committee_org_id'),
      ]),
    )
    .executeTakeFirst();
  if (viaForm) return true;
  // A signed residence list: readable by its workplace's staff.
  const viaList = await db
    .selectFrom('residence_request_blob_refs as b')
    .innerJoin('residence_requests as r', 'r.id', 'b.request_id')
    .select('r.id')
    .where('b.sha256', '=', sha256)
    .where(inScope('r.workplace_org_id'))
    .executeTakeFirst();
  if (viaList) return true;
  return canReadRegisteredImage(db, caller, sha256);
}

/**
 * Seal and signature images (decision 0039): an org's seal is read wherever the org is in the
 * scope's subtrees (its staff sign with it); a signature image by its owner, and by the admins
 * of his org's subtree (who see it in the account's details).
 */
async function canReadRegisteredImage(db: Db, caller: BlobReader, sha256: string) {
  const seal = await db
    .selectFrom('orgs as o')
    .select('o.id')
    .where('o.seal_image_sha256', '=', sha256)
    .where('o.deleted', '=', 0)
    .where(pathInSubtrees(sql.ref('o.path'), caller.scope.subtreePaths))
    .executeTakeFirst();
  if (seal) return true;
  const adminRoots = subtreesOfRole(caller.scope, 'admin');
  const signature = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select('u.id')
    .where('u.signature_image_sha256', '=', sha256)
    .where('u.deleted', '=', 0)
    .where((eb) =>
      eb.or([
        eb('u.id', '=', caller.user.id),
        ...(adminRoots.length > 0 ? [pathInSubtrees(sql.ref('o.path'), adminRoots)] : []),
      ]),
    )
    .executeTakeFirst();
  return signature !== undefined;
}

/** Records that a residence list refers to blobs (its signed PDF). */
export async function referResidenceListBlobs(trx: Trx, requestId: string, sha256s: string[]) {
  if (sha256s.length === 0) return;
  await trx
    .insertInto('residence_request_blob_refs')
    .values([...new Set(sha256s)].map((sha256) => ({ sha256, request_id: requestId })))
    .onConflict((oc) => oc.columns(['sha256', 'request_id']).doNothing())
    .execute();
}

/** Records that a residence form refers to blobs (the report, a paper scan, a signed form). */
export async function referResidenceBlobs(trx: Trx, formId: string, sha256s: string[]) {
  if (sha256s.length === 0) return;
  await trx
    .insertInto('residence_blob_refs')
    .values([...new Set(sha256s)].map((sha256) => ({ sha256, form_id: formId })))
    .onConflict((oc) => oc.columns(['sha256', 'form_id']).doNothing())
    .execute();
}

/** The blob's type and size when the caller may read it; null alike when missing or not theirs. */
export async function readableBlobInfo(
  db: Db,
  caller: BlobReader,
  sha256: string,
): Promise<BlobInfo | null> {
  return (await canReadBlob(db, caller, sha256)) ? blobInfo(db, sha256) : null;
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

/**
 * A dossier, a residence form or list, an org's seal or a user's signature image refers to the
 * blob: it is kept whoever uploaded it.
 */
const referenced = (sha256: Expression<string>) =>
  sql<boolean>`(exists (select 1 from blob_refs r where r.sha256 = ${sha256})
    or exists (select 1 from residence_blob_refs f where f.sha256 = ${sha256})
    or exists (select 1 from residence_request_blob_refs l where l.sha256 = ${sha256})
    or exists (select 1 from orgs so where so.seal_image_sha256 = ${sha256})
    or exists (select 1 from users su where su.signature_image_sha256 = ${sha256}))`;
const notReferenced = sql<boolean>`not ${referenced(sql.ref('blob_uploads.sha256'))}`;

/**
 * The clean-up: forgets uploads older than `uploadedBefore` that no dossier refers to, then
 * deletes the blobs left with neither an uploader nor a reference. A blob some dossier refers to
 * is never deleted, however old.
 */
export async function deleteUnreferencedUploads(
  db: Db,
  uploadedBefore: Date,
): Promise<{ uploads: number; blobs: number }> {
  return db.transaction().execute(async (trx) => {
    const uploads = await trx
      .deleteFrom('blob_uploads')
      .where('uploaded_at', '<', uploadedBefore.toISOString())
      .where(notReferenced)
      .executeTakeFirst();
    const blobs = await trx
      .deleteFrom('blobs')
      .where((eb) =>
        eb.and([
          sql<boolean>`not ${referenced(sql.ref('blobs.sha256'))}`,
          eb.not(
            eb.exists(
              eb
                .selectFrom('blob_uploads as u')
                .select(sql`1`.as('one'))
                .whereRef('u.sha256', '=', 'blobs.sha256'),
            ),
          ),
        ]),
      )
      .executeTakeFirst();
    return { uploads: Number(uploads.numDeletedRows), blobs: Number(blobs.numDeletedRows) };
  });
}

/**
 * Every attachment must be a blob the caller may read (canReadBlob), with the type and size the
 * form states. One answer for "missing", "not yours" and "not matching", which never tells the
 * stored type or size: a hash is not a key to someone else's file.
 */
export async function checkAttachments(
  db: Db,
  caller: BlobReader,
  attachments: readonly Pick<Attachment, 'sha256' | 'fileName' | 'contentType' | 'size'>[],
): Promise<{ index: number; message: string; messageVi: string } | null> {
  for (const [index, a] of attachments.entries()) {
    const info = await readableBlobInfo(db, caller, a.sha256);
    if (!info || info.contentType !== a.contentType || info.size !== a.size)
      return {
        index,
        message: `attachment ${a.sha256} is not an upload of yours with the stated type and size`,
        messageVi: `Tệp đính kèm "${a.fileName}" chưa được tải lên hoặc không khớp với tệp đã tải lên. Vui lòng tải lại tệp.`,
      };
  }
  return null;
}
