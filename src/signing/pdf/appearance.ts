/**
 * The visible signature: a Form XObject used as the widget's /AP /N, never drawn on the page
 * content. Signature image on top, the organisation's seal image overlapping the left third of it
 * (tinted red when it is not red already) at its true physical size, and the signer's name
 * (Vietnamese, in an embedded Unicode font) with the time in ISO 8601 at Vietnam's offset. The
 * text is laid out where the seal cannot cover it: to the right of the seal under the image, or,
 * when it does not fit there legibly, under the seal.
 *
 * A true-size seal, or the text under it, may not fit the caller's box: the form's BBox then
 * grows to take them in (nothing is clipped) and the caller must grow the widget /Rect by the
 * same amounts — see `Appearance.bbox`. Form coordinates keep their origin at the caller's box's
 * lower-left corner.
 */
import { name, PdfDict, type PdfRef, PdfStream } from './pdf-objects';
import { DEFAULT_SEAL_DIAMETER_MM, physicalSizePt, pngToXObjects } from './png';
import { AppearanceFont, type ShapedText } from './unicode-font';
import type { IncrementalUpdate } from './incremental-writer';

export interface AppearanceInput {
  width: number;
  height: number;
  signerName: string;
  /** Signing time, shown as ISO 8601 in Vietnam's time (UTC+7). */
  time: Date;
  signatureImage?: Buffer;
  sealImage?: Buffer;
  /** Seal diameter (mm) used when the seal PNG carries no pHYs; default 36 mm. */
  sealDefaultDiameterMm?: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Appearance {
  ref: PdfRef;
  /**
   * [x0, y0, x1, y1] of the form in its own space: [0, 0, width, height] grown to hold the seal
   * and the text. The widget /Rect is the caller's box moved by the same amounts.
   */
  bbox: [number, number, number, number];
  /** Where things were drawn, in form space (tests check that the seal never covers the text). */
  layout: { image: Box; seal?: Box; text: Box };
}

/** Vietnam has kept UTC+7 all year since 1975, without daylight saving. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** `2026-12-07T08:09:08+07:00`: ISO 8601 in Vietnam's time, as the rules on e-documents ask. */
export function vietnamIsoTime(d: Date): string {
  return `${new Date(d.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
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

/** Text to the right of the seal is used only at this size or more; else it goes under it. */
const MIN_SIDE_TEXT_PT = 6;
const PAD = 2;
/**
 * Liberation Serif's extent in em, rounded up: descent, ascent of digits and capitals, and of
 * capitals with stacked Vietnamese marks (Ễ, Ặ) — the name's line may carry them.
 */
const DESCENT_EM = 0.25;
const ASCENT_EM = 0.95;
const TALL_ASCENT_EM = 1.2;
/** Both lines' height in em of the nominal size (the name is set 15 % larger). */
const LINES_EM = DESCENT_EM + ASCENT_EM + 1.15 * (DESCENT_EM + TALL_ASCENT_EM);

interface TextBlock {
  box: Box;
  nameSize: number;
  timeSize: number;
}

/**
 * Two lines (name, time) starting at `x`, at most `nominal` pt, shrunk to fit `width` but never
 * below `min`; the block's lower edge at `bottom`.
 */
function textBlock(
  name: ShapedText,
  time: ShapedText,
  x: number,
  bottom: number,
  width: number,
  nominal: number,
): TextBlock {
  const fitting = (run: ShapedText, size: number) =>
    Math.max(4, Math.min(size, (width - PAD) / Math.max(run.width, 0.01)));
  const nameSize = fitting(name, nominal * 1.15);
  const timeSize = fitting(time, nominal);
  const w = Math.max(name.width * nameSize, time.width * timeSize) + PAD;
  const h = timeSize * (DESCENT_EM + ASCENT_EM) + nameSize * (DESCENT_EM + TALL_ASCENT_EM) + PAD;
  return { box: { x, y: bottom, w, h }, nameSize, timeSize };
}

/**
 * Where the text goes: under the image across the box when there is no seal; else right of the
 * seal when it fits there at a legible size; else under the seal (and the image), the form
 * growing downwards.
 */
function placeText(
  name: ShapedText,
  time: ShapedText,
  W: number,
  textH: number,
  nominal: number,
  seal: Box | undefined,
): TextBlock {
  if (!seal) return textBlock(name, time, PAD, PAD, W - PAD, nominal);
  const sideX = seal.x + seal.w + PAD;
  const side = textBlock(name, time, sideX, PAD, W - sideX, nominal);
  if (Math.min(side.nameSize, side.timeSize) >= MIN_SIDE_TEXT_PT && side.box.h <= textH)
    return side;
  const under = textBlock(name, time, PAD, 0, W - PAD, nominal);
  const top = Math.min(textH, seal.y) - PAD;
  return { ...under, box: { ...under.box, y: top - under.box.h } };
}

export function buildAppearance(update: IncrementalUpdate, input: AppearanceInput): Appearance {
  const { width: W, height: H } = input;
  const textH = Math.min(28, H * 0.4);
  const fontSize = Math.max(4, Math.min(9, (textH - PAD) / LINES_EM));
  const xobjects = new PdfDict();
  const ops: string[] = [];
  const imgBox = { x: 0, y: textH, w: W, h: H - textH };
  let sigArea = { x: imgBox.x, y: imgBox.y, w: imgBox.w, h: imgBox.h };
  const bbox: [number, number, number, number] = [0, 0, W, H];
  let seal: Box | undefined;
  if (input.signatureImage) {
    const img = addImage(update, input.signatureImage);
    const s = fit(img.width, img.height, imgBox.w, imgBox.h);
    sigArea = {
      x: imgBox.x + (imgBox.w - s.w) / 2,
      y: imgBox.y + (imgBox.h - s.h) / 2,
      w: s.w,
      h: s.h,
    };
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
    seal = { x, y, w: s.w, h: s.h };
    xobjects.set('Seal', img.ref);
    ops.push(`q ${f(s.w)} 0 0 ${f(s.h)} ${f(x)} ${f(y)} cm /Seal Do Q`);
  }
  const text = new AppearanceFont();
  const nameRun = text.shape(input.signerName);
  const timeRun = text.shape(vietnamIsoTime(input.time));
  const block = placeText(nameRun, timeRun, W, textH, fontSize, seal);
  const t = block.box;
  bbox[0] = Math.min(bbox[0], Math.floor(t.x));
  bbox[1] = Math.min(bbox[1], Math.floor(t.y));
  bbox[2] = Math.max(bbox[2], Math.ceil(t.x + t.w));
  const font = text.addTo(update);
  const timeBase = t.y + PAD / 2 + block.timeSize * DESCENT_EM;
  const nameBase = timeBase + block.timeSize * ASCENT_EM + block.nameSize * DESCENT_EM;
  ops.push(
    `BT 0 0 0 rg /F1 ${f(block.nameSize)} Tf ${f(t.x)} ${f(nameBase)} Td ${nameRun.hex} Tj ` +
      `/F1 ${f(block.timeSize)} Tf 0 ${f(timeBase - nameBase)} Td ${timeRun.hex} Tj ET`,
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
  return { ref: update.add(form), bbox, layout: { image: sigArea, seal, text: t } };
}
