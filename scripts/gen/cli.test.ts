import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs `npm run gen -- …` the way a developer does, without npm's own output. */
function gen(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen.ts', ...args], {
    encoding: 'utf8',
    env: { ...rest, ...env },
    timeout: 60_000,
  });
}

describe('npm run gen', () => {
  it('says what is missing when there is no database to fill', () => {
    const run = gen(['--tier', 'ward', '--seed', '1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('pass --db FILE (SQLite) or set DATABASE_URL (PostgreSQL)');
  });

  it('rejects an unknown tier and a seed that is not a number', () => {
    const run = gen(['--tier', 'city', '--seed', 'x', '--db', '/nonexistent/x.sqlite']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--tier must be one of ward, province, nation');
    expect(run.stderr).toContain('--seed must be a number');
  });

  it('fills a SQLite file, prints one line per table and the time, then refuses to run again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-cli-'));
    try {
      const file = join(dir, 'server.sqlite');
      const run = gen(['--tier', 'ward', '--seed', '5', '--db', file]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      for (const table of ['orgs', 'org_bank_accounts', 'members', 'users', 'user_roles']) {
        expect(run.stdout).toMatch(new RegExp(`^gen ${table} +\\d+ rows$`, 'm'));
      }
      expect(run.stdout).toMatch(/^gen done in \d+\.\d s$/m);
      const again = gen(['--tier', 'ward', '--seed', '5', '--db', file]);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('database is not empty');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
