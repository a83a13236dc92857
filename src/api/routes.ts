import { z } from 'zod';
import { LoginRequest, OidcLoginRequest, RefreshRequest, Session } from './auth';
import {
  MemberIdParams,
  MemberListQuery,
  MemberListResponse,
  TemporaryMembershipsResponse,
} from './members';
import {
  OrgAncestorsResponse,
  OrgChildrenResponse,
  OrgDetail,
  OrgIdParams,
  OrgSearchQuery,
  OrgSearchResponse,
} from './orgs';
import { PullQuery, PullResponse } from './sync';
import {
  MeResponse,
  UserDetail,
  UserHistoryResponse,
  UserIdParams,
  UserListQuery,
  UserListResponse,
} from './users';
import { Member } from '../domain/people/member';
import type { Access } from './access';

/** One endpoint of the central API: the server registers it, the client calls it, OpenAPI lists it. */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify-style path, `:name` for parameters. */
  path: string;
  summary: string;
  tag: string;
  /** Needs `Authorization: Bearer <access token>`. */
  auth: boolean;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** Status of the success answer and its body (z.null() for 204). */
  status: 200 | 201 | 204;
  response: z.ZodType;
  /** Statuses this route answers with an ApiError body. */
  errors: readonly number[];
  /** A richer body than ApiError for some of those statuses (it must extend ApiError). */
  errorBodies?: Readonly<Partial<Record<number, z.ZodType>>>;
  /** Roles allowed and where the route's object must lie; enforced before the handler runs. */
  access: Access;
}

const route = <const S extends RouteSpec>(spec: S): S => spec;

export const HealthResponse = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponse>;

const authed = [400, 401, 404] as const;

