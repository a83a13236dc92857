import { parseArgs } from 'node:util';

export type CliCommand =
  | { kind: 'serve'; port: number; host: string; dbFile: string; logger: boolean }
  | { kind: 'demo' }
  | { kind: 'help' };

export const USAGE = `usage: npm run server -- --port PORT --db FILE [--host HOST] [--quiet]
  --port PORT   TCP port to listen on (0 = any free port)
  --db FILE     SQLite database file (created if missing); ignored when DATABASE_URL is set
  --host HOST   interface to bind (default 127.0.0.1)
  --quiet       no request logs
  --demo        demo mode (not yet available)
env DATABASE_URL=postgres://…  run on PostgreSQL instead of SQLite
env TOKEN_SECRET=<hex, ≥ 32 bytes>  shared access-token key for several API processes`;

/** Parses the command line; throws an Error with a message meant for the operator. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      db: { type: 'string' },
      host: { type: 'string' },
      quiet: { type: 'boolean' },
      demo: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { kind: 'help' };
  if (values.demo) return { kind: 'demo' };
  if (values.port === undefined) throw new Error('missing --port');
  if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535)
    throw new Error(`--port must be a number from 0 to 65535, got '${values.port}'`);
  if (values.db === undefined && !env.DATABASE_URL)
    throw new Error('missing --db FILE (or set DATABASE_URL for PostgreSQL)');
  return {
    kind: 'serve',
    port: Number(values.port),
    host: values.host ?? '127.0.0.1',
    dbFile: values.db ?? '',
    logger: !values.quiet,
  };
}

/** TOKEN_SECRET as bytes; several API processes behind a load balancer must share it. */
export function tokenSecretFromEnv(env: NodeJS.ProcessEnv): Buffer | undefined {
  const hex = env.TOKEN_SECRET;
  if (!hex) return undefined;
  if (!/^([0-9a-fA-F]{2}){32,}$/.test(hex))
    throw new Error('TOKEN_SECRET must be at least 32 bytes written in hex');
  return Buffer.from(hex, 'hex');
}
