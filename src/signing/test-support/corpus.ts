/**
 * Test-time PDF corpus from real producers (pdf-lib, Chromium, Ghostscript, LibreOffice, cairo,
 * qpdf), and a parser for poppler's `pdfsig` output. Test support only.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { encodeRgbaPng } from '../pdf/png-encode';

const run = promisify(execFile);

export interface CorpusFile {
  producer: string;
  file: string;
}

async function pdfLib(objectStreams: boolean): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const n of [1, 2]) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`DANG CONG SAN VIET NAM - trang ${n}`, { x: 60, y: 760, size: 14, font });
  }
  return Buffer.from(await doc.save({ useObjectStreams: objectStreams }));
}

const HTML = `<!doctype html><meta charset="utf-8"><title>Giấy giới thiệu</title>
<h1>ĐẢNG CỘNG SẢN VIỆT NAM</h1><p>Giấy giới thiệu sinh hoạt đảng — Nguyễn Văn An</p>`;

const POSTSCRIPT = [
  '%!PS',
  '/Helvetica findfont 14 scalefont setfont 72 720 moveto (Ghostscript test page) show showpage',
  '',
].join('\n');

const LETTER_TEXT = 'ĐẢNG CỘNG SẢN VIỆT NAM\nGiấy giới thiệu sinh hoạt đảng — Nguyễn Văn An\n';

interface Producer extends CorpusFile {
  make: () => Promise<unknown>;
}

/** Chromium prints page.html headless, with a throwaway profile and no header or footer. */
function chromium(f: (name: string) => string): Producer {
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${f('chromium-profile')}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${f('chromium.pdf')}`,
    `file://${f('page.html')}`,
  ];
  return {
    producer: 'chromium',
    file: f('chromium.pdf'),
    make: () => run('chromium', args, { timeout: 60_000 }),
  };
}

function ghostscript(f: (name: string) => string): Producer {
  const output = `-sOutputFile=${f('ghostscript.pdf')}`;
  const args = ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=pdfwrite', output, f('page.ps')];
  return {
    producer: 'ghostscript',
    file: f('ghostscript.pdf'),
    make: () => run('gs', args, { timeout: 30_000 }),
  };
}

/** LibreOffice converts a text file, with its own profile so a desktop session is not touched. */
function libreoffice(dir: string, f: (name: string) => string): Producer {
  const profile = `-env:UserInstallation=file://${f('libreoffice-profile')}`;
  const args = ['--headless', '--norestore', profile, '--convert-to', 'pdf', '--outdir', dir];
  return {
    producer: 'libreoffice',
    file: f('libreoffice.pdf'),
    make: async () => {
      writeFileSync(f('libreoffice.txt'), LETTER_TEXT);
      await run('soffice', [...args, f('libreoffice.txt')], { timeout: 90_000 });
    },
  };
}

/** qpdf rewrites pdf-lib's file with one `option` (object streams, linearization). */
function qpdf(f: (name: string) => string, producer: string, name: string, option: string) {
  const make = () => run('qpdf', [option, f('pdflib.pdf'), f(name)]);
  return { producer, file: f(name), make } satisfies Producer;
}

/**
 * Builds the producers' files under `dir` (all, or only those named); producers run concurrently.
 */
export async function buildCorpus(dir: string, only?: string[]): Promise<CorpusFile[]> {
  mkdirSync(dir, { recursive: true });
  const f = (name: string) => join(dir, name);
  writeFileSync(f('pdflib.pdf'), await pdfLib(false));
  writeFileSync(f('page.html'), HTML);
  writeFileSync(f('page.ps'), POSTSCRIPT);
  const producers: Producer[] = [
    { producer: 'pdf-lib', file: f('pdflib.pdf'), make: async () => undefined },
    {
      producer: 'pdf-lib object streams',
      file: f('pdflib-objstm.pdf'),
      make: async () => writeFileSync(f('pdflib-objstm.pdf'), await pdfLib(true)),
    },
    chromium(f),
    ghostscript(f),
    libreoffice(dir, f),
    {
      producer: 'cairo',
      file: f('cairo.pdf'),
      make: () => run('pdftocairo', ['-pdf', f('pdflib.pdf'), f('cairo.pdf')], { timeout: 30_000 }),
    },
    qpdf(f, 'qpdf xref stream', 'qpdf-xref-stream.pdf', '--object-streams=generate'),
    qpdf(f, 'qpdf linearized', 'qpdf-linearized.pdf', '--linearize'),
  ];
  const chosen = producers.filter((p) => !only || only.includes(p.producer));
  await Promise.all(chosen.map((p) => p.make()));
  return chosen.map(({ producer, file }) => ({ producer, file }));
}

export interface PdfsigSignature {
  index: number;
  fieldName?: string;
  commonName?: string;
  validation?: string;
  certificate?: string;
  totalDocument: boolean;
}

export async function pdfsig(file: string, nssDir: string): Promise<PdfsigSignature[]> {
  let out: string;
  try {
    out = (await run('pdfsig', ['-nssdir', `sql:${nssDir}`, file])).stdout;
  } catch (err) {
    // pdfsig exits non-zero when a signature is invalid; its report is still on stdout.
    out = (err as { stdout?: string }).stdout ?? '';
  }
  const sigs: PdfsigSignature[] = [];
  for (const block of out.split(/^Signature #/m).slice(1)) {
    const get = (label: string) => new RegExp(`- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim();
    sigs.push({
      index: Number(block.split(':')[0]),
      fieldName: get('Signature Field Name'),
      commonName: get('Signer Certificate Common Name'),
      validation: get('Signature Validation'),
      certificate: get('Certificate Validation'),
      totalDocument: /- Total document signed/.test(block),
    });
  }
  return sigs;
}

/** Flips one byte inside the first signed range, in a stream's data so the file still parses. */
export function flipSignedByte(pdf: Buffer, firstRangeEnd: number): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('stream', 0, 'latin1');
  const pos = at > 0 && at + 20 < firstRangeEnd ? at + 12 : Math.floor(firstRangeEnd / 2);
  copy[pos] = copy[pos]! ^ 0x01;
  return copy;
}

export const readPdf = (file: string) => readFileSync(file);

/**
 * A small RGBA PNG (alpha gradient, or opaque) without an image library; with `pixelsPerMetre`,
 * a pHYs chunk (unit: metre).
 */
export function makePng(
  width: number,
  height: number,
  rgb: [number, number, number],
  options: { pixelsPerMetre?: number; opaque?: boolean } = {},
): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * (width * 4 + 1) + 1 + x * 4;
      raw[o] = rgb[0];
      raw[o + 1] = rgb[1];
      raw[o + 2] = rgb[2];
      raw[o + 3] = options.opaque ? 255 : (x + y) % 7 === 0 ? 0 : 200;
    }
  }
  return encodeRgbaPng(width, height, raw, options.pixelsPerMetre);
}
