import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareQuery, type Params } from '../../db/client-query';
import { demoSealPng } from '../../signing/pdf/demo-seal';
import { blobCacheRepo } from '../../sync/repositories/blob-cache';
import type { DesktopSigningOptions, ServiceContext } from '../service-context';

/** The org as signing needs it: does it use a seal, and which image is registered for it. */
export interface SealedOrg {
  id: string;
  code: string;
  hasSeal: boolean;
  sealImageSha256: string | null;
}

/** A cached org row as signing reads it. */
export const sealedOrg = (row: {
  id: string;
  code: string;
  has_seal: number;
  seal_image_sha256: string | null;
}): SealedOrg => ({
  id: row.id,
  code: row.code,
  hasSeal: row.has_seal === 1,
  sealImageSha256: row.seal_image_sha256,
});

/** A registered image's bytes, from the cache (prefetched, so offline signing has it) or the server. */
async function registeredImage(ctx: ServiceContext, sha256: string): Promise<Buffer | undefined> {
  const cached = blobCacheRepo(ctx.handle).get(sha256);
  if (cached) return cached.bytes;
  if (ctx.session.current) {
    try {
      return (await ctx.engine.fetchBlob(sha256)).bytes;
    } catch (err) {
      console.warn(`registered image ${sha256} could not be fetched`, err);
    }
  }
  return undefined;
}

/** An image file of the seal folder (`<id>.png`, else `<code>.png`), kept as an import path. */
function sealFromFolder(signing: DesktopSigningOptions, org: SealedOrg): Buffer | undefined {
  if (!signing.sealDir) return undefined;
  for (const name of [org.id, org.code]) {
    // Ids and codes are ours, but a name with a path separator must never leave the folder.
    if (!/^[\w.-]+$/.test(name)) continue;
    const file = join(signing.sealDir, `${name}.png`);
    if (existsSync(file)) return readFileSync(file);
  }
  return undefined;
}

/**
 * The seal image an org signs with (decision 0039): its registered image (synced with the org),
 * else a PNG of the seal folder (SIGNING_SEAL_DIR, for offices that kept their seals as files),
 * else the stand-in seal when demo seals are on, else none. Orgs without a seal (`hasSeal`
 * false, e.g. cells) never get one.
 */
export async function sealImageFor(
  ctx: ServiceContext,
  org: SealedOrg,
): Promise<Buffer | undefined> {
  if (!org.hasSeal) return undefined;
  const registered = org.sealImageSha256
    ? await registeredImage(ctx, org.sealImageSha256)
    : undefined;
  if (registered) return registered;
  const filed = sealFromFolder(ctx.signing, org);
  if (filed) return filed;
  if (ctx.signing.demoSeals) return demoSealPng();
  console.warn(`org ${org.id} has a seal but no seal image is available: signing without it`);
  return undefined;
}

/** The signing user's registered signature image, or none (then the appearance is text only). */
export async function signatureImageFor(ctx: ServiceContext): Promise<Buffer | undefined> {
  const user = ctx.currentUser();
  if (!user) return undefined;
  const row = prepareQuery(ctx.handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('users').select('signature_image_sha256').where('id', '=', p.id),
  ).get({ id: user.id });
  const sha256 = row?.signature_image_sha256;
  return sha256 ? registeredImage(ctx, sha256) : undefined;
}

/** What an org's signature carries besides the text: the signer's signature and the org's seal. */
export async function signingImagesFor(ctx: ServiceContext, org: SealedOrg | undefined) {
  const [signatureImage, sealImage] = await Promise.all([
    signatureImageFor(ctx),
    org ? sealImageFor(ctx, org) : undefined,
  ]);
  return {
    ...(signatureImage ? { signatureImage } : {}),
    ...(sealImage ? { sealImage } : {}),
  };
}
