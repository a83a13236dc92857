/** The matrix cases of the seal and signature image routes (decision 0039). */
import { json, type RouteCase } from './model';

// Removal (null) needs no upload; the image rules themselves are server/registered-images.test.ts's.
export const IMAGE_ROUTE_CASES: Record<string, RouteCase> = {
  'PUT /v1/orgs/:orgId/seal-image': {
    success: 'ok',
    in: (w) => json('PUT', `/v1/orgs/${w.ids.ward}/seal-image`, { sha256: null }),
    out: (w) => json('PUT', `/v1/orgs/${w.ids.otherWard}/seal-image`, { sha256: null }),
  },
  'PUT /v1/me/signature-image': {
    success: 'ok',
    in: () => json('PUT', '/v1/me/signature-image', { sha256: null }),
  },
};
