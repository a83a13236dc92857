import { describe, expect, it } from 'vitest';
import {
  externalLinkAction,
  isExternalWebUrl,
  isRendererUrl,
  trustedHostsWithIssuer,
} from './url-trust';

describe('IPC sender check', () => {
  it('trusts only our renderer origin', () => {
    expect(isRendererUrl('app://renderer/index.html')).toBe(true);
    expect(isRendererUrl('app://renderer/index.html#/orgs')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://renderer.evil/index.html',
      'file:///C:/app/index.html',
      'https://renderer/index.html',
      'http://127.0.0.1:8080/',
      'about:blank',
      'javascript:alert(1)',
      '',
      'not a url',
    ]) {
      expect(isRendererUrl(url), url).toBe(false);
    }
  });
});

describe('external links', () => {
  it('opens only http(s) links outside the app', () => {
    expect(isExternalWebUrl('https://dichvucong.dcs.vn/')).toBe(true);
    expect(isExternalWebUrl('http://thanhuyhanoi.vn/')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'app://renderer/',
      'https:',
      '',
    ]) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});

describe('the OpenID provider', () => {
  it('opens the configured https issuer without asking, an http one only after asking', () => {
    const hosts = trustedHostsWithIssuer('https://sso.dinhdanh.example.vn/realms/x');
    expect(externalLinkAction('https://sso.dinhdanh.example.vn/auth?x=1', hosts)).toBe('open');
    expect(externalLinkAction('https://evil.example/auth', hosts)).toBe('confirm');
    const plain = trustedHostsWithIssuer('http://127.0.0.1:4000');
    expect(externalLinkAction('http://127.0.0.1:4000/auth', plain)).toBe('confirm');
    expect(trustedHostsWithIssuer(undefined)).not.toContain('127.0.0.1');
  });
});
