/** Bounded Flate and PNG-predictor decoding (xref streams, object streams, PNG images). */
import { inflateSync } from 'node:zlib';

const MB = 1024 * 1024;
/** One decompressed stream larger than this is refused: a zip bomb cannot exhaust memory. */
export const MAX_INFLATED_BYTES = 64 * MB;
/** All streams one reader decodes, together: many small bombs are refused too. */
export const MAX_DECODED_BYTES_PER_FILE = 256 * MB;

export class InflateError extends Error {
  override readonly name = 'InflateError';
  constructor(
    message: string,
    /** The output went past the allowed size (as opposed to damaged compressed data). */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

const describeBytes = (n: number) => (n % MB === 0 ? `${n / MB} MB` : `${n} bytes`);

export function inflateBounded(data: Buffer, max = MAX_INFLATED_BYTES): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, max) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new InflateError(`stream decompresses to more than ${describeBytes(max)}`, true);
    throw new InflateError(`cannot decompress stream: ${(err as Error).message}`);
  }
}

/**
 * The decoded bytes a reader may still produce. Each stream gets at most the per-stream bound or
 * what is left of the file's budget, whichever is smaller.
 */
export class DecodeBudget {
  private used = 0;

  constructor(
    readonly perFile = MAX_DECODED_BYTES_PER_FILE,
    readonly perStream = MAX_INFLATED_BYTES,
  ) {}

  inflate(data: Buffer): Buffer {
    const left = this.perFile - this.used;
    if (left <= 0) throw this.exhausted();
    let out: Buffer;
    try {
      out = inflateBounded(data, Math.min(this.perStream, left));
    } catch (err) {
      if (left < this.perStream && err instanceof InflateError && err.tooLarge)
        throw this.exhausted();
      throw err;
    }
    this.used += out.length;
    return out;
  }

  private exhausted(): InflateError {
    return new InflateError(`decoded streams exceed ${describeBytes(this.perFile)} in all`, true);
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Reverses PNG row filters (PNG spec §9; PDF /Predictor ≥ 10). */
export function unpredictPng(data: Buffer, bytesPerPixel: number, rowBytes: number): Buffer {
  if (
    !Number.isInteger(rowBytes) ||
    rowBytes < 1 ||
    !Number.isInteger(bytesPerPixel) ||
    bytesPerPixel < 1
  ) {
    throw new InflateError(
      `bad PNG predictor geometry (${bytesPerPixel} bytes per pixel, ${rowBytes} per row)`,
    );
  }
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
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + ((a + b) >> 1);
          break;
        case 4:
          v = x + paeth(a, b, c);
          break;
        default:
          throw new InflateError(`bad PNG row filter ${filter}`);
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}
