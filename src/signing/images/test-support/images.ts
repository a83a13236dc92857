/** PNGs for the image rules' tests: a signature stroke, a bomb, an opaque square. */
import { deflateSync } from 'node:zlib';
import { encodeRgbaPng, PNG_SIGNATURE, pngChunk } from '../../pdf/png-encode';

/** RGBA rows (filter byte 0 each) from a pixel function. */
function rows(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number, number],
) {
  const out = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    for (let x = 0; x < width; x++) out.set(pixel(x, y), row + 1 + x * 4);
  }
  return out;
}

/**
 * A hand-written-looking signature: a dark blue wave and a stroke under it on a transparent
 * background, 600×200 px at 300 dpi (5 cm × 1.7 cm).
 */
export function signaturePng(): Buffer {
  const [w, h] = [600, 200];
  return encodeRgbaPng(
    w,
    h,
    rows(w, h, (x, y) => {
      const wave = 100 + 55 * Math.sin(x / 38) * Math.cos(x / 97);
      const under = y > 160 && y < 168 && x > 80 && x < 520;
      return Math.abs(y - wave) < 5 || under ? [20, 40, 140, 255] : [255, 255, 255, 0];
    }),
    11_811,
  );
}

/** An opaque white square with a black dot: a scan nobody cut out. */
export function opaquePng(): Buffer {
  return encodeRgbaPng(
    64,
    64,
    rows(64, 64, (x, y) =>
      Math.hypot(x - 32, y - 32) < 8 ? [0, 0, 0, 255] : [255, 255, 255, 255],
    ),
  );
}

/**
 * A decompression bomb: a header claiming 60 000 × 60 000 RGBA pixels (14 GB once inflated)
 * over a few hundred bytes of deflated zeros.
 */
export function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(60_000, 0);
  ihdr.writeUInt32BE(60_000, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1_000_000))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
