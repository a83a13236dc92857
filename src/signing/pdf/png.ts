/**
 * PNG → PDF image XObject(s): colour samples plus an /SMask from the alpha channel. Decoding is
 * pngjs's (every bit depth and colour type, interlaced, palette with tRNS, grey with alpha: real
 * scans of signatures and seals); we read the header first to refuse huge or bomb-like images, and
 * pHYs ourselves for the seal's true size.
 */
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { inflateBounded } from './flate';
import { name, PdfDict, PdfStream } from './pdf-objects';
import { PNG_SIGNATURE } from './png-encode';

export interface DecodedPng {
  width: number;
  height: number;
  gray: boolean;
  /** 8 bits per sample: 1 (grey) or 3 (RGB) per pixel. */
  color: Buffer;
  /** 8-bit alpha per pixel, when the image has any transparency. */
  alpha?: Buffer;
  /** From the pHYs chunk when its unit is the metre (unit 1); absent otherwise. */
  pixelsPerMetre?: { x: number; y: number };
}

const SIGNATURE = PNG_SIGNATURE;
const MAX_PIXELS = 16_000_000;

interface PngHeader {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlaced: boolean;
  idatBytes: number;
  pixelsPerMetre?: { x: number; y: number };
}

/** The chunks we need before decoding (IHDR, pHYs, IDAT sizes), without trusting any length. */
function readHeader(png: Buffer): PngHeader {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG image');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR');
  const h: PngHeader = {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    depth: png[24]!,
    colorType: png[25]!,
    interlaced: png[28] === 1,
    idatBytes: 0,
  };
  for (let pos = 8; pos + 12 <= png.length;) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + len > png.length) throw new Error(`PNG chunk ${type} runs past the end`);
    const body = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'pHYs' && len >= 9 && body[8] === 1) {
      const x = body.readUInt32BE(0);
      const y = body.readUInt32BE(4);
      if (x > 0 && y > 0) h.pixelsPerMetre = { x, y };
    } else if (type === 'IDAT') h.idatBytes += len;
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  return h;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Filtered image bytes the header allows, interlace passes included (one filter byte a row). */
function maxRawBytes(h: PngHeader): number {
  const bitsPerPixel = h.depth * (CHANNELS[h.colorType] ?? 4);
  const rowBytes = Math.ceil((h.width * bitsPerPixel) / 8) + 1;
  // Adam7's seven passes add at most one filter byte per pass row and some padding bits.
  return h.interlaced ? rowBytes * h.height + 8 * (h.height + 8) : rowBytes * h.height;
}

function assertDecodable(png: Buffer, h: PngHeader): void {
  if (h.width === 0 || h.height === 0 || h.width * h.height > MAX_PIXELS)
    throw new Error(`PNG too large (${h.width}×${h.height})`);
  if (!(h.colorType in CHANNELS)) throw new Error(`PNG colour type ${h.colorType} not supported`);
  // pngjs inflates interlaced images without an output bound: check the size ourselves first.
  if (h.interlaced) {
    const idat: Buffer[] = [];
    for (let pos = 8; pos + 12 <= png.length;) {
      const len = png.readUInt32BE(pos);
      if (png.toString('latin1', pos + 4, pos + 8) === 'IDAT')
        idat.push(png.subarray(pos + 8, pos + 8 + len));
      pos += 12 + len;
    }
    try {
      inflateBounded(Buffer.concat(idat), maxRawBytes(h));
    } catch (err) {
      throw new Error(`PNG image data: ${(err as Error).message}`);
    }
  }
}

/** RGBA (pngjs's output) → colour samples and, when any pixel is not opaque, alpha. */
function split(rgba: Buffer, n: number, gray: boolean) {
  const cc = gray ? 1 : 3;
  const color = Buffer.alloc(n * cc);
  const alpha = Buffer.alloc(n);
  let transparent = false;
  for (let i = 0; i < n; i++) {
    if (gray) color[i] = rgba[i * 4]!;
    else rgba.copy(color, i * 3, i * 4, i * 4 + 3);
    alpha[i] = rgba[i * 4 + 3]!;
    if (alpha[i] !== 255) transparent = true;
  }
  return { color, alpha: transparent ? alpha : undefined };
}

export function decodePng(png: Buffer): DecodedPng {
  const h = readHeader(png);
  assertDecodable(png, h);
  let decoded: ReturnType<typeof PNG.sync.read>;
  try {
    decoded = PNG.sync.read(png);
  } catch (err) {
    throw new Error(`cannot decode PNG: ${(err as Error).message}`);
  }
  const { width, height } = decoded;
  // Grey stays grey (colour types 0 and 4); palettes are RGB.
  const gray = h.colorType === 0 || h.colorType === 4;
  const { color, alpha } = split(decoded.data, width * height, gray);
  return { width, height, gray, color, alpha, pixelsPerMetre: h.pixelsPerMetre };
}

