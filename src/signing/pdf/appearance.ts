/**
 * The visible signature: a Form XObject used as the widget's /AP /N, never drawn on the page
 * content. Signature image on top, the organisation's seal image overlapping the
 * left third of it (tinted red when it is not red already) at its true physical size, the signer's
 * name (Vietnamese, in an embedded Unicode font) and the ISO 8601 time below.
 *
 * A true-size seal may be larger than the caller's box: the form's BBox then grows to take it in
 * (nothing is clipped) and the caller must grow the widget /Rect by the same amounts — see
 * `Appearance.bbox`. Form coordinates keep their origin at the caller's box's lower-left corner.
 */
import { name, PdfDict, type PdfRef, PdfStream } from './pdf-objects';
import { DEFAULT_SEAL_DIAMETER_MM, physicalSizePt, pngToXObjects } from './png';
import { AppearanceFont } from './unicode-font';
import type { IncrementalUpdate } from './incremental-writer';

export interface AppearanceInput {
  width: number;
  height: number;
  signerName: string;
  /** ISO 8601 time shown under the name. */
  time: string;
  signatureImage?: Buffer;
  sealImage?: Buffer;
  /** Seal diameter (mm) used when the seal PNG carries no pHYs; default 36 mm. */
  sealDefaultDiameterMm?: number;
}

export interface Appearance {
  ref: PdfRef;
  /**
   * [x0, y0, x1, y1] of the form in its own space: [0, 0, width, height] grown to hold the seal.
   * The widget /Rect is the caller's box moved by the same amounts.
   */
  bbox: [number, number, number, number];
}

const f = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3));

function addImage(update: IncrementalUpdate, png: Buffer, red = false) {
  const { image, smask, width, height, pixelsPerMetre } = pngToXObjects(png, { red });
  if (smask) image.dict.set('SMask', update.add(smask));
  return { ref: update.add(image), width, height, pixelsPerMetre };
}

/** Fits w×h into box, keeping aspect ratio; returns drawn size. */
function fit(w: number, h: number, boxW: number, boxH: number) {
  const k = Math.min(boxW / w, boxH / h);
  return { w: w * k, h: h * k };
}

export function buildAppearance(update: IncrementalUpdate, input: AppearanceInput): Appearance {
  const { width: W, height: H } = input;
  const textH = Math.min(28, H * 0.4);
  const fontSize = Math.max(4, Math.min(9, textH / 2.6));
  const xobjects = new PdfDict();
  const ops: string[] = [];
  const imgBox = { x: 0, y: textH, w: W, h: H - textH };
  let sigArea = { x: imgBox.x, y: imgBox.y, w: imgBox.w, h: imgBox.h };
  const bbox: [number, number, number, number] = [0, 0, W, H];
  if (input.signatureImage) {
    const img = addImage(update, input.signatureImage);
    const s = fit(img.width, img.height, imgBox.w, imgBox.h);
    sigArea = { x: imgBox.x + (imgBox.w - s.w) / 2, y: imgBox.y + (imgBox.h - s.h) / 2, w: s.w, h: s.h }; // prettier-ignore
    xobjects.set('Sig', img.ref);
    ops.push(`q ${f(s.w)} 0 0 ${f(s.h)} ${f(sigArea.x)} ${f(sigArea.y)} cm /Sig Do Q`);
  }
  if (input.sealImage) {
    const img = addImage(update, input.sealImage, true);
    // True physical size (pHYs, else the default diameter), never fitted to the box. It covers the
    // left third of the signature image, centred on that third's right edge (not left of the box)
    // and centred vertically on the signature image.
    const size = physicalSizePt(img, input.sealDefaultDiameterMm ?? DEFAULT_SEAL_DIAMETER_MM);
    const s = { w: size.width, h: size.height };
    const cx = sigArea.x + sigArea.w / 3;
    const x = Math.max(0, cx - s.w / 2);
    const y = sigArea.y + sigArea.h / 2 - s.h / 2;
    bbox[1] = Math.min(bbox[1], Math.floor(y));
    bbox[2] = Math.max(bbox[2], Math.ceil(x + s.w));
    bbox[3] = Math.max(bbox[3], Math.ceil(y + s.h));
    xobjects.set('Seal', img.ref);
    ops.push(`q ${f(s.w)} 0 0 ${f(s.h)} ${f(x)} ${f(y)} cm /Seal Do Q`);
  }
  // The name shrinks (down to 4 pt) rather than run out of the box.
  const text = new AppearanceFont();
  const nameRun = text.shape(input.signerName);
  const timeRun = text.shape(input.time);
  const nameSize = Math.max(4, Math.min(fontSize * 1.15, (W - 4) / Math.max(nameRun.width, 0.01)));
  const timeSize = Math.max(4, Math.min(fontSize, (W - 4) / Math.max(timeRun.width, 0.01)));
  const font = text.addTo(update);
  ops.push(
    `BT 0 0 0 rg /F1 ${f(nameSize)} Tf 2 ${f(timeSize * 1.5)} Td ${nameRun.hex} Tj ` +
      `/F1 ${f(timeSize)} Tf 0 ${f(-timeSize * 1.3)} Td ${timeRun.hex} Tj ET`,
  );
  const resources = new PdfDict([['Font', new PdfDict([['F1', font]])]]);
  if (xobjects.map.size > 0) resources.set('XObject', xobjects);
  const form = new PdfStream(
    new PdfDict([
      ['Type', name('XObject')],
      ['Subtype', name('Form')],
      ['BBox', bbox],
      ['Resources', resources],
    ]),
    Buffer.from(ops.join('\n'), 'latin1'),
  );
  return { ref: update.add(form), bbox };
}
