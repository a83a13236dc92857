/**
 * Signing residence documents with a real token (SoftHSM2 through the token worker): the list
 * signed on approval, and the committee's batch of forms after one PIN entry — a token pulled out
 * at form 20 leaves exactly the 19 signed forms kept and queued, a wrong PIN leaves nothing.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import {
  createSoftHsm,
  SOFTHSM_MODULE,
  useSoftHsm,
  type SoftHsm,
} from '../../../scripts/test-support/softhsm';
import { loadCertificates } from '../../signing/verify/chain';
import { verifyPdf } from '../../signing/verify/verify-pdf';
import { blobCacheRepo } from '../../sync/repositories/blob-cache';
import { outboxRepo } from '../../sync/repositories/outbox';
import { type DesktopEvent } from '../contract';
import type { SigningProgress } from '../contract-residence';
import { openAs, type OpenedService } from '../transfers/test-support/transfer-world';
import { residenceWorld, type ResidenceWorld } from './test-support/residence-world';
import { failure, value } from '../test-support/call-results';

const BATCH = 62;
const PIN = { Chibo: '1234', Phuong: '5678', Rut: '2468', Dung: '1357' } as const;
type Label = keyof typeof PIN;

const dir = mkdtempSync(join(tmpdir(), 'desktop-residence-signing-'));
let pki: TestPki;
let hsm: SoftHsm;
let world: ResidenceWorld;
const opened: OpenedService[] = [];
let slots: Record<string, string>;

const signing = () => ({
  pkcs11Module: SOFTHSM_MODULE,
  trustAnchorsPem: pki.root.certPem + pki.intermediate.certPem,
  // Unreachable (as offline): signed without a timestamp rather than not at all.
  tsaUrl: 'http://127.0.0.1:9/tsa',
  demoSeals: true,
});

async function as(who: 'wardApprover' | 'cell1Secretary') {
  const o = await openAs(dir, world, world.staff[who], signing());
  opened.push(o);
  return o;
}

beforeAll(async () => {
  pki = createTestPki(join(dir, 'pki'));
  const token = (label: Label) => ({
    label,
    pin: PIN[label],
    keys: [{ id: '01', cert: pki.signerEc }],
  });
  hsm = createSoftHsm(join(dir, 'hsm'), [
    token('Chibo'),
    token('Phuong'),
    token('Rut'),
    token('Dung'),
  ]);
  useSoftHsm(hsm);
  world = residenceWorld({ approved: BATCH });
  const probe = await as('wardApprover');
  const tokens = value('listTokens', await probe.api.listTokens({}));
  slots = Object.fromEntries(tokens.tokens.map((t) => [t.label, t.slotId]));
}, 60_000);
afterAll(async () => {
  for (const o of opened) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

const anchors = () => loadCertificates(pki.root.certPem + pki.intermediate.certPem);
const batchIds = () => world.forms.slice(5).map((f) => f.id);

/** One signature, intact and chaining to the test root. */
async function expectSignedOnce(pdf: Buffer) {
  const report = await verifyPdf(pdf, { trustAnchors: anchors(), now: new Date() });
  expect(report.signatures).toHaveLength(1);
  expect(report.signatures[0]).toMatchObject({ intact: true, chain: { trusted: true } });
}

describe('the list signed on approval', () => {
  it('verifies on SoftHSM, is kept for upload and queued with its hash', async () => {
    const { api, cache } = await as('cell1Secretary');
    const item = (memberId: string) => ({
      memberId,
      residenceOrgId: world.ward.cells[4]!.id,
      reportRequired: true,
      exemption: null,
    });
    const { requestId } = value(
      'createResidenceList',
      await api.createResidenceList({
        campaignYear: 2026,
        workplaceOrgId: world.ward.cells[0]!.id,
        kind: 'introduce_and_comment',
        items: world.cell1Residents.slice(3).map(item),
      }),
    );
    const sign = (pin: string) =>
      api.signResidenceList({
        requestId,
        action: 'sign_and_approve',
        slotId: slots.Chibo!,
        certificateId: '01',
        pin,
      });
    // Still a draft: refused by the machine before any PIN is asked of the token.
    expect(failure(await sign('0000'))).toMatchObject({ code: 'not_allowed_now' });
    value('residenceListAction', await api.residenceListAction({ requestId, action: 'submit' }));
    expect(failure(await sign('0000'))).toMatchObject({ code: 'CKR_PIN_INCORRECT' });
    expect(outboxRepo(cache.handle).list()).toHaveLength(2);

    const { listPdfSha256 } = value('signResidenceList', await sign(PIN.Chibo));
    const blob = blobCacheRepo(cache.handle).get(listPdfSha256)!;
    await expectSignedOnce(blob.bytes);
    expect(blobCacheRepo(cache.handle).needingUpload()).toEqual([listPdfSha256]);
    const queued = outboxRepo(cache.handle).list().at(-1)!;
    expect(queued.mutation).toMatchObject({
      entity: 'residenceRequest',
      entityId: requestId,
      action: { type: 'sign_and_approve', signedPdfSha256: listPdfSha256 },
    });
    const detail = value('residenceListDetail', await api.residenceListDetail({ requestId }));
    expect(detail).toMatchObject({ status: 'approved', signed: true, listPdf: { cached: true } });
  }, 60_000);

  it('is refused before the PIN while a residence cell is unknown to this machine', async () => {
    const { api, cache } = await as('cell1Secretary');
    const { requestId } = value(
      'createResidenceList',
      await api.createResidenceList({
        campaignYear: 2026,
        workplaceOrgId: world.ward.cells[0]!.id,
        kind: 'comment',
        // A residence cell of another ward, typed in before any pull could name it.
        items: [
          {
            memberId: world.cell1Residents[4]!,
            residenceOrgId: '00000000-0000-4000-8000-00000000fa11',
            reportRequired: false,
            exemption: null,
          },
        ],
      }),
    );
    value('residenceListAction', await api.residenceListAction({ requestId, action: 'submit' }));
    const queued = outboxRepo(cache.handle).list().length;
    const refused = failure(
      await api.signResidenceList({
        requestId,
        action: 'sign_and_approve',
        slotId: slots.Chibo!,
        certificateId: '01',
        pin: '0000',
      }),
    );
    // Not CKR_PIN_INCORRECT: the token was never asked.
    expect(refused).toMatchObject({ code: 'residence_org_unknown' });
    expect(outboxRepo(cache.handle).list()).toHaveLength(queued);
  }, 60_000);
});

