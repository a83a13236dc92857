import type { X509Certificate } from 'node:crypto';
import { certificateRoutes } from '../../src/api/certificates';
import type { ServerContext } from '../context';
import { badRequest, forbidden, HttpError, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { findVisibleOrg } from '../repositories/orgs';
import {
  findRegistration,
  findRegistrationById,
  fingerprintOf,
  insertRegistration,
  registrationsInSubtrees,
  registrationsOfUser,
  revokeRegistration,
} from '../repositories/user-certificates';
import { isInSubtree, subtreesOfRole } from '../scope/scope';
import { checkRegistrableCertificate } from '../signing/registrable-certificate';

const conflict = (error: string, message: string, messageVi: string) =>
  new HttpError(409, { error, message, messageVi });

/** The certificate registry: users register their token certificate; admins list and revoke. */
export function certificateRoutesOf(
  route: Register,
  ctx: ServerContext,
  trustAnchors: X509Certificate[],
): void {
  route(certificateRoutes.registerMyCertificate, async ({ body, caller, request }) => {
    const now = ctx.now();
    const check = checkRegistrableCertificate(body.certificate, body.chain, trustAnchors, now);
    if (!check.ok) throw badRequest('certificate', check.message, check.messageVi);
    const existing = await findRegistration(ctx.db, fingerprintOf(check.certificate));
    if (existing && existing.userId !== caller.user.id)
      throw conflict(
        'certificate_taken',
        'the certificate is registered to another user',
        'Chứng thư số này đã được đăng ký cho tài khoản khác.',
      );
    if (existing?.revokedAt)
      throw conflict(
        'certificate_revoked',
        'the registration of this certificate was revoked',
        'Đăng ký của chứng thư số này đã bị thu hồi. Hãy liên hệ quản trị viên.',
      );
    if (existing) return existing;
    await insertRegistration(
      ctx.db,
      { userId: caller.user.id, certificate: check.certificate, registeredBy: caller.user.id },
      now,
    );
    request.log.info({ userId: caller.user.id }, 'certificate registered');
    const stored = await findRegistration(ctx.db, fingerprintOf(check.certificate));
    if (!stored) throw notFound();
    return stored;
  });

  route(certificateRoutes.myCertificates, async ({ caller }) => ({
    items: await registrationsOfUser(ctx.db, caller.user.id),
  }));

  route(certificateRoutes.listCertificates, async ({ query, caller }) => {
    const roots = subtreesOfRole(caller.scope, 'admin');
    if (roots.length === 0) throw forbidden();
    let withinPath: string | undefined;
    if (query.orgId) {
      const org = await findVisibleOrg(ctx.db, caller.scope, query.orgId);
      if (!org) throw notFound();
      withinPath = org.path;
    }
    const items = await registrationsInSubtrees(ctx.db, roots, {
      withinPath,
      activeOnly: query.status === 'active',
    });
    return { items };
  });

  route(certificateRoutes.revokeCertificate, async ({ params, body, caller }) => {
    const reg = await findRegistrationById(ctx.db, params.id);
    const roots = subtreesOfRole(caller.scope, 'admin');
    // Out of scope looks like absent: an admin learns nothing of other orgs' registrations.
    if (!reg || !roots.some((root) => isInSubtree(reg.orgPath, root))) {
      if (roots.length === 0) throw forbidden();
      throw notFound();
    }
    const now = ctx.now();
    const done = await revokeRegistration(ctx.db, reg, caller.user.id, body.reason, now);
    if (!done)
      throw conflict(
        'already_revoked',
        'the registration was revoked already',
        'Đăng ký chứng thư số này đã được thu hồi trước đó.',
      );
    const { orgPath: _path, ...after } = (await findRegistrationById(ctx.db, params.id))!;
    return after;
  });
}
