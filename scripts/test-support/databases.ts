import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ServerDbConfig, ServerEngine } from '../../src/db/server-db';

/** A fresh, empty database on the given engine; `drop` removes it. */
export async function freshServerDatabase(
  engine: ServerEngine,
  postgresUrl: string,
): Promise<{ config: ServerDbConfig; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'srv-'));
    return {
      config: { sqliteFile: join(dir, 'server.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    config: { databaseUrl: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const serverEngines: ServerEngine[] = ['sqlite', 'postgres'];
