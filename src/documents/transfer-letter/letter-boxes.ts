import { PDFDict, PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import {
  buildTransferLetter,
  type SignatureBox,
  type TransferLetterInput,
} from './transfer-letter';

// The introduction letter's signature boxes: one per route org, filled level by level. The boxes
// of a letter are written into its document information dictionary when the letter is made, so
// every later signer (on any machine, whatever its cache holds) puts its signature in its own box
// without laying the letter out again from data it may not have.

/** Key of the document information dictionary holding the boxes as JSON. */
export const BOXES_INFO_KEY = 'DangvuSignatureBoxes';

/** Writes the boxes into the letter (before any signature: the file is saved once more). */
export async function withBoxes(pdf: Buffer, boxes: SignatureBox[]): Promise<Buffer> {
  // Metadata kept as generated (no new ModDate): the letter's bytes depend on its input only.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const infoRef = doc.context.trailerInfo.Info;
  const info = infoRef ? doc.context.lookup(infoRef, PDFDict) : undefined;
  if (!info) throw new Error('the generated letter has no information dictionary');
  info.set(PDFName.of(BOXES_INFO_KEY), PDFString.of(JSON.stringify(boxes)));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * The unsigned letter exactly as it is signed first: deterministic from its input, so the server
 * can rebuild it and compare (the desktop signs it, the server checks the signed file begins
 * with these bytes).
 */
export async function unsignedLetter(
  input: TransferLetterInput,
): Promise<{ pdf: Buffer; boxes: SignatureBox[] }> {
  const { pdf, boxes } = await buildTransferLetter(input);
  return { pdf: await withBoxes(pdf, boxes), boxes };
}
