/** PNG → PDF image XObject(s): colour samples plus an /SMask from the alpha channel. */
import { deflateSync } from 'node:zlib';
import { inflateBounded, unpredictPng } from './flate';
import { name, PdfDict, PdfStream } from './pdf-objects';

export interface DecodedPng {
  width: number;
  height: number;
  gray: boolean;
  color: Buffer;
  alpha?: Buffer;
  /** From the pHYs chunk when its unit is the metre (unit 1); absent otherwise. */
  pixelsPerMetre?: { x: number; y: number };
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_PIXELS = 16_000_000;

export function decodePng(png: Buffer): DecodedPng {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG image');
  let pos = 8;
  let width = 0, height = 0, depth = 0, colorType = 0, interlace = 0; // prettier-ignore
  let palette: Buffer | undefined;
  let trns: Buffer | undefined;
  let pixelsPerMetre: { x: number; y: number } | undefined;
  const idat: Buffer[] = [];
  while (pos + 8 <= png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const body = png.subarray(pos + 8, pos + 8 + len);
    pos += 12 + len;
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8]!;
      colorType = body[9]!;
      interlace = body[12]!;
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') trns = body;
    else if (type === 'pHYs' && body.length >= 9 && body[8] === 1) {
      const x = body.readUInt32BE(0), y = body.readUInt32BE(4); // prettier-ignore
      if (x > 0 && y > 0) pixelsPerMetre = { x, y };
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
  }
  if (depth !== 8 || interlace !== 0) throw new Error('PNG must be 8-bit, non-interlaced');
  if (width * height > MAX_PIXELS || width === 0 || height === 0) throw new Error('PNG too large');
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  if (!channels) throw new Error(`PNG colour type ${colorType} not supported`);
  const raw = unpredictPng(inflateBounded(Buffer.concat(idat), (width * channels + 1) * height), channels, width * channels); // prettier-ignore
  const n = width * height;
  if (colorType === 3) {
    if (!palette) throw new Error('PNG palette missing');
    const color = Buffer.alloc(n * 3);
    const alpha = trns ? Buffer.alloc(n) : undefined;
    for (let i = 0; i < n; i++) {
      const idx = raw[i]!;
      palette.copy(color, i * 3, idx * 3, idx * 3 + 3);
      if (alpha) alpha[i] = trns![idx] ?? 255;
    }
    return { width, height, gray: false, color, alpha, pixelsPerMetre };
  }
  if (colorType === 0 || colorType === 2)
    return { width, height, gray: colorType === 0, color: raw, pixelsPerMetre };
  const cc = channels - 1;
  const color = Buffer.alloc(n * cc);
  const alpha = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    raw.copy(color, i * cc, i * channels, i * channels + cc);
    alpha[i] = raw[i * channels + cc]!;
  }
  return { width, height, gray: colorType === 4, color, alpha, pixelsPerMetre };
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

/** Visible, non-white pixels: what the eye reads as the image's ink. */
function inkPixels(d: DecodedPng): number[] {
  const cc = d.gray ? 1 : 3;
  const out: number[] = [];
  for (let i = 0; i < d.width * d.height; i++) {
    if (d.alpha && d.alpha[i]! < 64) continue;
    const r = d.color[i * cc]!, g = d.color[i * cc + (cc === 3 ? 1 : 0)]!, b = d.color[i * cc + (cc === 3 ? 2 : 0)]!; // prettier-ignore
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
    const [r, g, b] = [d.color[i * 3]!, d.color[i * 3 + 1]!, d.color[i * 3 + 2]!];
    if (r > 120 && r > g * 1.6 && r > b * 1.6) red++;
  }
  return red / ink.length >= 0.6;
}

/** Recolours an image in seal red: darker ink becomes deeper red, white stays white; alpha kept. */
export function tintRed(d: DecodedPng): DecodedPng {
  const n = d.width * d.height;
  const cc = d.gray ? 1 : 3;
  const color = Buffer.alloc(n * 3);
  for (let i = 0; i < n; i++) {
    const r = d.color[i * cc]!, g = d.color[i * cc + (cc === 3 ? 1 : 0)]!, b = d.color[i * cc + (cc === 3 ? 2 : 0)]!; // prettier-ignore
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
