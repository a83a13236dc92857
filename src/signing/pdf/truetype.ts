/**
 * Just enough TrueType for embedding a font in a signature appearance: the cmap (formats 4 and
 * 12), advance widths, the metrics a FontDescriptor needs, and a subset that keeps glyph ids (so
 * /CIDToGIDMap /Identity holds) but drops the outlines of every glyph not used, composite
 * components included. Tables a CIDFontType2 program does not need (cmap, name, post, kern, GSUB…)
 * are left out.
 */

interface Table {
  offset: number;
  length: number;
}

export interface FontMetrics {
  unitsPerEm: number;
  bbox: [number, number, number, number];
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
}

const KEPT_TABLES = [
  'OS/2',
  'cvt ',
  'fpgm',
  'glyf',
  'head',
  'hhea',
  'hmtx',
  'loca',
  'maxp',
  'prep',
];

export class TrueTypeFont {
  private readonly tables = new Map<string, Table>();
  readonly numGlyphs: number;
  readonly metrics: FontMetrics;
  private readonly advances: Uint16Array;
  private readonly glyphOffsets: Uint32Array;
  private readonly cmap: Map<number, number>;

  constructor(readonly data: Buffer) {
    const n = data.readUInt16BE(4);
    for (let i = 0; i < n; i++) {
      const at = 12 + i * 16;
      this.tables.set(data.toString('latin1', at, at + 4), { offset: data.readUInt32BE(at + 8), length: data.readUInt32BE(at + 12) }); // prettier-ignore
    }
    const head = this.table('head');
    const hhea = this.table('hhea');
    this.numGlyphs = this.table('maxp').readUInt16BE(4);
    const os2 = this.tables.has('OS/2') ? this.table('OS/2') : undefined;
    const post = this.tables.has('post') ? this.table('post') : undefined;
    this.metrics = {
      unitsPerEm: head.readUInt16BE(18),
      bbox: [
        head.readInt16BE(36),
        head.readInt16BE(38),
        head.readInt16BE(40),
        head.readInt16BE(42),
      ],
      ascent: hhea.readInt16BE(4),
      descent: hhea.readInt16BE(6),
      capHeight: os2 && os2.readUInt16BE(0) >= 2 ? os2.readInt16BE(88) : hhea.readInt16BE(4),
      italicAngle: post ? post.readInt32BE(4) / 65536 : 0,
    };
    const numH = hhea.readUInt16BE(34);
    const hmtx = this.table('hmtx');
    this.advances = new Uint16Array(this.numGlyphs);
    for (let g = 0; g < this.numGlyphs; g++) this.advances[g] = hmtx.readUInt16BE(Math.min(g, numH - 1) * 4); // prettier-ignore
    const loca = this.table('loca');
    const long = head.readInt16BE(50) === 1;
    this.glyphOffsets = new Uint32Array(this.numGlyphs + 1);
    for (let g = 0; g <= this.numGlyphs; g++) this.glyphOffsets[g] = long ? loca.readUInt32BE(g * 4) : loca.readUInt16BE(g * 2) * 2; // prettier-ignore
    this.cmap = this.readCmap();
  }

