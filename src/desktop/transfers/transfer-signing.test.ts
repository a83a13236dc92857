/**
 * Signing the introduction letter with a real token (SoftHSM2 through the token worker): each
 * approving org signs its own box as a new incremental signature, checked before it is queued.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../../../scripts/test-support/softhsm';
import { isName, PdfString } from '../../signing/pdf/pdf-objects';
import { PdfReader } from '../../signing/pdf/pdf-reader';
import { loadCertificates } from '../../signing/verify/chain';
import { verifyPdf } from '../../signing/verify/verify-pdf';
import { blobCacheRepo } from '../../sync/repositories/blob-cache';
import { outboxRepo } from '../../sync/repositories/outbox';
import type { DesktopService } from '../desktop-service';
import { boxesOf } from './letter-layout';
import {
  openAs,
  submitted,
  transferWorld,
  type OpenedService,
  type TransferWorld,
} from './test-support/transfer-world';
import { failure, value } from '../test-support/call-results';

const dir = mkdtempSync(join(tmpdir(), 'desktop-signing-'));
let pki: TestPki;
let world: TransferWorld;
let officer: OpenedService;
const opened: OpenedService[] = [];

/** Each signature field's name and the lower-left corner of its widget. */
function widgets(pdf: Buffer): { field: string; at: [number, number] }[] {
  const reader = new PdfReader(pdf);
  const acro = reader.dict(reader.dict(reader.catalogRef)?.get('AcroForm'));
  const fields = reader.resolve(acro?.get('Fields'));
  return (Array.isArray(fields) ? fields : []).flatMap((f) => {
    const d = reader.dict(f);
    const rect = reader.resolve(d?.get('Rect'));
    const t = d?.get('T');
    if (!isName(d?.get('FT'), 'Sig') || !Array.isArray(rect) || !(t instanceof PdfString))
      return [];
    return [{ field: t.bytes.toString('latin1'), at: [rect[0] as number, rect[1] as number] }];
  });
}

let slots: Record<string, string>;

