import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openServerDb, type ServerDbConfig } from '../../src/db/server-db';
import { buildServer } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import type { Db } from '../../server/repositories/db';
import { moveMember } from '../../server/repositories/members';
import { nextRev } from '../../server/repositories/revisions';
import { grantRole } from '../../server/repositories/users';
import { subtreeUpperBound } from '../../server/scope/scope';
import type { RoleGrant } from '../../src/domain/people/user';
import { foldForSearch } from '../../src/domain/text/fold';
import { vietnameseNameSortKey } from '../../src/domain/text/vietnamese-names';
import { DEMO_PASSWORD } from '../gen/demo-accounts';
import { generate } from '../gen/generate';

// Helpers for the client sync tests and benchmarks: a generated server database, the real API on
// loopback, and the scope a user should end up with, computed straight from the server tables.

/** Cheap scrypt for generated test accounts (the default costs ≈100 ms per login). */
const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A digest of the generator and the server schema: a template made by older code is not reused. */
function generatorVersion(): string {
  const hash = createHash('sha256');
  for (const dir of ['scripts/gen', 'migrations/server']) {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      if (name.endsWith('.ts') && !name.endsWith('.test.ts'))
        hash.update(name).update(readFileSync(join(ROOT, dir, name)));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * The SQLite file with the tier generated from `seed`, made once per tier, seed and version of
 * the generator under the OS temp dir. Never write to it: copy it (generatedServerDb).
 */
export async function generatedTemplate(tier: 'ward' | 'province', seed: number): Promise<string> {
  const cacheDir = join(tmpdir(), 'dangvu-gen-cache');
  const template = join(cacheDir, `${tier}-seed${seed}-${generatorVersion()}.sqlite`);
  if (!existsSync(template)) {
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${template}.${process.pid}.partial`;
    rmSync(partial, { force: true });
    const server = await openServerDb({ sqliteFile: partial });
    await generate(server.db, {
      tier,
      seed,
      passwordHash: await hashPassword(DEMO_PASSWORD, TEST_SCRYPT),
    });
    await server.close();
    // Atomic: a parallel or killed run never leaves a half-written template behind.
    renameSync(partial, template);
  }
  return template;
}

/** A server database of its own with the generated tier, for one test file. */
export async function generatedServerDb(
  tier: 'ward' | 'province',
  seed: number,
): Promise<{ config: { sqliteFile: string }; drop(): void }> {
  const template = await generatedTemplate(tier, seed);
  const dir = mkdtempSync(join(tmpdir(), 'sync-srv-'));
  const sqliteFile = join(dir, 'server.sqlite');
  copyFileSync(template, sqliteFile);
  return { config: { sqliteFile }, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface LoopbackServer {
  url: string;
  /** The server's clock; move it to expire access tokens. */
  clock: { offsetMs: number };
  close(): Promise<void>;
}

/** The real API on 127.0.0.1 and a random port, with a clock the test can move. */
export async function startLoopbackServer(config: ServerDbConfig): Promise<LoopbackServer> {
  const db = await openServerDb(config);
  const clock = { offsetMs: 0 };
  const app = await buildServer({ db, now: () => new Date(Date.now() + clock.offsetMs) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    clock,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export interface ScopeIds {
  orgs: string[];
  bankAccounts: string[];
  members: string[];
  users: string[];
  userRoles: string[];
}

/**
 * The ids a user's cache must hold, from the server tables and DESIGN.md's scope: the subtrees of
 * the user's grants and their ancestors; members registered or living there; the bank accounts of
 * those orgs; the accounts (and their grants) of those orgs, and the user's own.
 */
export async function expectedScope(config: ServerDbConfig, username: string): Promise<ScopeIds> {
  const server = await openServerDb(config);
  try {
    const { db } = server;
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const grantPaths = await db
      .selectFrom('user_roles as r')
      .innerJoin('orgs as o', 'o.id', 'r.org_id')
      .select('o.path')
      .where('r.user_id', '=', user.id)
      .where('r.deleted', '=', 0)
      .execute();
    const orgs = await db
      .selectFrom('orgs')
      .select(['id', 'path'])
      .where('deleted', '=', 0)
      .execute();
    const inSubtree = (path: string) =>
      grantPaths.some((g) => path >= g.path && path < subtreeUpperBound(g.path));
    const ancestors = new Set(
      grantPaths.flatMap((g) => g.path.split('/').filter((id) => id !== '')),
    );
    const subtree = new Set(orgs.filter((o) => inSubtree(o.path)).map((o) => o.id));
    const visibleOrgs = orgs.filter((o) => subtree.has(o.id) || ancestors.has(o.id));
    const members = await db
      .selectFrom('members')
      .select(['id', 'home_org_id', 'residence_org_id'])
      .where('deleted', '=', 0)
      .execute();
    const bankAccounts = await db
      .selectFrom('org_bank_accounts')
      .select(['id', 'org_id'])
      .where('deleted', '=', 0)
      .execute();
    const users = await db
      .selectFrom('users')
      .select(['id', 'org_id'])
      .where('deleted', '=', 0)
      .execute();
    const visibleUsers = new Set(
      users.filter((u) => subtree.has(u.org_id) || u.id === user.id).map((u) => u.id),
    );
    const roles = await db
      .selectFrom('user_roles')
      .select(['id', 'user_id'])
      .where('deleted', '=', 0)
      .execute();
    const sorted = (ids: string[]) => [...ids].sort();
    return {
      orgs: sorted(visibleOrgs.map((o) => o.id)),
      bankAccounts: sorted(bankAccounts.filter((b) => subtree.has(b.org_id)).map((b) => b.id)),
      members: sorted(
        members
          .filter(
            (m) =>
              subtree.has(m.home_org_id) ||
              (m.residence_org_id !== null && subtree.has(m.residence_org_id)),
          )
          .map((m) => m.id),
      ),
      users: sorted([...visibleUsers]),
      userRoles: sorted(roles.filter((r) => visibleUsers.has(r.user_id)).map((r) => r.id)),
    };
  } finally {
    await server.close();
  }
}

/** Writes other clients of the central API would make, straight through the server repositories. */
export const serverWrites = {
  async moveMember(config: ServerDbConfig, memberId: string, homeOrgId: string): Promise<void> {
    await withServerDb(config, (db) =>
      db.transaction().execute((trx) => moveMember(trx, memberId, { homeOrgId }, new Date())),
    );
  },
  async renameMember(config: ServerDbConfig, memberId: string, fullName: string): Promise<void> {
    await withServerDb(config, (db) =>
      db.transaction().execute(async (trx) => {
        await trx
          .updateTable('members')
          .set({
            full_name: fullName,
            name_folded: foldForSearch(fullName),
            sort_key: vietnameseNameSortKey(fullName),
            rev: await nextRev(trx),
            updated_at: new Date().toISOString(),
          })
          .where('id', '=', memberId)
          .execute();
      }),
    );
  },
  async grantRole(config: ServerDbConfig, userId: string, grant: RoleGrant): Promise<void> {
    await withServerDb(config, (db) =>
      db.transaction().execute((trx) => grantRole(trx, userId, grant, new Date())),
    );
  },
  /** A cell that is not among `ids`, e.g. outside a cache's scope. */
  async cellOutside(config: ServerDbConfig, ids: string[]): Promise<string> {
    return withServerDb(config, async (db) => {
      const row = await db
        .selectFrom('orgs')
        .select('id')
        .where('type', '=', 'grassroots_cell')
        .where('deleted', '=', 0)
        .where('id', 'not in', ids)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  },
};

async function withServerDb<T>(config: ServerDbConfig, fn: (db: Db) => Promise<T>): Promise<T> {
  const server = await openServerDb(config);
  try {
    return await fn(server.db);
  } finally {
    await server.close();
  }
}