  private table(tag: string): Buffer {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`TrueType table ${tag} missing`);
    return this.data.subarray(t.offset, t.offset + t.length);
  }

  private readCmap(): Map<number, number> {
    const cmap = this.table('cmap');
    const map = new Map<number, number>();
    const subtables = Array.from({ length: cmap.readUInt16BE(2) }, (_, i) => ({
      platform: cmap.readUInt16BE(4 + i * 8),
      encoding: cmap.readUInt16BE(6 + i * 8),
      offset: cmap.readUInt32BE(8 + i * 8),
    }));
    const pick = subtables.find((s) => s.platform === 3 && s.encoding === 10) ?? subtables.find((s) => s.platform === 3 && s.encoding === 1); // prettier-ignore
    if (!pick) throw new Error('no Unicode cmap');
    const t = cmap.subarray(pick.offset);
    const format = t.readUInt16BE(0);
    if (format === 12) {
      const groups = t.readUInt32BE(12);
      for (let i = 0; i < groups; i++) {
        const [start, end, gid] = [t.readUInt32BE(16 + i * 12), t.readUInt32BE(20 + i * 12), t.readUInt32BE(24 + i * 12)]; // prettier-ignore
        for (let c = start; c <= end && c - start < 0x10000; c++) map.set(c, gid + c - start);
      }
    } else if (format === 4) {
      const segs = t.readUInt16BE(6) / 2;
      const ends = 14, starts = 16 + segs * 2, deltas = starts + segs * 2, ranges = deltas + segs * 2; // prettier-ignore
      for (let i = 0; i < segs; i++) {
        const end = t.readUInt16BE(ends + i * 2);
        const start = t.readUInt16BE(starts + i * 2);
        const delta = t.readInt16BE(deltas + i * 2);
        const range = t.readUInt16BE(ranges + i * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let gid: number;
          if (range === 0) gid = (c + delta) & 0xffff;
          else {
            const at = ranges + i * 2 + range + (c - start) * 2;
            gid = at + 1 < t.length ? t.readUInt16BE(at) : 0;
            if (gid !== 0) gid = (gid + delta) & 0xffff;
          }
          if (gid !== 0) map.set(c, gid);
        }
      }
    } else throw new Error(`cmap format ${format} not supported`);
    return map;
  }

  /** Glyph id of a code point, 0 (.notdef) when the font lacks it. */
  glyphOf(codePoint: number): number {
    return this.cmap.get(codePoint) ?? 0;
  }

  /** Advance width in 1/1000 em, as PDF /W wants. */
  width(gid: number): number {
    return Math.round(((this.advances[gid] ?? 0) * 1000) / this.metrics.unitsPerEm);
  }

  /** The used glyphs plus the components of composite glyphs, recursively. */
  private closure(gids: Iterable<number>): Set<number> {
    const glyf = this.table('glyf');
    const out = new Set<number>([0]);
    const stack = [...gids];
    while (stack.length > 0) {
      const g = stack.pop()!;
      if (g >= this.numGlyphs || out.has(g)) continue;
      out.add(g);
      const start = this.glyphOffsets[g]!;
      if (this.glyphOffsets[g + 1]! <= start || glyf.readInt16BE(start) >= 0) continue;
      let p = start + 10;
      for (let guard = 0; guard < 64; guard++) {
        const flags = glyf.readUInt16BE(p);
        stack.push(glyf.readUInt16BE(p + 2));
        p +=
          4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
        if (!(flags & 0x20)) break;
      }
    }
    return out;
  }

  /** A font program with every glyph id in place but only the outlines of `gids`. */
  subset(gids: Iterable<number>): Buffer {
    const keep = this.closure(gids);
    const glyf = this.table('glyf');
    const parts: Buffer[] = [];
    const loca = Buffer.alloc((this.numGlyphs + 1) * 4);
    let pos = 0;
    for (let g = 0; g < this.numGlyphs; g++) {
      loca.writeUInt32BE(pos, g * 4);
      if (!keep.has(g)) continue;
      const data = glyf.subarray(this.glyphOffsets[g]!, this.glyphOffsets[g + 1]!);
      const padded = Buffer.alloc((data.length + 3) & ~3);
      data.copy(padded);
      parts.push(padded);
      pos += padded.length;
    }
    loca.writeUInt32BE(pos, this.numGlyphs * 4);
    // Metrics of dropped glyphs are zeroed: same layout, and they compress to almost nothing.
    const hmtx = Buffer.from(this.table('hmtx'));
    const numH = this.table('hhea').readUInt16BE(34);
    for (let g = 0; g < numH; g++) if (!keep.has(g)) hmtx.writeUInt32BE(0, g * 4);
    const head = Buffer.from(this.table('head'));
    head.writeInt16BE(1, 50); // long loca
    head.writeUInt32BE(0, 8); // checkSumAdjustment, recomputed below
    const tables = new Map<string, Buffer>();
    for (const tag of KEPT_TABLES) if (this.tables.has(tag)) tables.set(tag, this.table(tag));
    tables.set('glyf', Buffer.concat(parts)).set('loca', loca).set('hmtx', hmtx).set('head', head);
    return writeFont(tables);
  }
}

function checksum(b: Buffer): number {
  const padded = b.length % 4 === 0 ? b : Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeFont(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const log2 = Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(2 ** log2 * 16, 6);
  header.writeUInt16BE(log2, 8);
  header.writeUInt16BE(n * 16 - 2 ** log2 * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  let headAt = 0;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const at = 12 + i * 16;
    header.write(tag, at, 'latin1');
    header.writeUInt32BE(checksum(data), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(data.length, at + 12);
    if (tag === 'head') headAt = offset;
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}
