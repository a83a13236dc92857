import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseStartArgs } from './start-args';

describe('npm start arguments', () => {
  it('defaults to demo mode, opening a browser, in the home data dir', () => {
    expect(parseStartArgs([])).toEqual({
      open: true,
      dataDir: defaultDataDir(),
      forceBrowser: false,
      help: false,
    });
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
    const options = parseStartArgs(['--data-dir', '/d', '--no-sandbox', 'main.cjs'], {
      lenient: true,
    });
    expect(options).toMatchObject({ dataDir: '/d', open: true });
  });
});
