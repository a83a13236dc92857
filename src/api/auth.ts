import { z } from 'zod';
import { RoleGrant } from '../domain/people/user';

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/**
 * Sign-in with an ID token from the configured OpenID provider (VNeID in production), which the
 * desktop got by the authorization code flow with PKCE; `nonce` is the one it sent in that flow.
 */
export const OidcLoginRequest = z.object({
  idToken: z.string().min(20).max(16_000),
  nonce: z.string().min(16).max(200),
});
export type OidcLoginRequest = z.infer<typeof OidcLoginRequest>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(20).max(200) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  orgId: z.string(),
  roles: z.array(RoleGrant),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const Session = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  user: SessionUser,
});
export type Session = z.infer<typeof Session>;
