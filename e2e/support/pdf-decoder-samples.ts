/**
 * Scanned attachments in the two formats pdf.js decodes with WebAssembly, made by our code (the
 * Debian tools that would make them, img2pdf / jbig2enc / opj_compress, are not on our machines):
 * one page with one 8×8 image, drawn 200 pt wide. The images are the smallest valid ones we can
 * write by hand, without an entropy coder:
 * - JPEG 2000 (JPXDecode): a codestream with no wavelet levels and one empty packet — every
 *   coefficient zero, so every sample is the DC level shift, mid-grey 128;
 * - JBIG2 (JBIG2Decode, embedded stream): a page information segment and an immediate lossless
 *   generic region coded with MMR (T.6): the top half white, the bottom half black.
 * Blank rendering (decoder missing) leaves the page white; decoded, a grey or black block shows.
 * Test support only.
 */

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

export const SAMPLE_SIZE = 8;

/** A JPEG 2000 codestream (ISO 15444-1 Annex A) of an 8×8, 8-bit grey image, all 128. */
export function jpxCodestream(): Buffer {
  const n = SAMPLE_SIZE;
  const siz = [
    ...[0xff, 0x51, ...u16(41), ...u16(0)],
    ...[...u32(n), ...u32(n), ...u32(0), ...u32(0)],
    ...[...u32(n), ...u32(n), ...u32(0), ...u32(0)],
    // One component: 8 bits unsigned, no subsampling.
    ...[...u16(1), 7, 1, 1],
  ];
  // Scod 0; LRCP, one layer, no colour transform; no decomposition, 64×64 code-blocks, 5-3.
  const cod = [0xff, 0x52, ...u16(12), 0, 0, ...u16(1), 0, 0, 4, 4, 0, 1];
  // No quantization, 2 guard bits; the one subband's exponent is the bit depth (8).
  const qcd = [0xff, 0x5c, ...u16(4), 0x40, 8 << 3];
  // The one packet is empty: its header's first bit is 0.
  const body = [0xff, 0x93, 0x00];
  const sot = [0xff, 0x90, ...u16(10), ...u16(0), ...u32(12 + body.length), 0, 1];
  return Buffer.from([0xff, 0x4f, ...siz, ...cod, ...qcd, ...sot, ...body, 0xff, 0xd9]);
}

/** Bits to bytes, most significant first, the last byte padded with zeros. */
function packBits(bits: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < bits.length; i += 8)
    bytes.push(parseInt(bits.slice(i, i + 8).padEnd(8, '0'), 2));
  return bytes;
}

/**
 * MMR (ITU-T T.6) of SAMPLE_SIZE rows: white rows above black rows. A white row over a white
 * reference is V0 ("1"); the first black row is horizontal mode ("001") with white run 0
 * ("00110101") and black run 8 ("000101"); a black row over a black one is V0 twice ("11").
 * EOFB ends the data.
 */
function mmrHalfBlack(): number[] {
  const half = SAMPLE_SIZE / 2;
  const rows = ['1'.repeat(half), '001' + '00110101' + '000101', '11'.repeat(half - 1)];
  return packBits(rows.join('') + '000000000001' + '000000000001');
}

/** A JBIG2 segment header (ISO 14492 7.2) with no referred segments, on page 1. */
const segment = (number: number, type: number, data: number[]) => [
  ...u32(number),
  type,
  0,
  1,
  ...u32(data.length),
  ...data,
];

/** A JBIG2 embedded stream (as PDF's JBIG2Decode takes it): page information, one region. */
export function jbig2Stream(): Buffer {
  const n = SAMPLE_SIZE;
  // Page information (7.4.8): size, no resolution, default pixel 0 (white), not striped.
  const page = segment(0, 48, [...u32(n), ...u32(n), ...u32(0), ...u32(0), 0, ...u16(0)]);
  // Immediate lossless generic region (7.4.6): region info at 0,0 with OR, MMR on.
  const regionInfo = [...u32(n), ...u32(n), ...u32(0), ...u32(0), 0];
  const region = segment(1, 38, [...regionInfo, 0x01, ...mmrHalfBlack()]);
  return Buffer.from([...page, ...region]);
}

/** A one-page PDF drawing `image` (a stream with `filter`) 200 pt wide; xref written exactly. */
export function imagePdf(filter: 'JPXDecode' | 'JBIG2Decode', image: Buffer): Buffer {
  const n = SAMPLE_SIZE;
  const imageDict =
    filter === 'JPXDecode'
      ? `<< /Type /XObject /Subtype /Image /Width ${n} /Height ${n} /Filter /JPXDecode`
      : `<< /Type /XObject /Subtype /Image /Width ${n} /Height ${n} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode`;
  const content = Buffer.from('q 200 0 0 200 50 50 cm /Im1 Do Q\n', 'latin1');
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 'latin1'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
      'latin1',
    ),
    Buffer.concat([
      Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'),
      content,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    Buffer.concat([
      Buffer.from(`${imageDict} /Length ${image.length} >>\nstream\n`, 'latin1'),
      image,
      Buffer.from('\nendstream', 'latin1'),
    ]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    const obj = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    offsets.push(at);
    parts.push(obj);
    at += obj.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
