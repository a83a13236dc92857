/**
 * Signing with the registered images (decision 0039): the approver's signature image and the
 * ward's seal image, pulled into the cache with his account and the org, are drawn in every
 * signature he makes, offline too; a cell (no seal) gets his signature only. Each signature stays
 * valid for poppler's pdfsig and for our verifier. The signed page is rendered with pdftoppm
 * into e2e/artifacts/ so a person can look at it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNssDb, createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../../../scripts/test-support/softhsm';
import { signaturePng } from '../../signing/images/test-support/images';
import { demoSealPng } from '../../signing/pdf/demo-seal';
import { pdfsig } from '../../signing/test-support/corpus';
import { loadCertificates } from '../../signing/verify/chain';
import { verifyPdf } from '../../signing/verify/verify-pdf';
import { blobCacheRepo, sha256Of } from '../../sync/repositories/blob-cache';
import { prefetchRepo } from '../../sync/repositories/prefetch';
import { change } from '../../sync/test-support/wire';
import { value } from '../test-support/call-results';
import { boxesOf } from './letter-layout';
import {
  openAs,
  submitted,
  transferWorld,
  type OpenedService,
  type TransferWorld,
} from './test-support/transfer-world';

const dir = mkdtempSync(join(tmpdir(), 'desktop-images-'));
const ARTIFACTS = join(__dirname, '../../../e2e/artifacts');
const seal = demoSealPng();
const signature = signaturePng();
let pki: TestPki;
let nss: string;
let world: TransferWorld;
let officer: OpenedService;
let slots: Record<string, string>;

beforeAll(async () => {
  pki = createTestPki(join(dir, 'pki'));
  nss = createNssDb(join(dir, 'nss'), pki.root);
  useSoftHsm(
    createSoftHsm(join(dir, 'hsm'), [
      { label: 'Chi bo 1', pin: '1234', keys: [{ id: '01', cert: pki.signerRsa }] },
      { label: 'Phuong', pin: '5678', keys: [{ id: 'a1', cert: pki.signerEc }] },
    ]),
  );
  world = transferWorld((ward) => [submitted(ward, 1, 0, ward.cells[4]!)]);
  // As pull brings them: the ward with its seal image, the approver with his signature image.
  world.changes.push(
    change.org({ ...world.ward.root, sealImageSha256: sha256Of(seal) }),
    change.user({ ...world.staff.wardApprover.user, signatureImageSha256: sha256Of(signature) }),
  );
  // No demo seals: a seal drawn below can only be the registered one.
  officer = await openAs(dir, world, world.staff.wardApprover, {
    pkcs11Module: SOFTHSM_MODULE,
    trustAnchorsPem: pki.root.certPem + pki.intermediate.certPem,
    tsaUrl: 'http://127.0.0.1:9/tsa',
  });
  const tokens = value('listTokens', await officer.api.listTokens({}));
  slots = Object.fromEntries(tokens.tokens.map((t) => [t.label, t.slotId]));
});
afterAll(async () => {
  await officer?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Image XObjects of the given pixel width in a PDF's bytes (a transparent image: 2, its mask). */
const imagesOfWidth = (pdf: Buffer, width: number) =>
  pdf.toString('latin1').match(new RegExp(`/Width ${width}\\b`, 'g'))?.length ?? 0;

describe('signing with the registered seal and signature images', () => {
  it('prefetches both for the approver, so signing offline has them', () => {
    const missing = prefetchRepo(officer.cache.handle).missingBlobs(officer.user.id);
    expect(missing).toEqual(expect.arrayContaining([sha256Of(seal), sha256Of(signature)]));
    const blobs = blobCacheRepo(officer.cache.handle);
    for (const bytes of [seal, signature])
      blobs.put({ sha256: sha256Of(bytes), contentType: 'image/png', bytes, needsUpload: false });
    expect(prefetchRepo(officer.cache.handle).missingBlobs(officer.user.id)).toEqual([]);
  });

  it('draws his signature at the cell, signature and seal at the ward; pdfsig accepts both', async () => {
    const { api, cache } = officer;
    const blobs = blobCacheRepo(cache.handle);
    const dossierId = world.dossiers[0]!.id;
    value(
      'checkDossier',
      await api.checkDossier({ dossierId, data: { letterNumber: '21-GGT/CB' } }),
    );
    const first = value(
      'signAndForwardDossier',
      await api.signAndForwardDossier({
        dossierId,
        slotId: slots['Chi bo 1']!,
        certificateId: '01',
        pin: '1234',
      }),
    );
    const letter1 = blobs.get(first.letterSha256)!.bytes;
    // The cell has no seal: the signature image (600 px wide) only.
    expect(imagesOfWidth(letter1, 600)).toBe(2);
    expect(imagesOfWidth(letter1, 425)).toBe(0);

    value('checkDossier', await api.checkDossier({ dossierId }));
    const second = value(
      'signAndForwardDossier',
      await api.signAndForwardDossier({
        dossierId,
        slotId: slots.Phuong!,
        certificateId: 'a1',
        pin: '5678',
      }),
    );
    const letter2 = blobs.get(second.letterSha256)!.bytes;
    const wardRevision = letter2.subarray(letter1.length);
    expect(imagesOfWidth(wardRevision, 600)).toBe(2);
    expect(imagesOfWidth(wardRevision, 425)).toBe(2);

    const file = join(dir, 'letter.pdf');
    writeFileSync(file, letter2);
    const poppler = await pdfsig(file, nss);
    expect(poppler.map((s) => [s.validation, s.certificate])).toEqual([
      ['Signature is Valid.', 'Certificate is Trusted.'],
      ['Signature is Valid.', 'Certificate is Trusted.'],
    ]);
    const ours = verifyPdf(letter2, { trustAnchors: loadCertificates(pki.root.certPem) });
    expect(ours.signatures.map((s) => [s.intact, s.chain.trusted])).toEqual([
      [true, true],
      [true, true],
    ]);

    // For a person to look at: the page with the boxes, and the ward's box up close.
    mkdirSync(ARTIFACTS, { recursive: true });
    const boxes = boxesOf(letter2)!;
    const page = boxes[1]!.page;
    const render = (name: string, args: string[]) =>
      execFileSync('pdftoppm', ['-png', '-singlefile', '-f', String(page), ...args, file, name]);
    render(join(ARTIFACTS, 'signed-letter-images-page'), ['-r', '80']);
    const [x, y, w, h] = boxes[1]!.rect;
    const pageHeight = 842;
    const dpi = 200;
    const px = (pt: number) => String(Math.round((pt * dpi) / 72));
    render(join(ARTIFACTS, 'signed-letter-images-ward-box'), [
      '-r',
      String(dpi),
      '-x',
      px(x - 40),
      '-y',
      px(pageHeight - (y + h) - 40),
      '-W',
      px(w + 80),
      '-H',
      px(h + 80),
    ]);
  });
});
