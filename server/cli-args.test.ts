import { describe, expect, it } from 'vitest';
import { parseCliArgs, tokenSecretFromEnv } from './cli-args';

describe('server command line', () => {
  it('reads port, database file and host', () => {
    expect(parseCliArgs(['--port', '8080', '--db', 'x.sqlite'], {})).toEqual({
      kind: 'serve',
      port: 8080,
      host: '127.0.0.1',
      dbFile: 'x.sqlite',
      logger: true,
    });
    expect(parseCliArgs(['--port', '0'], { DATABASE_URL: 'postgres://x' })).toMatchObject({
      kind: 'serve',
      port: 0,
    });
    expect(parseCliArgs(['--demo'], {})).toEqual({ kind: 'demo' });
  });

  it('explains what is wrong', () => {
    expect(() => parseCliArgs([], {})).toThrow('missing --port');
    expect(() => parseCliArgs(['--port', '70000', '--db', 'x'], {})).toThrow('--port must be');
    expect(() => parseCliArgs(['--port', '1'], {})).toThrow('missing --db');
    expect(() => parseCliArgs(['--port', '1', '--db', 'x', '--bogus'], {})).toThrow("'--bogus'");
  });

  it('takes a shared token key from TOKEN_SECRET, in hex', () => {
    expect(tokenSecretFromEnv({})).toBeUndefined();
    expect(tokenSecretFromEnv({ TOKEN_SECRET: 'ab'.repeat(32) })?.length).toBe(32);
    expect(() => tokenSecretFromEnv({ TOKEN_SECRET: 'short' })).toThrow('TOKEN_SECRET');
  });
});
