import { describe, expect, it } from 'vitest';
import type { SignatureReport } from '../../signing/verify/verify-pdf';
import { changesVi, revocationOf, verdictOf } from './signature-verdict';

/** A sound, intact, good signature; each test breaks one thing. */
const report = (over: Partial<SignatureReport> = {}): SignatureReport => ({
  fieldName: 'Sig1',
  kind: 'signature',
  byteRange: [0, 10, 20, 10],
  revisionEnd: 30,
  coversRevision: true,
  coversWholeFile: true,
  digestOk: true,
  signatureOk: true,
  hasTimestamp: false,
  chain: { trusted: true, path: [], timeProven: false },
  revocation: { status: 'good', source: 'ocsp' },
  modifications: { allowed: true, changes: [] },
  status: 'intact',
  intact: true,
  errors: [],
  ...over,
});
const stamped = (time: string) => ({
  hasTimestamp: true,
  timestamp: { time, tsa: 'TSA', imprintOk: true, signatureOk: true, trusted: true },
});

describe('signature verdict', () => {
  it('orders broken, changed, revoked, untrusted, valid', () => {
    expect(verdictOf(report(), true)).toBe('valid');
    expect(verdictOf(report(), false)).toBe('untrusted');
    const revoked = report({
      revocation: { status: 'revoked', revokedAt: '2026-01-01T00:00:00Z' },
    });
    expect(verdictOf(revoked, true)).toBe('revoked');
    expect(verdictOf({ ...revoked, status: 'changed', intact: false }, true)).toBe('changed');
    expect(verdictOf({ ...revoked, status: 'broken', intact: false }, true)).toBe('broken');
  });

  it('keeps a signature timestamped before the revocation valid, with a note', () => {
    const revokedAt = '2026-06-01T00:00:00Z';
    const revocation = { status: 'revoked' as const, revokedAt, source: 'crl' as const };
    const before = report({ revocation, ...stamped('2026-05-31T23:59:59Z') });
    expect(verdictOf(before, true)).toBe('valid');
    expect(revocationOf(before)).toMatchObject({ status: 'revoked', source: 'crl' });
    expect(revocationOf(before).noteVi).toContain('vẫn hợp lệ');
    const after = report({ revocation, ...stamped('2026-06-01T00:00:01Z') });
    expect(verdictOf(after, true)).toBe('revoked');
    expect(revocationOf(after).noteVi).toBeNull();
    // Only a proven time counts: an untrusted timestamp or the claimed /M proves nothing.
    const untrustedStamp = report({ revocation, ...stamped('2026-05-01T00:00:00Z') });
    untrustedStamp.timestamp!.trusted = false;
    expect(verdictOf(untrustedStamp, true)).toBe('revoked');
  });

  it('lists only the changes the signer did not allow, in Vietnamese', () => {
    const changed = report({
      status: 'changed',
      intact: false,
      modifications: {
        allowed: false,
        changes: [
          { object: 12, kind: 'page content', verdict: 'disallowed', detail: '' },
          { object: 14, kind: 'signature widget', verdict: 'disallowed', detail: '' },
          { object: 15, kind: 'font', verdict: 'allowed', detail: '' },
          { object: 3, kind: 'document info', verdict: 'harmless', detail: '' },
          { object: null, kind: 'revision', verdict: 'disallowed', detail: '' },
        ],
      },
    });
    expect(changesVi(changed)).toEqual([
      'Đối tượng 12: nội dung trang',
      'Đối tượng 14: ô chữ ký không có chữ ký hợp lệ',
      'cấu trúc tệp (bảng tham chiếu)',
    ]);
  });
});
