/**
 * Batch signing of residence comment forms on real SoftHSM tokens through the token worker: 62
 * forms after one login, a token deleted at form 20, a wrong PIN, a cancel, progress, B-T with a
 * B-B fallback, and a result that fails its check.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import {
  createSoftHsm,
  type SoftHsm,
  SOFTHSM_MODULE,
  useSoftHsm,
} from '../../../scripts/test-support/softhsm';
import { startTestTsa, type TestTsa } from '../../../scripts/test-support/tsa';
import { SIGN_ERRORS } from '../../signing/token/errors';
import { RemoteTokenModule } from '../../signing/token/remote-token';
import { loadCertificates } from '../../signing/verify/chain';
import { verifyPdf } from '../../signing/verify/verify-pdf';
import { residenceFormDocuments } from './test-support/residence-forms';
import {
  signTokenBatch,
  type TokenBatchDocument,
  type TokenBatchProgress,
  type TokenBatchRequest,
} from './token-batch';

const FORMS = 62;
const PIN = { Batch: '1111', Removable: '2222', PinCount: '3333', Tsa: '4444' } as const;
type Label = keyof typeof PIN;

let dir: string;
let pki: TestPki;
let hsm: SoftHsm;
let tsa: TestTsa;
let forms: TokenBatchDocument[];
const slots = new Map<Label, string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'token-batch-'));
  pki = createTestPki(join(dir, 'pki'));
  const token = (label: Label) => ({
    label,
    pin: PIN[label],
    keys: [{ id: '01', cert: pki.signerEc }],
    caCerts: [pki.intermediate],
  });
  hsm = createSoftHsm(join(dir, 'hsm'), [
    token('Batch'),
    token('Removable'),
    token('PinCount'),
    token('Tsa'),
  ]);
  useSoftHsm(hsm);
  const module = await RemoteTokenModule.open(SOFTHSM_MODULE);
  try {
    for (const t of await module.listTokens()) slots.set(t.label as Label, t.slotId);
  } finally {
    await module.close();
  }
  tsa = await startTestTsa(join(dir, 'tsa'), pki);
  forms = await residenceFormDocuments(FORMS);
}, 60_000);
afterAll(async () => {
  await tsa?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const anchors = () => loadCertificates(pki.root.certPem);

const request = (label: Label, more: Partial<TokenBatchRequest> = {}): TokenBatchRequest => ({
  signing: { pkcs11Module: SOFTHSM_MODULE },
  slotId: slots.get(label)!,
  certificateId: '01',
  pin: PIN[label],
  now: new Date(),
  documents: forms,
  reason: 'Xác nhận phiếu nhận xét đảng viên nơi cư trú',
  location: 'Đảng bộ Phường Việt Hưng',
  trustAnchors: anchors(),
  ...more,
});

/** One new signature, intact and trusted, over the form as it was. */
function expectSignedForm(signed: { id: string; pdf: Buffer; sha256: string }) {
  const original = forms.find((f) => f.id === signed.id)!;
  expect(signed.pdf.subarray(0, original.pdf.length).equals(original.pdf)).toBe(true);
  expect(signed.sha256).toBe(createHash('sha256').update(signed.pdf).digest('hex'));
  const report = verifyPdf(signed.pdf, { trustAnchors: anchors() });
  expect(report.ok, `${signed.id}: ${report.signatures[0]?.errors.join('; ')}`).toBe(true);
  expect(report.signatures).toHaveLength(1);
  expect(report.signatures[0]!.chain.trusted).toBe(true);
  return report.signatures[0]!;
}

const ids = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `form-${from + i}`);

const removeToken = (label: Label) =>
  execFileSync('softhsm2-util', ['--delete-token', '--token', label], {
    env: hsm.env,
    stdio: 'pipe',
  });

