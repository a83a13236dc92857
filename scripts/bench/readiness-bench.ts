import { sql } from 'kysely';
import { buildServer } from '../../server/app';
import { pathInSubtrees } from '../../server/repositories/scope-sql';
import { openServerDb } from '../../src/db/server-db';
import { DEMO_PASSWORD } from '../gen/demo-accounts';
import { serverDbFile, type Tier } from './fixture';
import { tierRootAdmin } from './fees-bench.repo';
import { figureLine, ms, timed } from './stats';

const RUNS = 5;

/**
 * readiness.<tier> and readiness.<tier>.dashboard: the tier's top admin asks for the readiness review and
 * the dashboard of his whole tree (GET /v1/oversight/…?orgId=root, through the API with its
 * access check and response schema), against a raw select of the subtree's org rows, the floor of
 * anything that looks at every org once. Best and worst of a few runs after one warm-up.
 */
export async function benchReadiness(tier: Tier, seed: number): Promise<string[]> {
  const server = await openServerDb({ sqliteFile: await serverDbFile(tier, seed) });
  const app = await buildServer({ db: server, logger: false });
  try {
    const root = await tierRootAdmin(server.db);
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: root.username, password: DEMO_PASSWORD },
    });
    const token = (login.json() as { accessToken: string }).accessToken;
    const rawRuns: number[] = [];
    let orgs = 0;
    for (let i = 0; i <= RUNS; i++) {
      const t = await timed(async () => {
        const rows = await server.db
          .selectFrom('orgs as o')
          .select(['o.id', 'o.parent_id', 'o.type', 'o.name'])
          .where(pathInSubtrees(sql.ref('o.path'), [root.path]))
          .where('o.deleted', '=', 0)
          .orderBy('o.path')
          .execute();
        orgs = rows.length;
      });
      if (i > 0) rawRuns.push(t);
    }
    const raw = Math.min(...rawRuns);
    const figure = async (name: string, url: string, size: (body: unknown) => string) => {
      const runs: number[] = [];
      let body: unknown;
      for (let i = 0; i <= RUNS; i++) {
        const t = await timed(async () => {
          const res = await app.inject({
            method: 'GET',
            url,
            headers: { authorization: `Bearer ${token}` },
          });
          if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
          body = res.json();
        });
        if (i > 0) runs.push(t);
      }
      const best = Math.min(...runs);
      return figureLine(name, {
        ms: ms(best),
        max_ms: ms(Math.max(...runs)),
        orgs,
        [size(body).split('=')[0]!]: size(body).split('=')[1]!,
        ratio: (best / raw).toFixed(2),
        raw_ms: ms(raw),
      });
    };
    return [
      await figure(
        `readiness.${tier}`,
        `/v1/oversight/readiness?orgId=${root.id}`,
        // Every finding is computed; the screen's first page of each kind is answered.
        (b) =>
          `findings=${Object.values((b as { counts: Record<string, number> }).counts).reduce((x, y) => x + y, 0)}`,
      ),
      await figure(
        `readiness.${tier}.dashboard`,
        `/v1/oversight/dashboard?orgId=${root.id}`,
        (b) =>
          `users=${Object.values((b as { users: Record<string, number> }).users).reduce((x, y) => x + y, 0)}`,
      ),
    ];
  } finally {
    await app.close();
    await server.close();
  }
}
