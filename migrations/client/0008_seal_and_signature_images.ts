import type { Kysely } from 'kysely';

// Seal and signature images in the cache (docs/decisions/0039), written only by pull: the hashes
// of the org's seal image and the user's signature image, whose bytes the blob cache keeps so a
// signature made offline still shows them. Append-only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orgs').addColumn('seal_image_sha256', 'text').execute();
  await db.schema.alterTable('users').addColumn('signature_image_sha256', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
