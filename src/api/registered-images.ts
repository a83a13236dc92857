import { z } from 'zod';
import { Id } from '../domain/common/schemas';
import { Sha256Hex } from '../domain/procedures/transfer-dossier';
import type { RouteSpec } from './routes';

/**
 * Seal and signature images (decision 0039): the PNG is uploaded first as a blob (PUT /v1/blobs),
 * then registered here by its hash; null removes the image. The org's or user's row carries the
 * hash, so pull brings it to the caches and the app draws it in every signature.
 */

export const RegisterImageRequest = z.object({ sha256: Sha256Hex.nullable() });
export type RegisterImageRequest = z.infer<typeof RegisterImageRequest>;

export const RegisteredImage = z.object({
  sha256: Sha256Hex.nullable(),
  /** Size in pixels and, for the preview, as it will be drawn (mm); null when no image. */
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
});
export type RegisteredImage = z.infer<typeof RegisteredImage>;

export const OrgSealParams = z.object({ orgId: Id });

export const registeredImageRoutes = {
  putOrgSealImage: {
    method: 'PUT',
    path: '/v1/orgs/:orgId/seal-image',
    summary:
      'Register (or remove, with null) the seal image of an org that has a seal: a transparent PNG blob the caller uploaded; an admin of the org’s subtree only',
    tag: 'orgs',
    auth: true,
    params: OrgSealParams,
    body: RegisterImageRequest,
    status: 200,
    response: RegisteredImage,
    errors: [400, 401, 403, 404, 409, 415],
    access: { roles: ['admin'], scope: 'org-subtree', param: 'orgId' },
  },
  putMySignatureImage: {
    method: 'PUT',
    path: '/v1/me/signature-image',
    summary:
      'Register (or remove, with null) the signed-in user’s own signature image: a transparent PNG blob he uploaded',
    tag: 'users',
    auth: true,
    body: RegisterImageRequest,
    status: 200,
    response: RegisteredImage,
    errors: [400, 401, 415],
    access: { roles: 'any', scope: 'self' },
  },
} as const satisfies Record<string, RouteSpec>;
