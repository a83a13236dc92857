/**
 * The central server seeded with the test fixture and trusting a test OpenID provider, on
 * loopback: for the desktop's OIDC tests, which may not reach into server/ themselves. Test
 * support only.
 */
import { freshServerDatabase } from './databases';
import { openServerDb } from '../../src/db/server-db';
import { buildServer } from '../../server/app';
import { LOGIN_LOCKOUT } from '../../server/auth/password-policy';
import { DEFAULT_AUTH_RATE_LIMITS } from '../../server/auth/rate-limits';
import { ids, seedFixture, TEST_SCRYPT } from '../../server/test-support/fixture';
import { CITIZEN_ID_CLAIM, TEST_OIDC_CLIENT_ID, type TestOidcProvider } from './oidc-provider';

export { ids as fixtureIds };

export interface OidcTestServer {
  url: string;
  close(): Promise<void>;
}

export async function startOidcTestServer(provider: TestOidcProvider): Promise<OidcTestServer> {
  const fresh = await freshServerDatabase('sqlite', '');
  const db = await openServerDb(fresh.config);
  await seedFixture(db.db);
  const server = await buildServer({
    db,
    logger: false,
    auth: {
      rateLimits: DEFAULT_AUTH_RATE_LIMITS,
      passwords: { lockout: LOGIN_LOCKOUT, scrypt: TEST_SCRYPT },
      oidc: {
        issuer: provider.issuer,
        clientId: TEST_OIDC_CLIENT_ID,
        citizenIdClaim: CITIZEN_ID_CLAIM,
      },
    },
  });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    async close() {
      await server.close();
      await db.close();
      await fresh.drop();
    },
  };
}