export const apiRoutes = {
  health: route({
    method: 'GET',
    path: '/v1/health',
    summary: 'Liveness check',
    tag: 'system',
    auth: false,
    status: 200,
    response: HealthResponse,
    errors: [],
    access: { roles: 'any', scope: 'public' },
  }),
  login: route({
    method: 'POST',
    path: '/v1/auth/login',
    summary: 'Log in with username and password',
    tag: 'auth',
    auth: false,
    body: LoginRequest,
    status: 200,
    response: Session,
    errors: [400, 401, 403, 413, 415, 429, 503],
    access: { roles: 'any', scope: 'public' },
  }),
  oidcLogin: route({
    method: 'POST',
    path: '/v1/auth/oidc',
    summary: 'Log in with an ID token of the configured OpenID provider (VNeID)',
    tag: 'auth',
    auth: false,
    body: OidcLoginRequest,
    status: 200,
    response: Session,
    // 503: no provider configured, or its keys cannot be fetched.
    errors: [400, 401, 413, 415, 429, 503],
    access: { roles: 'any', scope: 'public' },
  }),
  refresh: route({
    method: 'POST',
    path: '/v1/auth/refresh',
    summary: 'Exchange a refresh token for a new session (the old token stops working)',
    tag: 'auth',
    auth: false,
    body: RefreshRequest,
    status: 200,
    response: Session,
    errors: [400, 401, 413, 415, 429],
    access: { roles: 'any', scope: 'public' },
  }),
  logout: route({
    method: 'POST',
    path: '/v1/auth/logout',
    summary: 'Revoke a refresh token',
    tag: 'auth',
    auth: false,
    body: RefreshRequest,
    status: 204,
    response: z.null(),
    errors: [400, 413, 415],
    access: { roles: 'any', scope: 'public' },
  }),
  me: route({
    method: 'GET',
    path: '/v1/me',
    summary: 'The signed-in user',
    tag: 'users',
    auth: true,
    status: 200,
    response: MeResponse,
    errors: [401],
    access: { roles: 'any', scope: 'self' },
  }),
  searchOrgs: route({
    method: 'GET',
    path: '/v1/orgs',
    summary: 'Search the orgs in scope by code or name',
    tag: 'orgs',
    auth: true,
    querystring: OrgSearchQuery,
    status: 200,
    response: OrgSearchResponse,
    errors: [400, 401],
    access: { roles: 'any', scope: 'filtered' },
  }),
  getOrg: route({
    method: 'GET',
    path: '/v1/orgs/:id',
    summary: 'Org detail with bank accounts',
    tag: 'orgs',
    auth: true,
    params: OrgIdParams,
    status: 200,
    response: OrgDetail,
    errors: authed,
    access: { roles: 'any', scope: 'org', param: 'id' },
  }),
  orgChildren: route({
    method: 'GET',
    path: '/v1/orgs/:id/children',
    summary: 'Children of an org, with their child counts',
    tag: 'orgs',
    auth: true,
    params: OrgIdParams,
    status: 200,
    response: OrgChildrenResponse,
    errors: authed,
    access: { roles: 'any', scope: 'org', param: 'id' },
  }),
  orgAncestors: route({
    method: 'GET',
    path: '/v1/orgs/:id/ancestors',
    summary: 'Ancestors of an org, root first (breadcrumb)',
    tag: 'orgs',
    auth: true,
    params: OrgIdParams,
    status: 200,
    response: OrgAncestorsResponse,
    errors: authed,
    access: { roles: 'any', scope: 'org', param: 'id' },
  }),
  listMembers: route({
    method: 'GET',
    path: '/v1/members',
    summary: 'Members in scope, keyset-paged in Vietnamese name order',
    tag: 'members',
    auth: true,
    querystring: MemberListQuery,
    status: 200,
    response: MemberListResponse,
    errors: authed,
    access: { roles: 'any', scope: 'filtered' },
  }),
  getMember: route({
    method: 'GET',
    path: '/v1/members/:id',
    summary: 'One member',
    tag: 'members',
    auth: true,
    params: MemberIdParams,
    status: 200,
    response: Member,
    errors: authed,
    access: { roles: 'any', scope: 'member', param: 'id' },
  }),
  memberTemporaryMemberships: route({
    method: 'GET',
    path: '/v1/members/:id/temporary-memberships',
    summary: 'Where a member is (or was) temporarily active, from completed temporary transfers',
    tag: 'members',
    auth: true,
    params: MemberIdParams,
    status: 200,
    response: TemporaryMembershipsResponse,
    errors: authed,
    access: { roles: 'any', scope: 'member', param: 'id' },
  }),
  listUsers: route({
    method: 'GET',
    path: '/v1/users',
    summary: 'User accounts under the orgs the caller administers',
    tag: 'users',
    auth: true,
    querystring: UserListQuery,
    status: 200,
    response: UserListResponse,
    errors: [400, 401, 403, 404],
    access: { roles: ['admin'], scope: 'filtered' },
  }),
  getUser: route({
    method: 'GET',
    path: '/v1/users/:id',
    summary: 'One user account with its roles',
    tag: 'users',
    auth: true,
    params: UserIdParams,
    status: 200,
    response: UserDetail,
    errors: authed,
    access: { roles: 'any', scope: 'user', param: 'id' },
  }),
  userHistory: route({
    method: 'GET',
    path: '/v1/users/:id/history',
    summary: 'Edit history of a user account (admins)',
    tag: 'users',
    auth: true,
    params: UserIdParams,
    status: 200,
    response: UserHistoryResponse,
    errors: [400, 401, 403, 404],
    access: { roles: ['admin'], scope: 'user', param: 'id' },
  }),
  pull: route({
    method: 'GET',
    path: '/v1/sync/pull',
    summary: 'Changes in the caller’s scope after a cursor, in rev order',
    tag: 'sync',
    auth: true,
    querystring: PullQuery,
    status: 200,
    response: PullResponse,
    errors: [400, 401, 409],
    access: { roles: 'any', scope: 'filtered' },
  }),
} as const;

export type ApiRoutes = typeof apiRoutes;
