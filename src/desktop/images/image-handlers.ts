import { registeredImageRoutes } from '../../api/registered-images';
import { prepareQuery, type Params } from '../../db/client-query';
import { checkRegisteredImage } from '../../signing/images/registered-image';
import { blobCacheRepo, sha256Of } from '../../sync/repositories/blob-cache';
import type { imageCalls, RegisteredImageView, SealImageState } from '../contract-images';
import { isOffline } from '../fees/fee-handler-support';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';

const NONE: RegisteredImageView = { sha256: null, base64: null, size: null };

/**
 * Seal and signature images (decision 0039): the preview from the cache (fetched when online and
 * not cached yet), and saving through the server: the PNG is checked here first with the
 * server's own rules, uploaded as a blob, registered, kept in the cache for offline signing,
 * and the org or user row comes back with the next pull, started at once.
 */
export function imageHandlers(ctx: ServiceContext): HandlersFor<keyof typeof imageCalls> {
  const orgById = prepareQuery(ctx.handle, (db, p: Params<{ id: string }>) =>
    db
      .selectFrom('orgs')
      .select(['id', 'path', 'has_seal', 'seal_image_sha256'])
      .where('id', '=', p.id),
  );
  const signatureOf = prepareQuery(ctx.handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('users').select('signature_image_sha256').where('id', '=', p.id),
  );
  const adminPaths = prepareQuery(ctx.handle, (db, p: Params<{ userId: string }>) =>
    db
      .selectFrom('user_roles as r')
      .innerJoin('orgs as o', 'o.id', 'r.org_id')
      .select('o.path')
      .where('r.user_id', '=', p.userId)
      .where('r.role', '=', 'admin'),
  );
  const blobs = blobCacheRepo(ctx.handle);

  async function view(sha256: string | null | undefined, kind: 'seal' | 'signature') {
    if (!sha256) return NONE;
    let bytes = blobs.get(sha256)?.bytes;
    if (!bytes && ctx.session.current) {
      try {
        bytes = (await ctx.engine.fetchBlob(sha256)).bytes;
      } catch (err) {
        console.warn(`registered image ${sha256} could not be fetched`, err);
      }
    }
    if (!bytes) return { sha256, base64: null, size: null };
    const check = checkRegisteredImage(bytes, kind);
    return {
      sha256,
      base64: bytes.toString('base64'),
      size: check.ok ? check.value : null,
    };
  }

  function orgOf(orgId: string) {
    const org = orgById.get({ id: orgId });
    if (!org)
      return fail(
        'org_not_found',
        `org ${orgId} is not in the cache`,
        'Không tìm thấy tổ chức đảng trên máy này. Hãy đồng bộ rồi thử lại.',
      );
    return org;
  }

  /** The org's seal state; `sha256` overrides the cached row's (just saved, not pulled yet). */
  async function sealState(orgId: string, sha256?: string | null): Promise<SealImageState> {
    const org = orgOf(orgId);
    const user = ctx.currentUser();
    const canEdit =
      org.has_seal === 1 &&
      user !== null &&
      adminPaths.all({ userId: user.id }).some((g) => org.path.startsWith(g.path));
    return {
      ...(await view(sha256 === undefined ? org.seal_image_sha256 : sha256, 'seal')),
      hasSeal: org.has_seal === 1,
      canEdit,
    };
  }

  /** Checks the PNG, uploads it and keeps it in the cache; its hash, or null to remove. */
  async function upload(dataBase64: string | null, kind: 'seal' | 'signature') {
    if (dataBase64 === null) return null;
    const bytes = Buffer.from(dataBase64, 'base64');
    const check = checkRegisteredImage(bytes, kind);
    if (!check.ok) return fail(`invalid_${kind}_image`, check.message, check.messageVi);
    const sha256 = sha256Of(bytes);
    await ctx.tracked(ctx.api.putBlob(sha256, bytes));
    blobs.put({ sha256, contentType: 'image/png', bytes, needsUpload: false });
    return sha256;
  }

  /** Online only: the server registers; then the pull brings the row into the cache. */
  async function online<T>(what: 'seal' | 'signature', save: () => Promise<T>): Promise<T> {
    try {
      const user = ctx.requireServerSession();
      const saved = await save();
      await ctx.engine.sync({ userId: user.id, serverUrl: ctx.serverUrl }).catch(() => undefined);
      return saved;
    } catch (err) {
      if (isOffline(err))
        return fail(
          'offline',
          `saving the ${what} image needs the server, which is unreachable`,
          `Cần kết nối mạng để lưu ảnh ${what === 'seal' ? 'con dấu' : 'chữ ký'}. Vui lòng thử lại khi có kết nối.`,
        );
      throw err;
    }
  }

  return {
    orgSealImage: ({ orgId }) => sealState(orgId),

    saveOrgSealImage: async ({ orgId, dataBase64 }) => {
      orgOf(orgId);
      const saved = await online('seal', async () => {
        const sha256 = await upload(dataBase64, 'seal');
        return ctx.tracked(
          ctx.api.request(registeredImageRoutes.putOrgSealImage, {
            params: { orgId },
            body: { sha256 },
          }),
        );
      });
      return sealState(orgId, saved.sha256);
    },

    mySignatureImage: async () => {
      const user = ctx.currentUser();
      if (!user) return NONE;
      return view(signatureOf.get({ id: user.id })?.signature_image_sha256, 'signature');
    },

    saveMySignatureImage: async ({ dataBase64 }) => {
      const saved = await online('signature', async () => {
        const sha256 = await upload(dataBase64, 'signature');
        return ctx.tracked(
          ctx.api.request(registeredImageRoutes.putMySignatureImage, { body: { sha256 } }),
        );
      });
      return view(saved.sha256, 'signature');
    },
  };
}