describe('signTokenBatch', () => {
  it('signs 62 forms after one login, each verifying, with progress 1..62 in order', async () => {
    const logins = vi.spyOn(RemoteTokenModule.prototype, 'login');
    const progress: TokenBatchProgress[] = [];
    const result = await signTokenBatch(request('Batch', { onProgress: (p) => progress.push(p) }));

    expect(logins).toHaveBeenCalledTimes(1);
    expect(result.notSigned).toEqual([]);
    expect(result.tokenRemoved).toBe(false);
    expect(result.cancelled).toBe(false);
    expect(result.signed.map((d) => d.id)).toEqual(ids(1, FORMS));
    for (const d of result.signed) expect(expectSignedForm(d).hasTimestamp).toBe(false);

    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: FORMS }, (_, i) => i + 1));
    expect(progress.map((p) => p.signed)).toEqual(Array.from({ length: FORMS }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === FORMS)).toBe(true);
    expect(progress.slice(0, -1).map((p) => p.currentId)).toEqual(ids(2, FORMS));
    expect(progress.at(-1)!.currentId).toBeNull();
  }, 60_000);

  it('the token deleted when form 20 starts: 19 signed and intact, 43 reported as removed', async () => {
    const result = await signTokenBatch(
      request('Removable', {
        onProgress: (p) => {
          if (p.done === 19) removeToken('Removable');
        },
      }),
    );
    expect(result.tokenRemoved).toBe(true);
    expect(result.signed.map((d) => d.id)).toEqual(ids(1, 19));
    result.signed.forEach(expectSignedForm);
    expect(result.notSigned.map((d) => d.id)).toEqual(ids(20, FORMS));
    expect(result.notSigned.every((d) => d.code === 'SIGN_TOKEN_REMOVED')).toBe(true);
    expect(result.notSigned.every((d) => d.messageVi === SIGN_ERRORS.SIGN_TOKEN_REMOVED)).toBe(
      true,
    );
    expect(result.notSigned[0]!.message).toMatch(/CKR_/); // the module's exact code, for the log
  }, 60_000);

  it('a wrong PIN signs nothing, reports every form, and is tried exactly once', async () => {
    const logins = vi.spyOn(RemoteTokenModule.prototype, 'login');
    const progress: TokenBatchProgress[] = [];
    const result = await signTokenBatch(
      request('PinCount', { pin: '0000', onProgress: (p) => progress.push(p) }),
    );
    expect(result.signed).toEqual([]);
    expect(result.notSigned.map((d) => d.id)).toEqual(ids(1, FORMS));
    expect(result.notSigned.every((d) => d.code === 'CKR_PIN_INCORRECT')).toBe(true);
    expect(result.notSigned[0]!.messageVi).toMatch(/^Mã PIN không đúng\./);
    expect(JSON.stringify(result)).not.toContain('0000');
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: FORMS }, (_, i) => i + 1));
    expect(progress.at(-1)!.currentId).toBeNull();
    // One C_Login: the worker got one login, and the token itself counted one failed try.
    expect(logins).toHaveBeenCalledTimes(1);
    const module = await RemoteTokenModule.open(SOFTHSM_MODULE);
    try {
      const token = (await module.listTokens()).find((t) => t.label === 'PinCount')!;
      expect(token.pinStatus).toBe('count_low');
    } finally {
      await module.close();
    }
    // Not locked: the right PIN still signs.
    const again = await signTokenBatch(request('PinCount', { documents: forms.slice(0, 1) }));
    expect(again.signed.map((d) => d.id)).toEqual(['form-1']);
  }, 60_000);

  it('cancelled after 5 forms: 5 signed, 57 reported as cancelled', async () => {
    const controller = new AbortController();
    const result = await signTokenBatch(
      request('Batch', {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done === 5) controller.abort();
        },
      }),
    );
    expect(result.cancelled).toBe(true);
    expect(result.signed.map((d) => d.id)).toEqual(ids(1, 5));
    result.signed.forEach(expectSignedForm);
    expect(result.notSigned.map((d) => d.id)).toEqual(ids(6, FORMS));
    expect(result.notSigned.every((d) => d.code === 'SIGN_CANCELLED')).toBe(true);
    expect(result.notSigned[0]!.messageVi).toBe(
      'Đã dừng ký theo yêu cầu, văn bản này chưa được ký.',
    );
  }, 60_000);

  it('B-T with the TSA, B-B when the TSA cannot be reached', async () => {
    const documents = forms.slice(0, 3);
    const before = tsa.requests;
    const bt = await signTokenBatch(
      request('Tsa', { documents, signing: { pkcs11Module: SOFTHSM_MODULE, tsaUrl: tsa.url } }),
    );
    expect(bt.signed).toHaveLength(3);
    for (const d of bt.signed) expect(expectSignedForm(d).timestamp?.trusted).toBe(true);
    expect(tsa.requests - before).toBe(3);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const bb = await signTokenBatch(
      request('Tsa', {
        documents,
        signing: { pkcs11Module: SOFTHSM_MODULE, tsaUrl: 'http://127.0.0.1:9/tsa' },
      }),
    );
    expect(bb.signed).toHaveLength(3);
    for (const d of bb.signed) expect(expectSignedForm(d).hasTimestamp).toBe(false);
    // The TSA is given up once for the batch, not once per form.
    expect(warn.mock.calls.filter(([m]) => String(m).includes('timestamp authority'))).toHaveLength(
      1,
    );
  }, 60_000);

  it('a signature that does not chain to the configured anchors is not counted as signed', async () => {
    const result = await signTokenBatch(
      request('Tsa', {
        documents: forms.slice(0, 2),
        trustAnchors: loadCertificates(pki.expired.certPem),
      }),
    );
    expect(result.signed).toEqual([]);
    expect(result.notSigned.map((d) => [d.id, d.code])).toEqual([
      ['form-1', 'SIGN_RESULT_UNTRUSTED'],
      ['form-2', 'SIGN_RESULT_UNTRUSTED'],
    ]);
  }, 60_000);

  it('no token in the slot: every form reported, nothing signed', async () => {
    const result = await signTokenBatch(
      request('Batch', { slotId: 'ffffffff', documents: forms.slice(0, 2) }),
    );
    expect(result.signed).toEqual([]);
    expect(result.notSigned.map((d) => d.code)).toEqual([
      'SIGN_TOKEN_NOT_FOUND',
      'SIGN_TOKEN_NOT_FOUND',
    ]);
  });
});
