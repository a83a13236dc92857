/**
 * PAdES signing by incremental update: a new revision holding the signature dictionary, a
 * signature field/widget with its own appearance, and the catalog/AcroForm/page changes needed to
 * reach them. /ByteRange covers everything but the /Contents hex string; the CMS is written into
 * the reserved room. Earlier revisions, and so earlier signatures, are left byte-for-byte intact.
 */
import { createHash } from 'node:crypto';
import { renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { buildCadesDetached, type CmsOptions, type CmsSigner } from '../cms/signed-data';
import { buildAppearance } from './appearance';
import { IncrementalUpdate } from './incremental-writer';
import { name, PdfDict, PdfRaw, PdfRef, PdfString, type PdfValue } from './pdf-objects';
import { PdfReader } from './pdf-reader';

export interface PdfSignOptions {
  signerName: string;
  /** 1-based; default: the last page (where signature blocks usually are). */
  page?: number;
  /** [x, y, width, height] in PDF points; default: bottom-right 180×80. */
  rect?: [number, number, number, number];
  signatureImage?: Buffer;
  sealImage?: Buffer;
  /**
   * The seal is drawn at its true size from the PNG's pHYs; without pHYs its larger side is this
   * many millimetres (default 36, a usual Vietnamese seal diameter).
   */
  sealDefaultDiameterMm?: number;
  reason?: string;
  location?: string;
  /** Claimed signing time (/M and the visible text). */
  time?: Date;
  /** Bytes reserved for the CMS; default 8 KB, 20 KB when a timestamp is requested. */
  contentsSize?: number;
}

export class PdfSignError extends Error {
  override readonly name = 'PdfSignError';
}

const BYTE_RANGE_PLACEHOLDER = '[0 9999999999 9999999999 9999999999]';

/** D:YYYYMMDDHHmmSS+HH'mm' in UTC. */
export function pdfDate(d: Date): string {
  const digits = d.toISOString().slice(0, 19).replace(/[-T:]/g, '');
  return `D:${digits}+00'00'`;
}

/** Field names (/T) already used, walking /Kids. */
function fieldNames(reader: PdfReader, fields: PdfValue | undefined): Set<string> {
  const out = new Set<string>();
  const seen = new Set<number>();
  const walk = (v: PdfValue | undefined, depth: number) => {
    if (depth > 32) return;
    if (v instanceof PdfRef) {
      if (seen.has(v.num)) return;
      seen.add(v.num);
    }
    const r = reader.resolve(v);
    if (Array.isArray(r)) r.forEach((x) => walk(x, depth + 1));
    else if (r instanceof PdfDict) {
      const t = r.get('T');
      if (t instanceof PdfString) out.add(t.bytes.toString('latin1'));
      walk(r.get('Kids'), depth + 1);
    }
  };
  walk(fields, 0);
  return out;
}

export async function signPdf(
  pdf: Buffer,
  signer: CmsSigner,
  options: PdfSignOptions,
  cms: CmsOptions = {},
): Promise<Buffer> {
  const reader = new PdfReader(pdf);
  const update = new IncrementalUpdate(reader);
  const pages = reader.pageRefs();
  const pageIndex = (options.page ?? pages.length) - 1;
  const pageRef = pages[pageIndex];
  if (!pageRef)
    throw new PdfSignError(`page ${options.page} does not exist (${pages.length} pages)`);
  const pageDict = reader.dict(pageRef);
  if (!pageDict) throw new PdfSignError('damaged page object');

  const box = reader.pageAttribute(pageRef, 'CropBox') ?? reader.pageAttribute(pageRef, 'MediaBox');
  const [bx0, by0, bx1] =
    Array.isArray(box) && box.every((n) => typeof n === 'number') ? (box as number[]) : [0, 0, 595];
  const rect = options.rect ?? [(bx1 ?? 595) - 200, (by0 ?? 0) + 40, 180, 80];
  void bx0;
  const [x, y, w, h] = rect;
  const time = options.time ?? new Date();

  // Catalog and AcroForm.
  const catalogRef = reader.catalogRef;
  const catalog = reader.dict(catalogRef)!.clone();
  const acroVal = catalog.get('AcroForm');
  const acroForm = (reader.dict(acroVal) ?? new PdfDict()).clone();
  const existingFields = reader.resolve(acroForm.get('Fields'));
  const fields = Array.isArray(existingFields) ? [...existingFields] : [];
  const used = fieldNames(reader, fields);
  let n = 1;
  while (used.has(`Sig${n}`)) n++;
  const fieldName = `Sig${n}`;

  const contentsSize = options.contentsSize ?? (cms.timestamp ? 20_000 : 8_192);
  const sigDict = new PdfDict([
    ['Type', name('Sig')],
    ['Filter', name('Adobe.PPKLite')],
    ['SubFilter', name('ETSI.CAdES.detached')],
    ['ByteRange', new PdfRaw(BYTE_RANGE_PLACEHOLDER)],
    ['Contents', new PdfRaw(`<${'0'.repeat(contentsSize * 2)}>`)],
    ['M', PdfString.text(pdfDate(time))],
    ['Name', PdfString.text(options.signerName)],
  ]);
  if (options.reason) sigDict.set('Reason', PdfString.text(options.reason));
  if (options.location) sigDict.set('Location', PdfString.text(options.location));
  const sigRef = update.add(sigDict);
  const appearance = buildAppearance(update, {
    width: w,
    height: h,
    signerName: options.signerName,
    time,
    signatureImage: options.signatureImage,
    sealImage: options.sealImage,
    sealDefaultDiameterMm: options.sealDefaultDiameterMm,
  });
  // The widget grows with the appearance (a true-size seal may not fit the requested box); the
  // form's origin stays at (x, y), so BBox→Rect is a pure translation.
  const [ax0, ay0, ax1, ay1] = appearance.bbox;
  const widgetRef = update.add(
    new PdfDict([
      ['Type', name('Annot')],
      ['Subtype', name('Widget')],
      ['FT', name('Sig')],
      ['T', PdfString.text(fieldName)],
      ['V', sigRef],
      ['F', 132], // Print + Locked
      ['P', pageRef],
      ['Rect', [x + ax0, y + ay0, x + ax1, y + ay1]],
      ['AP', new PdfDict([['N', appearance.ref]])],
    ]),
  );

  attachField(reader, update, { catalog, acroVal, acroForm, fields, pageRef, pageDict, widgetRef });
  return fillPlaceholders(pdf, update.build(), contentsSize, async (signed) => {
    const digest = createHash('sha256').update(signed[0]!).update(signed[1]!).digest();
    return buildCadesDetached(digest, signer, cms);
  });
}

interface FieldPlace {
  catalog: PdfDict;
  acroVal: PdfValue | undefined;
  acroForm: PdfDict;
  /** The AcroForm's fields before this one. */
  fields: PdfValue[];
  pageRef: PdfRef;
  pageDict: PdfDict;
  widgetRef: PdfRef;
}

/** The bookkeeping that reaches a new signature field: AcroForm /Fields and the page's /Annots. */
function attachField(reader: PdfReader, update: IncrementalUpdate, place: FieldPlace): void {
  const { catalog, acroVal, acroForm, pageRef, pageDict, widgetRef } = place;
  acroForm.set('Fields', [...place.fields, widgetRef]).set('SigFlags', 3);
  if (acroVal instanceof PdfRef) update.update(acroVal, acroForm);
  else {
    catalog.set('AcroForm', update.add(acroForm));
    update.update(reader.catalogRef, catalog);
  }
  // Page /Annots: an inline array is extended on a copy of the page; a referenced array in place.
  const annotsVal = pageDict.get('Annots');
  const annots = reader.resolve(annotsVal);
  const newAnnots = [...(Array.isArray(annots) ? annots : []), widgetRef];
  if (annotsVal instanceof PdfRef && Array.isArray(annots)) update.update(annotsVal, newAnnots);
  else update.update(pageRef, pageDict.clone().set('Annots', newAnnots));
}

/**
 * Appends the update, writes the real /ByteRange and puts what `contentsOf` makes of the two
 * signed parts into the reserved /Contents room.
 */
async function fillPlaceholders(
  pdf: Buffer,
  appended: Buffer,
  contentsSize: number,
  contentsOf: (signed: [Buffer, Buffer]) => Promise<Buffer>,
): Promise<Buffer> {
  const out = Buffer.concat([pdf, appended]);
  const brAt = out.indexOf(BYTE_RANGE_PLACEHOLDER, pdf.length, 'latin1');
  const contentsTag = out.indexOf(`/Contents <${'0'.repeat(16)}`, brAt, 'latin1');
  const contentsAt = contentsTag + '/Contents '.length;
  if (brAt < 0 || contentsTag < brAt) throw new Error('signature placeholders not found');
  const contentsEnd = contentsAt + contentsSize * 2 + 2;
  const byteRange = [0, contentsAt, contentsEnd, out.length - contentsEnd];
  const brText = `[${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  out.write(brText, brAt, 'latin1');
  const der = await contentsOf([out.subarray(0, contentsAt), out.subarray(contentsEnd)]);
  if (der.length > contentsSize)
    throw new PdfSignError(
      `signature (${der.length} bytes) larger than the reserved ${contentsSize}`,
    );
  out.write(der.toString('hex'), contentsAt + 1, 'latin1');
  return out;
}

/**
 * A document timestamp (PAdES B-LTA, PDF 2.0 /DocTimeStamp) over the whole file as it is: an
 * invisible signature field whose /Contents is the TSA's RFC 3161 token on the byte range.
 * `timestamper` hashes what it is given (as `rfc3161Timestamper` does).
 */
export async function addDocumentTimestamp(
  pdf: Buffer,
  timestamper: (stamped: Buffer) => Promise<Buffer>,
  contentsSize = 12_000,
): Promise<Buffer> {
  const reader = new PdfReader(pdf);
  const update = new IncrementalUpdate(reader);
  const pageRef = reader.pageRefs()[0]!;
  const pageDict = reader.dict(pageRef);
  if (!pageDict) throw new PdfSignError('damaged page object');
  const catalog = reader.dict(reader.catalogRef)!.clone();
  const acroVal = catalog.get('AcroForm');
  const acroForm = (reader.dict(acroVal) ?? new PdfDict()).clone();
  const existing = reader.resolve(acroForm.get('Fields'));
  const fields = Array.isArray(existing) ? [...existing] : [];
  const used = fieldNames(reader, fields);
  let n = 1;
  while (used.has(`DocTimeStamp${n}`)) n++;
  const sigRef = update.add(
    new PdfDict([
      ['Type', name('DocTimeStamp')],
      ['Filter', name('Adobe.PPKLite')],
      ['SubFilter', name('ETSI.RFC3161')],
      ['ByteRange', new PdfRaw(BYTE_RANGE_PLACEHOLDER)],
      ['Contents', new PdfRaw(`<${'0'.repeat(contentsSize * 2)}>`)],
    ]),
  );
  const widgetRef = update.add(
    new PdfDict([
      ['Type', name('Annot')],
      ['Subtype', name('Widget')],
      ['FT', name('Sig')],
      ['T', PdfString.text(`DocTimeStamp${n}`)],
      ['V', sigRef],
      ['F', 132],
      ['P', pageRef],
      ['Rect', [0, 0, 0, 0]],
    ]),
  );
  attachField(reader, update, { catalog, acroVal, acroForm, fields, pageRef, pageDict, widgetRef });
  return fillPlaceholders(pdf, update.build(), contentsSize, (signed) =>
    timestamper(Buffer.concat(signed)),
  );
}

/**
 * Signs a file: nothing appears at `outPath` unless signing fully succeeded. Returns the bytes
 * written.
 */
export async function signPdfFile(
  inPath: string,
  outPath: string,
  signer: CmsSigner,
  options: PdfSignOptions,
  cms: CmsOptions = {},
): Promise<Buffer> {
  const signed = await signPdf(readFileSync(inPath), signer, options, cms);
  const tmp = `${outPath}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, signed, { flag: 'wx' });
    renameSync(tmp, outPath);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return signed;
}
