import { registeredImageRoutes, type RegisteredImage } from '../../src/api/registered-images';
import {
  checkRegisteredImage,
  type RegisteredImageKind,
} from '../../src/signing/images/registered-image';
import type { ServerContext } from '../context';
import { badRequest, HttpError, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { blobBytes } from '../repositories/blobs';
import { findOrg } from '../repositories/orgs';
import {
  setOrgSealImage,
  setUserSignatureImage,
  uploadedBy,
} from '../repositories/registered-images';

const NONE: RegisteredImage = { sha256: null, width: null, height: null };

/**
 * Seal and signature images (decision 0039). The route's access has already placed the org under
 * the caller's admin grant (seal) or named nobody but the caller (signature); here the image
 * itself: a blob the caller uploaded, meeting the image rules, re-checked from the stored bytes.
 */
export function registeredImageRoutesOf(route: Register, ctx: ServerContext): void {
  async function checkedImage(
    sha256: string,
    userId: string,
    kind: RegisteredImageKind,
  ): Promise<RegisteredImage> {
    const bytes = (await uploadedBy(ctx.db, sha256, userId))
      ? await blobBytes(ctx.db, sha256)
      : null;
    if (!bytes)
      throw badRequest(
        'sha256',
        `blob ${sha256} is not an upload of the caller`,
        'Ảnh chưa được tải lên máy chủ. Hãy chọn lại tệp ảnh.',
      );
    const check = checkRegisteredImage(bytes, kind);
    if (!check.ok) throw badRequest('sha256', check.message, check.messageVi);
    return { sha256, width: check.value.width, height: check.value.height };
  }

  route(registeredImageRoutes.putOrgSealImage, async ({ params, body, caller, request }) => {
    const org = await findOrg(ctx.db, params.orgId);
    if (!org) throw notFound();
    if (!org.hasSeal && body.sha256 !== null)
      throw new HttpError(409, {
        error: 'org_without_seal',
        message: `org ${org.id} does not use a seal`,
        messageVi: `${org.name} không sử dụng con dấu nên không đăng ký ảnh con dấu.`,
      });
    const image =
      body.sha256 === null ? NONE : await checkedImage(body.sha256, caller.user.id, 'seal');
    const done = await setOrgSealImage(
      ctx.db,
      { orgId: org.id, sha256: image.sha256, changedBy: caller.user.id },
      ctx.now(),
    );
    if (!done) throw notFound();
    request.log.info({ orgId: org.id, sha256: image.sha256 }, 'seal image registered');
    return image;
  });

  route(registeredImageRoutes.putMySignatureImage, async ({ body, caller, request }) => {
    const image =
      body.sha256 === null ? NONE : await checkedImage(body.sha256, caller.user.id, 'signature');
    const done = await setUserSignatureImage(
      ctx.db,
      { userId: caller.user.id, sha256: image.sha256, changedBy: caller.user.id },
      ctx.now(),
    );
    if (!done) throw notFound();
    request.log.info({ sha256: image.sha256 }, 'signature image registered');
    return image;
  });
}
