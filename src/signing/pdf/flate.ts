/** Bounded Flate and PNG-predictor decoding (xref streams, object streams, PNG images). */
import { inflateSync } from 'node:zlib';

/** Decompressed streams larger than this are refused: a hostile file cannot exhaust memory. */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

export function inflateBounded(data: Buffer, max = MAX_INFLATED_BYTES): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: max });
  } catch (err) {
    throw new Error(`cannot decompress stream: ${(err as Error).message}`);
  }
}

/** Reverses PNG row filters (PNG spec §9; PDF /Predictor ≥ 10). */
export function unpredictPng(data: Buffer, bytesPerPixel: number, rowBytes: number): Buffer {
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = Buffer.alloc(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const filter = data[r * (rowBytes + 1)]!;
    const src = r * (rowBytes + 1) + 1;
    const dst = r * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const x = data[src + i]!;
      const a = i >= bytesPerPixel ? out[dst + i - bytesPerPixel]! : 0;
      const b = r > 0 ? out[dst - rowBytes + i]! : 0;
      const c = r > 0 && i >= bytesPerPixel ? out[dst - rowBytes + i - bytesPerPixel]! : 0;
      let v: number;
      switch (filter) {
        case 0: v = x; break; // prettier-ignore
        case 1: v = x + a; break; // prettier-ignore
        case 2: v = x + b; break; // prettier-ignore
        case 3: v = x + ((a + b) >> 1); break; // prettier-ignore
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); // prettier-ignore
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`bad PNG row filter ${filter}`);
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}
