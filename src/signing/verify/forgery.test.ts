/**
 * The attacker's side of the difference analysis: real letters signed on SoftHSM by our signer,
 * then changed by hand-written incremental updates. Every disallowed change gives "changed" (or
 * "broken") with the object named; equivalent re-spellings and metadata stay intact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../../../scripts/test-support/softhsm';
import { name, PdfDict, PdfString, type PdfValue } from '../pdf/pdf-objects';
import { PdfReader } from '../pdf/pdf-reader';
import { signPdf } from '../pdf/sign-pdf';
import * as forge from '../test-support/forgeries';
import { signByHand } from '../test-support/hand-signer';
import { cmsSignerOf } from '../token/cms-signer';
import { Pkcs11Module } from '../token/pkcs11-module';
import { loadCertificates } from './chain';
import { verifyPdf, type SignatureReport } from './verify-pdf';

let dir: string;
let pki: TestPki;
let module: Pkcs11Module;
let letter: Buffer;
let signed: Buffer;

async function makeLetter(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('GIAY GIOI THIEU SINH HOAT DANG', { x: 60, y: 760, size: 16, font });
  const field = doc.getForm().createTextField('HoTen');
  field.setText('Nguyen Van An');
  field.addToPage(page, { x: 60, y: 700, width: 240, height: 24 });
  doc.setTitle('Giay gioi thieu');
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const withToken = async <T>(
  label: string,
  pin: string,
  f: (s: ReturnType<Pkcs11Module['login']>) => Promise<T>,
) => {
  const session = module.login(module.findSlot(label), pin);
  try {
    return await f(session);
  } finally {
    session.close();
  }
};

function sign(pdf: Buffer, label = 'Chi bo', pin = '1111'): Promise<Buffer> {
  return withToken(label, pin, (session) => {
    const signer = session.signer();
    return signPdf(
      pdf,
      cmsSignerOf(signer),
      { signerName: signer.certificate.commonName, rect: [300, 60, 200, 80] },
      { chain: [pki.intermediate.certDer] },
    );
  });
}

const verify = (pdf: Buffer) =>
  verifyPdf(pdf, { trustAnchors: loadCertificates(pki.root.certPem) }).signatures;

const disallowed = (s: SignatureReport) =>
  s.modifications.changes.filter((c) => c.verdict === 'disallowed');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'forgery-'));
  pki = createTestPki(join(dir, 'pki'));
  useSoftHsm(
    createSoftHsm(join(dir, 'hsm'), [
      { label: 'Chi bo', pin: '1111', keys: [{ id: '01', cert: pki.signerRsa }] },
      { label: 'Dang uy', pin: '2222', keys: [{ id: 'a1', cert: pki.signerEc }] },
    ]),
  );
  module = Pkcs11Module.open(SOFTHSM_MODULE);
  letter = await makeLetter();
  signed = await sign(letter);
});

afterAll(() => {
  module?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('difference analysis against forged updates', () => {
  it('the genuine signed letter is intact, with nothing changed after it', () => {
    const [s] = verify(signed);
    expect(s!.status).toBe('intact');
    expect(s!.modifications).toEqual({ allowed: true, changes: [] });
  });

  it('a hybrid update (empty table, /XRefStm) redefining the page content is never intact', () => {
    const forged = forge.redefineContentInXRefStm(signed);
    // The forgery works: a reader of the final state sees the new content.
    const content = new PdfReader(forged.pdf).getObject(forged.object);
    expect(
      content && 'data' in (content as object) ? String((content as { data: Buffer }).data) : '',
    ).toContain('Da duyet');
    const [s] = verify(forged.pdf);
    expect(['changed', 'broken']).toContain(s!.status);
    expect(s!.intact).toBe(false);
    expect(disallowed(s!)).toContainEqual(
      expect.objectContaining({ object: forged.object, kind: 'page content' }),
    );
  });

  it('a changed indirect /Length that re-cuts a stream at the same offset: the stream named', async () => {
    const prepared = forge.withIndirectLength(letter);
    const base = await sign(prepared.pdf);
    const { contentNum } = forge.targetPage(base);
    const forged = forge.redefineNumber(base, prepared.lengthNum, prepared.shorter);
    const cut = new PdfReader(forged).getObject(contentNum) as { data: Buffer };
    expect(cut.data.toString('latin1')).not.toContain('Ban goc');
    const [s] = verify(forged);
    expect(s!.status).toBe('changed');
    const objects = disallowed(s!).map((c) => c.object);
    expect(objects).toEqual(expect.arrayContaining([contentNum, prepared.lengthNum]));
  });

  it('a section chain that skips the signed revision is not intact, though every object is equal', () => {
    const forged = forge.bypassSignedSection(signed);
    const [s] = verify(forged);
    expect(s!.digestOk).toBe(true);
    expect(s!.intact).toBe(false);
    expect(disallowed(s!)).toContainEqual(
      expect.objectContaining({ object: null, kind: 'revision chain' }),
    );
  });

  it('an unsigned signature widget painting over the page: changed, the widget named', () => {
    const forged = forge.unsignedWidgetOverlay(signed);
    const [s] = verify(forged.pdf);
    expect(s!.status).toBe('changed');
    expect(s!.digestOk && s!.signatureOk).toBe(true);
    expect(disallowed(s!)).toContainEqual(
      expect.objectContaining({ object: forged.widget, kind: 'signature widget' }),
    );
    expect(disallowed(s!).map((c) => c.kind)).toEqual(
      expect.arrayContaining(['page annotations', 'form fields']),
    );
  });

  it.each([
    [
      'page /Contents',
      () => {
        const f = forge.appendPageContent(signed);
        return { pdf: f.pdf, object: f.page, kind: 'page' };
      },
    ],
    [
      'page /Resources',
      () => {
        const f = forge.changePageResources(signed);
        return { pdf: f.pdf, object: f.object, kind: undefined };
      },
    ],
    [
      'a free-text annotation',
      () => {
        const f = forge.addFreeText(signed);
        return { pdf: f.pdf, object: f.annotation, kind: 'annotation (FreeText)' };
      },
    ],
    [
      'a form field value',
      () => {
        const f = forge.changeFieldValue(signed, 'HoTen', 'Le Van Gia');
        return { pdf: f.pdf, object: f.object, kind: 'form field' };
      },
    ],
    [
      'the catalog /OpenAction',
      () => {
        const f = forge.setCatalogEntry(
          signed,
          'OpenAction',
          new PdfDict([
            ['S', name('JavaScript')],
            ['JS', PdfString.text("app.alert('x')")],
          ]),
        );
        return { pdf: f.pdf, object: f.object, kind: 'catalog' };
      },
    ],
  ])('%s changed after signing: changed, the object named', (_, make) => {
    const { pdf, object, kind } = make();
    const [s] = verify(pdf);
    expect(s!.status).toBe('changed');
    expect(s!.intact).toBe(false);
    const named = disallowed(s!).filter((c) => c.object === object);
    expect(named.length).toBeGreaterThan(0);
    if (kind) expect(named.map((c) => c.kind)).toContain(kind);
  });

  it('the same objects re-spelled (key order, whitespace, reals, literal strings, direct → indirect) stay intact', () => {
    const forged = forge.respell(signed);
    expect(forged.length).toBeGreaterThan(signed.length);
    const [s] = verify(forged);
    expect(s!.status).toBe('intact');
    expect(s!.modifications.changes).toEqual([]);
  });

  it('a shared graph renumbered in an update is compared once per pair: intact, and quickly', async () => {
    const base = await sign(forge.hangGraph(letter, 500, 40));
    const renumbered = forge.hangGraph(base, 600, 40);
    const started = Date.now();
    const [s] = verify(renumbered);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(s!.modifications.changes).toEqual([]);
    expect(s!.status).toBe('intact');
    expect(s!.modifications.changes).toEqual([]);
  });

  it('a changed /Info title is listed as harmless and the signature stays intact', () => {
    const forged = forge.changeInfo(signed, 'Tieu de khac');
    const [s] = verify(forged.pdf);
    expect(s!.status).toBe('intact');
    expect(s!.modifications.changes).toEqual([
      expect.objectContaining({ object: forged.object, verdict: 'harmless' }),
    ]);
  });

  it('a second signature by our signer after the first is allowed', async () => {
    const twice = await sign(signed, 'Dang uy', '2222');
    const [first, second] = verify(twice);
    expect([first!.status, second!.status]).toEqual(['intact', 'intact']);
    expect(first!.modifications.changes.length).toBeGreaterThan(0);
    expect(disallowed(first!)).toEqual([]);
  });

  it('DocMDP P=1: a second signature changes the certified document; P=2 allows it', async () => {
    const certify = (p: 1 | 2) =>
      withToken('Chi bo', '1111', (session) =>
        signByHand(letter, cmsSignerOf(session.signer()), { docMdp: p }),
      );
    for (const p of [1, 2] as const) {
      const certified = await certify(p);
      expect(verify(certified)[0]!.status).toBe('intact');
      const countersigned = await sign(certified, 'Dang uy', '2222');
      const [cert, second] = verify(countersigned);
      expect(cert!.modifications.docMdp).toBe(p);
      expect(cert!.status).toBe(p === 1 ? 'changed' : 'intact');
      expect(second!.status).toBe('intact');
    }
  });

  it('an unsigned field signed later is allowed; the same with its /Rect moved is a change', async () => {
    const form = forge.addEmptySignatureField(letter, 'KyDuyet');
    const base = await sign(form.pdf);
    const fill = (alsoSet?: Record<string, PdfValue>) =>
      withToken('Dang uy', '2222', (session) =>
        signByHand(base, cmsSignerOf(session.signer()), { field: form.field, alsoSet }),
      );
    // The empty field came first in /Fields, so its signature is listed first.
    const [filledField, first] = verify(await fill());
    expect([first!.fieldName, first!.status]).toEqual(['Sig1', 'intact']);
    expect([filledField!.fieldName, filledField!.status]).toEqual(['KyDuyet', 'intact']);
    const fieldChange = { object: form.field, verdict: 'allowed' };
    expect(first!.modifications.changes).toContainEqual(expect.objectContaining(fieldChange));
    const [, movedFirst] = verify(await fill({ Rect: [0, 0, 595, 842] }));
    expect(movedFirst!.status).toBe('changed');
    const named = { object: form.field, kind: 'signature widget' };
    expect(disallowed(movedFirst!)).toContainEqual(expect.objectContaining(named));
  });
});
