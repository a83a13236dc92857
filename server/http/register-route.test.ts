import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouteSpec } from '../../src/api/routes';
import { checkDeclaredAccess } from './register-route';

const spec = (over: Partial<RouteSpec>): RouteSpec => ({
  method: 'GET',
  path: '/v1/things',
  summary: 'things',
  tag: 'test',
  auth: true,
  status: 200,
  response: z.object({}),
  errors: [400, 401, 403, 404],
  access: { roles: ['admin'], scope: 'org-subtree', param: 'orgId' },
  ...over,
});

describe('the access declaration of a route', () => {
  it('may name its object in the path or as a required query field', () => {
    expect(() => checkDeclaredAccess(spec({ path: '/v1/orgs/:orgId/things' }))).not.toThrow();
    expect(() =>
      checkDeclaredAccess(spec({ querystring: z.object({ orgId: z.string() }) })),
    ).not.toThrow();
  });

  it('refuses an object the request may leave out, or does not name at all', () => {
    expect(() =>
      checkDeclaredAccess(spec({ querystring: z.object({ orgId: z.string().optional() }) })),
    ).toThrow(/orgId is not in the path or query/);
    expect(() => checkDeclaredAccess(spec({ querystring: z.object({ q: z.string() }) }))).toThrow(
      /orgId is not in the path or query/,
    );
    expect(() => checkDeclaredAccess(spec({}))).toThrow(/not in the path or query/);
  });
});
