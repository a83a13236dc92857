/**
 * A minimal signer written by hand for the DocMDP cases: a certification signature with an
 * invisible widget, or an existing field signed (optionally changing more of it than it should).
 * Test support only.
 */
import { createHash } from 'node:crypto';
import { buildCadesDetached, type CmsSigner } from '../cms/signed-data';
import { IncrementalUpdate } from '../pdf/incremental-writer';
import { name, PdfDict, PdfRaw, PdfRef, PdfString, type PdfValue } from '../pdf/pdf-objects';
import { PdfReader } from '../pdf/pdf-reader';

export interface HandSignOptions {
  /** Certification: DocMDP /P. */
  docMdp?: 1 | 2 | 3;
  /** Sign this existing unsigned field (its /V set) instead of adding a widget. */
  field?: number;
  /** Entries also changed in that field, as a tool that does too much would. */
  alsoSet?: Record<string, PdfValue>;
}

const PLACEHOLDER = '[0 9999999999 9999999999 9999999999]';
const CONTENTS_SIZE = 8192;

function docMdpReference(p: 1 | 2 | 3): PdfDict {
  const params = new PdfDict([
    ['Type', name('TransformParams')],
    ['P', p],
    ['V', name('1.2')],
  ]);
  return new PdfDict([
    ['Type', name('SigRef')],
    ['TransformMethod', name('DocMDP')],
    ['TransformParams', params],
  ]);
}

/**
 * A signature made by hand as our signer does (incremental update, /ByteRange around /Contents,
 * CAdES detached): a certification signature with an invisible widget, or an existing field signed.
 */
export async function signByHand(
  pdf: Buffer,
  signer: CmsSigner,
  options: HandSignOptions,
): Promise<Buffer> {
  const reader = new PdfReader(pdf);
  const update = new IncrementalUpdate(reader);
  const pageRef = reader.pageRefs()[0]!;
  const sigDict = new PdfDict([
    ['Type', name('Sig')],
    ['Filter', name('Adobe.PPKLite')],
    ['SubFilter', name('ETSI.CAdES.detached')],
    ['ByteRange', new PdfRaw(PLACEHOLDER)],
    ['Contents', new PdfRaw(`<${'0'.repeat(CONTENTS_SIZE * 2)}>`)],
  ]);
  if (options.docMdp) sigDict.set('Reference', [docMdpReference(options.docMdp)]);
  const sigRef = update.add(sigDict);
  if (options.field !== undefined) {
    const fieldRef = new PdfRef(options.field, reader.genOf(options.field));
    const field = reader.dict(fieldRef)!.clone().set('V', sigRef);
    for (const [k, v] of Object.entries(options.alsoSet ?? {})) field.set(k, v);
    update.update(fieldRef, field);
    return finishSignature(pdf, update, signer);
  }
  const widgetRef = update.add(
    new PdfDict([
      ['Type', name('Annot')],
      ['Subtype', name('Widget')],
      ['FT', name('Sig')],
      ['T', PdfString.text('Certification')],
      ['V', sigRef],
      ['F', 132],
      ['P', pageRef],
      ['Rect', [0, 0, 0, 0]],
    ]),
  );
  const catalog = reader.dict(reader.catalogRef)!.clone();
  const acro = (reader.dict(catalog.get('AcroForm')) ?? new PdfDict()).clone();
  const fields = (reader.resolve(acro.get('Fields')) as PdfValue[] | undefined) ?? [];
  acro.set('Fields', [...fields, widgetRef]).set('SigFlags', 3);
  catalog.set('AcroForm', update.add(acro));
  if (options.docMdp) catalog.set('Perms', new PdfDict([['DocMDP', sigRef]]));
  update.update(reader.catalogRef, catalog);
  const page = reader.dict(pageRef)!;
  const annots = (reader.resolve(page.get('Annots')) as PdfValue[] | undefined) ?? [];
  update.update(pageRef, page.clone().set('Annots', [...annots, widgetRef]));
  return finishSignature(pdf, update, signer);
}

/** Writes the byte range and the CMS over it into the placeholders. */
async function finishSignature(
  pdf: Buffer,
  update: IncrementalUpdate,
  signer: CmsSigner,
): Promise<Buffer> {
  const placeholder = PLACEHOLDER;
  const size = CONTENTS_SIZE;
  const out = Buffer.concat([pdf, update.build()]);
  const brAt = out.indexOf(placeholder, pdf.length, 'latin1');
  const contentsAt = out.indexOf(`<${'0'.repeat(64)}`, brAt, 'latin1');
  const contentsEnd = contentsAt + size * 2 + 2;
  const byteRange = [0, contentsAt, contentsEnd, out.length - contentsEnd];
  out.write(`[${byteRange.join(' ')}]`.padEnd(placeholder.length, ' '), brAt, 'latin1');
  const digest = createHash('sha256')
    .update(out.subarray(0, contentsAt))
    .update(out.subarray(contentsEnd))
    .digest();
  const cms = await buildCadesDetached(digest, signer, {});
  out.write(cms.toString('hex'), contentsAt + 1, 'latin1');
  return out;
}
