/**
 * PNG decoding for signature and seal images as scanners and editors write them: 16-bit, Adam7
 * interlaced, palettes with tRNS, grey with alpha, poppler's own PNGs; and hostile ones refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { buildCorpus } from '../test-support/corpus';
import { decodePng, pngToXObjects } from './png';
import { encodeRgbaPng, PNG_SIGNATURE, pngChunk } from './png-encode';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'png-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ihdr(width: number, height: number, depth: number, colorType: number, interlace = 0) {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(width, 0);
  b.writeUInt32BE(height, 4);
  b[8] = depth;
  b[9] = colorType;
  b[12] = interlace;
  return b;
}

function pngOf(chunks: [string, Buffer][]): Buffer {
  return Buffer.concat([
    PNG_SIGNATURE,
    ...chunks.map(([t, b]) => pngChunk(t, b)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The test picture: pixel (x, y) has RGB (x·16, y·16, 200). */
const pixel = (x: number, y: number) => [x * 16, y * 16, 200];

/** Rows of filter byte 0 + samples, for the pixels of `xs × ys`. */
function rows(xs: number[], ys: number[]): Buffer {
  const out: number[] = [];
  for (const y of ys) {
    out.push(0);
    for (const x of xs) out.push(...pixel(x, y));
  }
  return Buffer.from(out);
}

const range = (start: number, end: number, step: number) => {
  const r: number[] = [];
  for (let i = start; i < end; i += step) r.push(i);
  return r;
};

