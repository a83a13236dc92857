import { z } from 'zod';
import { AttachmentContentType, Sha256Hex } from '../domain/procedures/transfer-dossier';
import type { RouteSpec } from './routes';

/** Default upper bound of one blob (attachments, signed letters); the server may lower or raise it. */
export const BLOB_MAX_BYTES_DEFAULT = 20 * 1024 * 1024;

export const BlobParams = z.object({ sha256: Sha256Hex });
export type BlobParams = z.infer<typeof BlobParams>;

export const BlobInfo = z.object({
  sha256: Sha256Hex,
  /** Sniffed from the bytes, never taken from the name or the request header. */
  contentType: AttachmentContentType,
  size: z.number().int().positive(),
});
export type BlobInfo = z.infer<typeof BlobInfo>;

/** Content types a PUT may declare; the bytes decide the stored type. */
export const BLOB_UPLOAD_TYPES = [
  'application/octet-stream',
  ...AttachmentContentType.options,
] as const;

export const blobRoutes = {
  putBlob: {
    method: 'PUT',
    path: '/v1/blobs/:sha256',
    summary: 'Upload a file by its SHA-256 (idempotent): PDF, PNG or JPEG',
    tag: 'blobs',
    auth: true,
    params: BlobParams,
    status: 200,
    response: BlobInfo,
    errors: [400, 401, 413, 415],
    access: { roles: 'any', scope: 'blob' },
  },
  getBlob: {
    method: 'GET',
    path: '/v1/blobs/:sha256',
    summary: 'Download a file the caller may see (its bytes, with the sniffed content type)',
    tag: 'blobs',
    auth: true,
    params: BlobParams,
    status: 200,
    response: z.unknown(),
    errors: [400, 401, 404],
    access: { roles: 'any', scope: 'blob' },
  },
} as const satisfies Record<string, RouteSpec>;
