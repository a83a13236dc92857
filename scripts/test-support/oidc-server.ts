/**
 * The central server seeded with the test fixture and trusting a test OpenID provider, on
 * loopback: for the desktop's OIDC tests, which may not reach into server/ themselves. Test
 * support only.
 */
import { LOGIN_LOCKOUT } from '../../server/auth/password-policy';
import { DEFAULT_AUTH_RATE_LIMITS } from '../../server/auth/rate-limits';
import { ids, TEST_SCRYPT } from '../../server/test-support/fixture';
import { openTestServer } from '../../server/test-support/harness';
import { CITIZEN_ID_CLAIM, TEST_OIDC_CLIENT_ID, type TestOidcProvider } from './oidc-provider';

export { ids as fixtureIds };

export interface OidcTestServer {
  url: string;
  close(): Promise<void>;
}

export async function startOidcTestServer(provider: TestOidcProvider): Promise<OidcTestServer> {
  const t = await openTestServer({
    engine: 'sqlite',
    postgresUrl: '',
    wallClock: true,
    server: {
      auth: {
        rateLimits: DEFAULT_AUTH_RATE_LIMITS,
        passwords: { lockout: LOGIN_LOCKOUT, scrypt: TEST_SCRYPT },
        oidc: {
          issuer: provider.issuer,
          clientId: TEST_OIDC_CLIENT_ID,
          citizenIdClaim: CITIZEN_ID_CLAIM,
        },
      },
    },
  });
  return { url: t.url, close: t.close };
}
