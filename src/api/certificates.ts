import { z } from 'zod';
import { Id } from '../domain/common/schemas';
import type { RouteSpec } from './routes';

/** A lower-case hex SHA-256 of a certificate's DER. */
export const CertificateFingerprint = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

/** A certificate as PEM, or its DER in base64 (one certificate, at most 16 KB of text). */
const CertificateText = z.string().trim().min(100).max(16_384);

/** A user registers the certificate of his signing token (with the CA certificates it carries). */
export const RegisterCertificateRequest = z.object({
  certificate: CertificateText,
  /** Intermediate CA certificates from the token, so the server can build the path to a root. */
  chain: z.array(CertificateText).max(8).default([]),
});
export type RegisterCertificateRequest = z.infer<typeof RegisterCertificateRequest>;

/** One registration: which certificate, whose, and whether it still counts. */
export const CertificateRegistration = z.object({
  id: Id,
  userId: Id,
  /** The holder's full name, for the admin list. */
  userFullName: z.string(),
  fingerprintSha256: CertificateFingerprint,
  subject: z.string(),
  serial: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  registeredAt: z.string(),
  registeredBy: Id,
  revokedAt: z.string().nullable(),
  revokedBy: Id.nullable(),
  revokedReason: z.string().nullable(),
});
export type CertificateRegistration = z.infer<typeof CertificateRegistration>;

export const CertificateListResponse = z.object({ items: z.array(CertificateRegistration) });
export type CertificateListResponse = z.infer<typeof CertificateListResponse>;

/** The admin list: registrations of users in the caller's admin scope, optionally one org's. */
export const CertificateListQuery = z.object({
  orgId: Id.optional(),
  /** Only registrations that still count (default), or every one. */
  status: z.enum(['active', 'all']).default('active'),
});
export type CertificateListQuery = z.infer<typeof CertificateListQuery>;

export const CertificateIdParams = z.object({ id: Id });

export const RevokeCertificateRequest = z.object({
  reason: z.string().trim().min(3).max(500),
});
export type RevokeCertificateRequest = z.infer<typeof RevokeCertificateRequest>;

export const certificateRoutes = {
  registerMyCertificate: {
    method: 'POST',
    path: '/v1/me/certificates',
    summary:
      'Register the signed-in user’s token certificate (it must chain to a trust anchor, allow signing and be valid now)',
    tag: 'certificates',
    auth: true,
    body: RegisterCertificateRequest,
    status: 201,
    response: CertificateRegistration,
    errors: [400, 401, 409, 413, 415],
    access: { roles: 'any', scope: 'self' },
  },
  myCertificates: {
    method: 'GET',
    path: '/v1/me/certificates',
    summary: 'The signed-in user’s certificate registrations, revoked ones included',
    tag: 'certificates',
    auth: true,
    status: 200,
    response: CertificateListResponse,
    errors: [401],
    access: { roles: 'any', scope: 'self' },
  },
  listCertificates: {
    method: 'GET',
    path: '/v1/certificates',
    summary: 'Certificate registrations of the users in the admin’s scope',
    tag: 'certificates',
    auth: true,
    querystring: CertificateListQuery,
    status: 200,
    response: CertificateListResponse,
    errors: [400, 401, 403, 404],
    access: { roles: ['admin'], scope: 'filtered' },
  },
  revokeCertificate: {
    method: 'POST',
    path: '/v1/certificates/:id/revoke',
    summary:
      'Revoke a registration (the certificate no longer signs for its user); recorded in the user’s history',
    tag: 'certificates',
    auth: true,
    params: CertificateIdParams,
    body: RevokeCertificateRequest,
    status: 200,
    response: CertificateRegistration,
    errors: [400, 401, 403, 404, 409, 415],
    access: { roles: ['admin'], scope: 'certificate', param: 'id' },
  },
} as const satisfies Record<string, RouteSpec>;