describe('the committee signs and sends forms as a batch', () => {
  it(`${BATCH} forms, the token pulled out at form 20: 19 signed and queued, the rest reported`, async () => {
    const { api, cache } = await as('wardApprover');
    const batchId = randomUUID();
    const progress: SigningProgress[] = [];
    api.subscribe((e: DesktopEvent) => {
      if (e.type !== 'signing-progress') return;
      progress.push(e.progress);
      if (e.progress.done === 19)
        execFileSync('softhsm2-util', ['--delete-token', '--token', 'Rut'], {
          env: hsm.env,
          stdio: 'pipe',
        });
    });
    // Waiting for a comment, waiting for approval, already sent: reported, never signed.
    const refused = [0, 1, 3].map((i) => world.forms[i]!.id);
    const ids = [...refused, ...batchIds()];
    const result = value(
      'signAndSendResidenceForms',
      await api.signAndSendResidenceForms({
        batchId,
        formIds: ids,
        slotId: slots.Rut!,
        certificateId: '01',
        pin: PIN.Rut,
      }),
    );
    expect(result.tokenRemoved).toBe(true);
    expect(result.signed.map((s) => s.id)).toEqual(batchIds().slice(0, 19));
    expect(result.notSigned.map((s) => s.id).sort()).toEqual(
      [...refused, ...batchIds().slice(19)].sort(),
    );
    expect(result.notSigned.filter((s) => s.code === 'SIGN_TOKEN_REMOVED')).toHaveLength(
      BATCH - 19,
    );
    expect(progress.at(-1)).toMatchObject({ batchId, done: BATCH, total: BATCH, signed: 19 });

    // Exactly the signed forms are in the outbox and the blob cache: nothing half written.
    const outbox = outboxRepo(cache.handle).list();
    expect(outbox.map((i) => i.entityId)).toEqual(result.signed.map((s) => s.id));
    expect(outbox.map((i) => i.mutation.action)).toEqual(
      result.signed.map((s) => ({ type: 'sign_and_send', signedPdfSha256: s.sha256 })),
    );
    const blobs = blobCacheRepo(cache.handle);
    expect(blobs.needingUpload().sort()).toEqual(result.signed.map((s) => s.sha256).sort());
    await expectSignedOnce(blobs.get(result.signed[18]!.sha256)!.bytes);
    const shown = value(
      'residenceFormDetail',
      await api.residenceFormDetail({ formId: batchIds()[0]! }),
    );
    expect(shown).toMatchObject({ status: 'sent', formPdf: { cached: true }, pendingActions: 1 });
  }, 120_000);

  it('a wrong PIN signs nothing and queues nothing', async () => {
    const { api, cache } = await as('wardApprover');
    const result = value(
      'signAndSendResidenceForms',
      await api.signAndSendResidenceForms({
        batchId: randomUUID(),
        formIds: batchIds(),
        slotId: slots.Phuong!,
        certificateId: '01',
        pin: '0000',
      }),
    );
    expect(result.signed).toEqual([]);
    expect(result.notSigned).toHaveLength(BATCH);
    expect(result.notSigned.every((s) => s.code === 'CKR_PIN_INCORRECT')).toBe(true);
    expect(outboxRepo(cache.handle).list()).toEqual([]);
    expect(blobCacheRepo(cache.handle).needingUpload()).toEqual([]);
  }, 60_000);

  it('"Dừng ký" after 5 forms: those 5 stay signed and queued, the rest are reported cancelled', async () => {
    const { api, cache } = await as('wardApprover');
    const batchId = randomUUID();
    api.subscribe((e: DesktopEvent) => {
      if (e.type === 'signing-progress' && e.progress.done === 5)
        void api.cancelSigningBatch({ batchId });
    });
    const result = value(
      'signAndSendResidenceForms',
      await api.signAndSendResidenceForms({
        batchId,
        formIds: batchIds(),
        slotId: slots.Dung!,
        certificateId: '01',
        pin: PIN.Dung,
      }),
    );
    expect(result.cancelled).toBe(true);
    expect(result.signed.map((s) => s.id)).toEqual(batchIds().slice(0, 5));
    expect(result.notSigned.map((s) => s.id)).toEqual(batchIds().slice(5));
    expect(result.notSigned.every((s) => s.code === 'SIGN_CANCELLED')).toBe(true);
    expect(
      outboxRepo(cache.handle)
        .list()
        .map((i) => i.entityId),
    ).toEqual(batchIds().slice(0, 5));
    // The batch is over: cancelling it again is nothing to stop.
    value('cancelSigningBatch', await api.cancelSigningBatch({ batchId }));
  }, 60_000);
});