/** Adam7 passes: x start, y start, x step, y step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

function interlacedRgb(width: number, height: number): Buffer {
  const data = Buffer.concat(
    ADAM7.map(([x0, y0, dx, dy]) => {
      const xs = range(x0, width, dx);
      const ys = range(y0, height, dy);
      return xs.length && ys.length ? rows(xs, ys) : Buffer.alloc(0);
    }),
  );
  return pngOf([
    ['IHDR', ihdr(width, height, 8, 2, 1)],
    ['IDAT', deflateSync(data)],
  ]);
}

describe('PNG decoding', () => {
  it('Adam7 interlaced RGB gives the same pixels as the plain image', () => {
    const [w, h] = [11, 9];
    const plain = pngOf([
      ['IHDR', ihdr(w, h, 8, 2)],
      ['IDAT', deflateSync(rows(range(0, w, 1), range(0, h, 1)))],
    ]);
    const a = decodePng(interlacedRgb(w, h));
    const b = decodePng(plain);
    expect(a.width).toBe(w);
    expect([...a.color.subarray((4 * w + 7) * 3, (4 * w + 7) * 3 + 3)]).toEqual(pixel(7, 4));
    expect(a.color.equals(b.color)).toBe(true);
    expect(a.alpha).toBeUndefined();
  });

  it('16-bit RGBA is scaled to 8 bits, alpha kept', () => {
    const img = new PNG({ width: 2, height: 1 });
    const data = Buffer.alloc(2 * 4 * 2);
    [0xffff, 0x8000, 0x0000, 0x4000, 0x1234, 0xfedc, 0x0101, 0xffff].forEach((v, i) =>
      data.writeUInt16LE(v, i * 2),
    );
    img.data = data;
    const png = PNG.sync.write(img, { bitDepth: 16, colorType: 6, inputColorType: 6 });
    expect(png[24]).toBe(16); // really 16 bits per sample
    const d = decodePng(png);
    expect([...d.color]).toEqual([255, 128, 0, 18, 254, 1]);
    expect([...d.alpha!]).toEqual([64, 255]);
  });

  it('a 4-bit palette with tRNS gives palette colours and per-entry alpha', () => {
    const plte = Buffer.from([255, 0, 0, 0, 0, 255, 255, 255, 255]);
    const trns = Buffer.from([255, 0]); // entry 1 transparent, entry 2 opaque by default
    const idx = [0, 1, 2, 1, 0]; // one row of five 4-bit indices
    const packed = Buffer.from([
      0,
      (idx[0]! << 4) | idx[1]!,
      (idx[2]! << 4) | idx[3]!,
      idx[4]! << 4,
    ]);
    const d = decodePng(
      pngOf([
        ['IHDR', ihdr(5, 1, 4, 3)],
        ['PLTE', plte],
        ['tRNS', trns],
        ['IDAT', deflateSync(packed)],
      ]),
    );
    expect(d.gray).toBe(false);
    expect([...d.color]).toEqual([255, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 255, 255, 0, 0]);
    expect([...d.alpha!]).toEqual([255, 0, 255, 0, 255]);
  });

  it('grey with alpha stays grey, with an SMask', () => {
    const raw = Buffer.from([0, 10, 255, 200, 0, 0, 90, 128, 250, 30]);
    const full = pngOf([
      ['IHDR', ihdr(2, 2, 8, 4)],
      ['pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1])],
      ['IDAT', deflateSync(raw)],
    ]);
    const d = decodePng(full);
    expect(d.gray).toBe(true);
    expect([...d.color]).toEqual([10, 200, 90, 250]);
    expect([...d.alpha!]).toEqual([255, 0, 128, 30]);
    expect(d.pixelsPerMetre).toEqual({ x: 2835, y: 2835 });
    const x = pngToXObjects(full);
    expect(x.smask).toBeDefined();
    expect(x.image.dict.get('ColorSpace')).toEqual(x.smask!.dict.get('ColorSpace'));
  });

  it("decodes poppler's PNG rendering of a real PDF", async () => {
    const [pdf] = await buildCorpus(join(dir, 'corpus'), ['pdf-lib']);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '20',
      '-f',
      '1',
      '-l',
      '1',
      pdf!.file,
      join(dir, 'page'),
    ]);
    const png = readFileSync(join(dir, 'page-1.png'));
    const d = decodePng(png);
    // A4 at 20 dpi: 595.28 × 841.89 pt → 165.4 × 233.9 px, rounded up or down by poppler.
    expect(d.width).toBeGreaterThanOrEqual(165);
    expect(d.width).toBeLessThanOrEqual(166);
    expect(d.height).toBe(234);
    expect(d.color.length).toBe(d.width * d.height * (d.gray ? 1 : 3));
    expect(Math.min(...d.color)).toBeLessThan(100); // the page's text is there
    expect(Math.max(...d.color)).toBe(255);
  });

  it('the encoder writes standard CRCs (zlib.crc32)', () => {
    expect(pngChunk('IEND', Buffer.alloc(0)).readUInt32BE(8)).toBe(0xae426082);
    const png = encodeRgbaPng(1, 1, Buffer.from([0, 1, 2, 3, 4]));
    expect([...decodePng(png).color]).toEqual([1, 2, 3]);
  });
});

const flip = (b: Buffer, at: number) => b.writeUInt8(b.readUInt8(at) ^ 0xff, at);

describe('hostile PNGs', () => {
  it('an interlaced bomb is refused before it is inflated in full', () => {
    const bomb = pngOf([
      ['IHDR', ihdr(4, 4, 8, 2, 1)],
      ['IDAT', deflateSync(Buffer.alloc(20 << 20))],
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    const t = Date.now();
    expect(() => decodePng(bomb)).toThrow(/decompresses to more than/);
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it('huge dimensions, a chunk past the end, a broken CRC, unknown colour types', () => {
    const huge = pngOf([
      ['IHDR', ihdr(100_000, 100_000, 8, 6)],
      ['IDAT', deflateSync(Buffer.alloc(10))],
    ]);
    expect(() => decodePng(huge)).toThrow(/too large/);
    const good = interlacedRgb(3, 3);
    expect(() => decodePng(good.subarray(0, good.length - 20))).toThrow(/runs past the end|PNG/);
    const plain = encodeRgbaPng(2, 1, Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8]));
    const badCrc = Buffer.from(plain);
    flip(badCrc, badCrc.length - 13); // the last byte of IDAT's CRC, before the 12-byte IEND
    expect(() => decodePng(badCrc)).toThrow(/cannot decode PNG/);
    expect(() => decodePng(plain)).not.toThrow();
    const damaged = Buffer.from(good);
    flip(damaged, 33 + 10); // inside IDAT's deflate data
    expect(() => decodePng(damaged)).toThrow(/PNG/);
    const type5 = pngOf([
      ['IHDR', ihdr(1, 1, 8, 5)],
      ['IDAT', deflateSync(Buffer.from([0, 0]))],
    ]);
    expect(() => decodePng(type5)).toThrow(/colour type 5/);
    expect(() => decodePng(Buffer.from('GIF89a not a png at all, padded to length'))).toThrow(
      /not a PNG/,
    );
  });
});
