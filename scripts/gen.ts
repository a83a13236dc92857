/**
 * Fills a server database with generated data:
 *   npm run gen -- --tier ward|province|nation --seed N [--db FILE]
 * Without --db, DATABASE_URL (PostgreSQL) is used. The database must hold no orgs yet.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openServerDb, type ServerDbConfig } from '../src/db/server-db';
import { DEMO_PASSWORD } from './gen/demo-accounts';
import { generate } from './gen/generate';
import { TIERS } from './gen/model';

const Args = z.object({
  tier: z.enum(TIERS, { message: `--tier must be one of ${TIERS.join(', ')}` }),
  seed: z.coerce
    .number({ message: '--seed must be a number' })
    .int('--seed must be a whole number')
    .min(0, '--seed must be 0 or more')
    .max(2 ** 32 - 1, '--seed must be below 2^32'),
  db: z.string().min(1).optional(),
});

function fail(message: string): never {
  console.error(`gen: ${message}`);
  console.error('usage: npm run gen -- --tier ward|province|nation --seed N [--db FILE]');
  process.exit(2);
}

function parseCommandLine() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { tier: { type: 'string' }, seed: { type: 'string' }, db: { type: 'string' } },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

async function main() {
  const args = parseCommandLine();
  const url = process.env.DATABASE_URL;
  let config: ServerDbConfig;
  if (args.db) config = { sqliteFile: args.db };
  else if (url) config = { databaseUrl: url };
  else fail('no database: pass --db FILE (SQLite) or set DATABASE_URL (PostgreSQL)');

  const started = performance.now();
  const server = await openServerDb(config);
  let lastShown = 0;
  try {
    const summary = await generate(server.db, {
      tier: args.tier,
      seed: args.seed,
      onProgress: (done, total) => {
        if (process.stderr.isTTY && (done === total || performance.now() - lastShown > 500)) {
          lastShown = performance.now();
          process.stderr.write(
            `\rgen: ${done}/${total} rows (${Math.floor((100 * done) / total)}%)`,
          );
          if (done === total) process.stderr.write('\n');
        }
      },
    });
    const where = 'sqliteFile' in config ? config.sqliteFile : 'DATABASE_URL';
    console.log(
      `gen tier=${summary.tier} seed=${summary.seed} engine=${server.engine} db=${where}`,
    );
    for (const [table, count] of Object.entries(summary.counts)) {
      console.log(`gen ${table.padEnd(18)} ${String(count).padStart(9)} rows`);
    }
    console.log(`gen revs ${summary.firstRev ?? '-'}..${summary.lastRev ?? '-'}`);
    const demoAccounts = summary.demoAccounts.map((a) => `${a.username} (${a.role})`).join(', ');
    console.log(`gen demo accounts (password ${DEMO_PASSWORD}): ${demoAccounts}`);
    console.log(`gen done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(`gen: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