beforeAll(async () => {
  pki = createTestPki(join(dir, 'pki'));
  useSoftHsm(
    createSoftHsm(join(dir, 'hsm'), [
      {
        label: 'Chi bo 1',
        pin: '1234',
        keys: [
          { id: '01', cert: pki.signerRsa },
          { id: '02', cert: pki.expired },
        ],
      },
      { label: 'Phuong', pin: '5678', keys: [{ id: 'a1', cert: pki.signerEc }] },
    ]),
  );
  world = transferWorld((ward) => [submitted(ward, 1, 0, ward.cells[4]!)]);
  // The operator's trust file: the root and the intermediate the tokens' certificates hang on.
  officer = await openAs(dir, world, world.staff.wardApprover, {
    pkcs11Module: SOFTHSM_MODULE,
    trustAnchorsPem: pki.root.certPem + pki.intermediate.certPem,
    // Unreachable (as offline): the signature is made without a timestamp rather than not at all.
    tsaUrl: 'http://127.0.0.1:9/tsa',
    // Orgs with a seal (the ward committee, not cells) sign with the stand-in seal.
    demoSeals: true,
  });
  opened.push(officer);
  const tokens = value('listTokens', await officer.api.listTokens({}));
  slots = Object.fromEntries(tokens.tokens.map((t) => [t.label, t.slotId]));
});
afterAll(async () => {
  for (const o of opened) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

const dossierId = () => world.dossiers[0]!.id;
/** Signs and forwards the dossier with the key `certificateId` on the token in `slotId`. */
const signWith = (api: DesktopService, slotId: string, certificateId: string, pin: string) =>
  api.signAndForwardDossier({ dossierId: dossierId(), slotId, certificateId, pin });

describe('the token dialog', () => {
  it('lists the tokens plugged in (not the empty slot) with their certificates', async () => {
    const { modulePath, tokens } = value('listTokens', await officer.api.listTokens({}));
    expect(modulePath).toBe(SOFTHSM_MODULE);
    expect(tokens.map((t) => t.label).sort()).toEqual(['Chi bo 1', 'Phuong']);
    const cb1 = tokens.find((t) => t.label === 'Chi bo 1')!;
    expect(cb1).toMatchObject({ pinStatus: 'ok', pinWarningVi: null });
    expect(cb1.certificates.map((c) => [c.id, c.usable])).toEqual([
      ['01', true],
      ['02', false],
    ]);
    expect(cb1.certificates[1]!.problemVi).toBe('Chứng thư số đã hết hạn, không thể ký.');
    expect(cb1.certificates[0]!.subjectName).toContain('CN=Nguyễn Văn An');
  });

  it('a wrong PIN is refused with the token’s message and nothing is queued', async () => {
    value(
      'checkDossier',
      await officer.api.checkDossier({
        dossierId: dossierId(),
        data: { letterNumber: '15-GGT/CB' },
      }),
    );
    const before = outboxRepo(officer.cache.handle).list().length;
    const err = failure(await signWith(officer.api, slots['Chi bo 1']!, '01', '9999'));
    expect(err).toMatchObject({
      code: 'CKR_PIN_INCORRECT',
      messageVi: expect.stringMatching(/^Mã PIN không đúng\./),
    });
    expect(JSON.stringify(err)).not.toContain('9999');
    expect(outboxRepo(officer.cache.handle).list().length).toBe(before);
    const expired = failure(await signWith(officer.api, slots['Chi bo 1']!, '02', '1234'));
    expect(expired).toMatchObject({ code: 'SIGN_CERT_EXPIRED' });
    const gone = failure(await signWith(officer.api, 'ff'.repeat(4), '01', '1234'));
    expect(gone).toMatchObject({
      code: 'SIGN_TOKEN_NOT_FOUND',
      messageVi: expect.stringContaining('USB ký số'),
    });
  });
});

describe('sign and forward, org after org', () => {
  it('the cell signs a new letter in its box; the ward signs the same letter incrementally', async () => {
    const { api, cache } = officer;
    const blobs = blobCacheRepo(cache.handle);
    // 1. At the sending cell (already checked above): a new letter, signed in the cell's box.
    const first = value(
      'signAndForwardDossier',
      await signWith(api, slots['Chi bo 1']!, '01', '1234'),
    );
    const letter1 = blobs.get(first.letterSha256)!.bytes;
    expect(blobs.needingUpload()).toContain(first.letterSha256);
    const boxes = boxesOf(letter1)!;
    // The number the check form filled in is printed on the letter.
    writeFileSync(join(dir, 'letter1.pdf'), letter1);
    const letterText = execFileSync('pdftotext', [join(dir, 'letter1.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(letterText).toContain('15-GGT/CB');
    const [cell1, ward, cell5] = [world.ward.cells[0]!, world.ward.root, world.ward.cells[4]!];
    expect(boxes.map((b) => b.orgId)).toEqual([cell1.id, ward.id, cell5.id]);
    const anchors = loadCertificates(pki.root.certPem); // the root only: the chain is in the CMS
    let report = verifyPdf(letter1, { trustAnchors: anchors });
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => [s.signer, s.hasTimestamp])).toEqual([
      ['Nguyễn Văn An', false],
    ]);
    expect(widgets(letter1).map((w) => w.at)).toEqual([boxes[0]!.rect.slice(0, 2)]);

    let detail = value('dossierDetail', await api.dossierDetail({ dossierId: dossierId() }));
    expect(detail.shown).toMatchObject({
      position: 1,
      status: 'pending_check',
      letterSha256: first.letterSha256,
    });
    expect(detail.letter).toMatchObject({ sha256: first.letterSha256, cached: true });
    expect(detail.pending.map((p) => p.actionType)).toEqual(['check', 'sign_and_forward']);

    // 2. At the ward: check, then sign with another token; the first revision stays as it was.
    value('checkDossier', await api.checkDossier({ dossierId: dossierId() }));
    const second = value('signAndForwardDossier', await signWith(api, slots.Phuong!, 'a1', '5678'));
    const letter2 = blobs.get(second.letterSha256)!.bytes;
    expect(letter2.subarray(0, letter1.length).equals(letter1)).toBe(true);
    report = verifyPdf(letter2, { trustAnchors: anchors });
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => s.signer)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    const [w1, w2] = widgets(letter2).map((w) => w.at);
    expect(w1).toEqual(boxes[0]!.rect.slice(0, 2));
    // The ward's widget grows around its true-size seal (36 mm is taller than the box) but stays
    // anchored on the box: same left edge, at most a few points lower.
    expect(w2![0]).toBe(boxes[1]!.rect[0]);
    expect(boxes[1]!.rect[1] - w2![1]).toBeGreaterThanOrEqual(0);
    expect(boxes[1]!.rect[1] - w2![1]).toBeLessThan(20);
    // The ward has a seal: its 425 px (36 mm) image is in the ward's revision only.
    const sealImages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Width 425\b/g)?.length ?? 0;
    expect(sealImages(letter1)).toBe(0);
    expect(sealImages(letter2.subarray(letter1.length))).toBeGreaterThan(0);

    // The signatures panel: both valid against the configured anchors.
    const checks = value(
      'verifyPdfSignatures',
      await api.verifyPdfSignatures({ sha256: second.letterSha256 }),
    );
    expect(checks.signatures.map((s) => [s.signerName, s.intact, s.trusted, s.summaryVi])).toEqual([
      ['Nguyễn Văn An', true, true, 'Chữ ký hợp lệ.'],
      ['Trần Thị Bình', true, true, 'Chữ ký hợp lệ.'],
    ]);
    expect(checks.signatures[0]!.signedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    detail = value('dossierDetail', await api.dossierDetail({ dossierId: dossierId() }));
    expect(detail.shown).toMatchObject({
      position: 2,
      currentOrgId: cell5.id,
      letterSha256: second.letterSha256,
    });
    const signings = detail.history.filter((h) => h.type === 'sign_and_forward');
    expect(signings.map((h) => h.signedPdfSha256)).toEqual([
      first.letterSha256,
      second.letterSha256,
    ]);
    // Every queued action rests on the rev the user saw (the outbox rebases them in turn).
    const queued = outboxRepo(cache.handle).list();
    expect(queued.map((q) => q.mutation.action.type)).toEqual([
      'check',
      'sign_and_forward',
      'check',
      'sign_and_forward',
    ]);
    expect(new Set(queued.map((q) => q.baseRev))).toEqual(new Set([detail.dossier.rev]));
  });

  it('the receiving side without the approver role may not sign', async () => {
    const processor = await openAs(dir, world, world.staff.wardProcessor, {
      pkcs11Module: SOFTHSM_MODULE,
    });
    opened.push(processor);
    value('checkDossier', await processor.api.checkDossier({ dossierId: dossierId() }));
    const err = failure(await signWith(processor.api, slots['Chi bo 1']!, '01', '1234'));
    expect(err).toMatchObject({ code: 'not_approver' });
  });
});
