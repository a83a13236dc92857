import { randomUUID } from 'node:crypto';
import type { Db } from './db';
import { nextRev } from './revisions';

// Seal and signature images (decision 0039): the hash on the org's or user's row, a new rev so
// pull carries it to the caches, and an audit entry, in one transaction.

/** The caller uploaded these bytes himself: a hash alone never registers someone else's file. */
export async function uploadedBy(db: Db, sha256: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('blob_uploads')
    .select('sha256')
    .where('sha256', '=', sha256)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Sets (or clears) an org's seal image; false when the org is gone. Unchanged: no new rev. */
export async function setOrgSealImage(
  db: Db,
  change: { orgId: string; sha256: string | null; changedBy: string },
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom('orgs')
      .select('seal_image_sha256')
      .where('id', '=', change.orgId)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!org) return false;
    if (org.seal_image_sha256 === change.sha256) return true;
    const at = now.toISOString();
    await trx
      .updateTable('orgs')
      .set({ seal_image_sha256: change.sha256, rev: await nextRev(trx), updated_at: at })
      .where('id', '=', change.orgId)
      .execute();
    await trx
      .insertInto('org_seal_image_history')
      .values({
        id: randomUUID(),
        org_id: change.orgId,
        changed_by: change.changedBy,
        changed_at: at,
        before_sha256: org.seal_image_sha256,
        after_sha256: change.sha256,
      })
      .execute();
    return true;
  });
}

/** Who changed an org's seal image, newest first. */
export async function orgSealImageHistory(db: Db, orgId: string) {
  return db
    .selectFrom('org_seal_image_history')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Sets (or clears) a user's signature image, recorded in the account's history like any change
 * of it ("Lịch sử chỉnh sửa": `signatureImage: [before, after]`).
 */
export async function setUserSignatureImage(
  db: Db,
  change: { userId: string; sha256: string | null; changedBy: string },
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select('signature_image_sha256')
      .where('id', '=', change.userId)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!user) return false;
    if (user.signature_image_sha256 === change.sha256) return true;
    const at = now.toISOString();
    await trx
      .updateTable('users')
      .set({
        signature_image_sha256: change.sha256,
        updated_by: change.changedBy,
        updated_at: at,
        rev: await nextRev(trx),
      })
      .where('id', '=', change.userId)
      .execute();
    await trx
      .insertInto('user_history')
      .values({
        id: randomUUID(),
        user_id: change.userId,
        changed_by: change.changedBy,
        changed_at: at,
        changes: JSON.stringify({
          signatureImage: [user.signature_image_sha256, change.sha256],
        }),
      })
      .execute();
    return true;
  });
}
