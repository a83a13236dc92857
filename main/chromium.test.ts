import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumAppArgs, chromiumFlags, writeLaunchPage } from './chromium';

describe('Chromium app window', () => {
  it('keeps the sandbox on unless running as root', () => {
    expect(chromiumFlags(false)).not.toContain('--no-sandbox');
    expect(chromiumFlags(true)).toContain('--no-sandbox');
  });

  it('puts no launch code on the command line: only a page only this user can read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chromium-launch-'));
    const url = 'http://127.0.0.1:41234/#code=' + 'S'.repeat(43);
    const page = writeLaunchPage(dir, url);
    const args = chromiumAppArgs(dir, page, false);
    expect(args.join(' ')).not.toContain('S'.repeat(43));
    expect(args).toContain(`--app=file://${page}`);
    expect(statSync(page).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o077).toBe(0);
    expect(readFileSync(page, 'utf8')).toContain(`url=${url}`);
  });
});