/** PDF points per metre: 1 pt = 1/72 in, 1 in = 0.0254 m. */
export const PT_PER_METRE = 72 / 0.0254;
/** Vietnamese organisation seals are round, about 35–40 mm across. */
export const DEFAULT_SEAL_DIAMETER_MM = 36;
/** A pHYs giving a larger side outside this range (in mm) is taken as wrong and ignored. */
const PLAUSIBLE_MM: readonly [number, number] = [5, 150];

/**
 * The image's physical size in PDF points. From pHYs (pixels per metre) when present; otherwise
 * — no pHYs, unit 0 (aspect ratio only) or an implausible density — the larger side is taken to
 * be `defaultMm` (a default seal diameter, 36 mm) and the aspect ratio kept.
 */
export function physicalSizePt(
  d: Pick<DecodedPng, 'width' | 'height' | 'pixelsPerMetre'>,
  defaultMm = DEFAULT_SEAL_DIAMETER_MM,
): { width: number; height: number; fromPhys: boolean } {
  if (d.pixelsPerMetre) {
    const width = (d.width / d.pixelsPerMetre.x) * PT_PER_METRE;
    const height = (d.height / d.pixelsPerMetre.y) * PT_PER_METRE;
    const mm = (Math.max(width, height) / PT_PER_METRE) * 1000;
    if (mm >= PLAUSIBLE_MM[0] && mm <= PLAUSIBLE_MM[1]) return { width, height, fromPhys: true };
  }
  const k = ((defaultMm / 1000) * PT_PER_METRE) / Math.max(d.width, d.height);
  return { width: d.width * k, height: d.height * k, fromPhys: false };
}

function imageStream(width: number, height: number, gray: boolean, samples: Buffer): PdfStream {
  return new PdfStream(
    new PdfDict([
      ['Type', name('XObject')],
      ['Subtype', name('Image')],
      ['Width', width],
      ['Height', height],
      ['ColorSpace', name(gray ? 'DeviceGray' : 'DeviceRGB')],
      ['BitsPerComponent', 8],
      ['Filter', name('FlateDecode')],
    ]),
    deflateSync(samples),
  );
}

/** The seal's red (DESIGN.md: the organisation's seal image is red). */
export const SEAL_RED: readonly [number, number, number] = [218, 37, 29];

/** Pixel i's red, green and blue (grey repeated). */
function rgbAt(d: DecodedPng, i: number): [number, number, number] {
  if (d.gray) {
    const v = d.color[i]!;
    return [v, v, v];
  }
  return [d.color[i * 3]!, d.color[i * 3 + 1]!, d.color[i * 3 + 2]!];
}

/** Visible, non-white pixels: what the eye reads as the image's ink. */
function inkPixels(d: DecodedPng): number[] {
  const out: number[] = [];
  for (let i = 0; i < d.width * d.height; i++) {
    if (d.alpha && d.alpha[i]! < 64) continue;
    const [r, g, b] = rgbAt(d, i);
    if (Math.min(r, g, b) < 200) out.push(i);
  }
  return out;
}

/** True when most of the ink is already red (then the image is used as given). */
export function isRedImage(d: DecodedPng): boolean {
  if (d.gray) return false;
  const ink = inkPixels(d);
  if (ink.length === 0) return true;
  let red = 0;
  for (const i of ink) {
    const [r, g, b] = rgbAt(d, i);
    if (r > 120 && r > g * 1.6 && r > b * 1.6) red++;
  }
  return red / ink.length >= 0.6;
}

/** Recolours an image in seal red: darker ink becomes deeper red, white stays white; alpha kept. */
export function tintRed(d: DecodedPng): DecodedPng {
  const n = d.width * d.height;
  const color = Buffer.alloc(n * 3);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = rgbAt(d, i);
    const ink = 1 - (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    for (let c = 0; c < 3; c++) color[i * 3 + c] = Math.round(255 - ink * (255 - SEAL_RED[c]!));
  }
  return { ...d, gray: false, color };
}

/** The image XObject and, when the PNG is transparent, its soft mask (to be added first). */
export function pngToXObjects(
  png: Buffer,
  options: { red?: boolean } = {},
): {
  image: PdfStream;
  smask?: PdfStream;
  width: number;
  height: number;
  pixelsPerMetre?: { x: number; y: number };
} {
  const decoded = decodePng(png);
  const d = options.red && !isRedImage(decoded) ? tintRed(decoded) : decoded;
  const image = imageStream(d.width, d.height, d.gray, d.color);
  const smask = d.alpha ? imageStream(d.width, d.height, true, d.alpha) : undefined;
  return { image, smask, width: d.width, height: d.height, pixelsPerMetre: d.pixelsPerMetre };
}
