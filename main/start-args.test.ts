import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseStartArgs } from './start-args';

describe('npm start arguments', () => {
  it('runs the demo only when asked, opening a browser, in the home data dir', () => {
    expect(parseStartArgs(['--demo'])).toEqual({
      open: true,
      demo: true,
      dataDir: defaultDataDir(),
      forceBrowser: false,
      help: false,
    });
    expect(() => parseStartArgs([])).toThrow(/no central server/);
    expect(parseStartArgs(['--help']).help).toBe(true);
  });

  it('prefers a central server given with --demo (npm start passes --demo)', () => {
    const options = parseStartArgs(['--demo', '--server', 'https://api.example.vn']);
    expect(options).toMatchObject({ demo: false, serverUrl: 'https://api.example.vn' });
  });

  it('talks to a central server over https, plain http only on this machine', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://localhost:8080/', 'http://[::1]:8080'])
      expect(parseStartArgs(['--server', url]).serverUrl).toBe(url.replace(/\/$/, ''));
    for (const url of ['http://api.example.vn', 'http://10.0.0.5:8080', 'http://127.0.0.1.evil.vn'])
      expect(() => parseStartArgs(['--server', url]), url).toThrow(/https/);
  });

  it('reads every flag', () => {
    expect(
      parseStartArgs([
        '--no-open',
        '--server',
        'https://api.example.vn/',
        '--data-dir',
        'tmp/x',
        '--port',
        '8123',
        '--browser',
      ]),
    ).toEqual({
      open: false,
      serverUrl: 'https://api.example.vn',
      demo: false,
      dataDir: resolve('tmp/x'),
      port: 8123,
      forceBrowser: true,
      help: false,
    });
  });

  it('refuses what it cannot use, naming the flag', () => {
    expect(() => parseStartArgs(['--server', 'ftp://x'])).toThrow(/--server/);
    expect(() => parseStartArgs(['--server', 'not a url'])).toThrow(/--server/);
    expect(() => parseStartArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseStartArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseStartArgs(['--colour'])).toThrow(/colour/);
    expect(() => parseStartArgs(['stray'])).toThrow();
  });

  it('leniently skips the switches Electron adds', () => {
    const options = parseStartArgs(['--demo', '--data-dir', '/d', '--no-sandbox', 'main.cjs'], {
      lenient: true,
    });
    expect(options).toMatchObject({ dataDir: '/d', open: true });
  });
});

describe('OpenID provider arguments', () => {
  it('reads the issuer and client id, and refuses a plain-http issuer off this machine', () => {
    const options = parseStartArgs(['--demo', '--oidc-issuer', 'https://id.example.vn']);
    expect(options.oidc).toEqual({
      issuer: 'https://id.example.vn',
      clientId: 'dangvu-desktop',
      scope: 'openid',
    });
    expect(parseStartArgs(['--demo']).oidc).toBeUndefined();
    expect(() => parseStartArgs(['--demo', '--oidc-issuer', 'http://id.example.vn'])).toThrow(
      /--oidc/,
    );
  });
});
