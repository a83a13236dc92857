/**
 * Appends one revision to a PDF: new and replaced objects, then a cross-reference section of the
 * same kind as the previous one (classic table after a table, xref stream after a stream), with
 * /Prev pointing at it. The original bytes are never touched.
 */
import type { PdfReader } from './pdf-reader';
import {
  name,
  PdfDict,
  PdfRef,
  PdfStream,
  type PdfValue,
  serialize,
  serializeObject,
} from './pdf-objects';

export class IncrementalUpdate {
  private readonly objects = new Map<number, { ref: PdfRef; value: PdfValue }>();
  private next: number;

  constructor(private readonly reader: PdfReader) {
    this.next = reader.size;
  }

  add(value: PdfValue): PdfRef {
    const ref = new PdfRef(this.next++, 0);
    this.objects.set(ref.num, { ref, value });
    return ref;
  }

  /** Replaces an existing object (same number and generation). */
  update(ref: PdfRef, value: PdfValue): void {
    this.objects.set(ref.num, { ref: new PdfRef(ref.num, this.reader.genOf(ref.num)), value });
  }

  /** The bytes to append after the original file. */
  build(): Buffer {
    const base = this.reader.buf.length;
    const last = this.reader.buf[base - 1];
    const parts: Buffer[] = [Buffer.from(last === 0x0a || last === 0x0d ? '' : '\n', 'latin1')];
    let pos = parts[0]!.length;
    const offsets = new Map<number, { offset: number; gen: number }>();
    for (const { ref, value } of [...this.objects.values()].sort((a, b) => a.ref.num - b.ref.num)) {
      const bytes = serializeObject(ref, value);
      offsets.set(ref.num, { offset: base + pos, gen: ref.gen });
      parts.push(bytes);
      pos += bytes.length;
    }
    const old = this.reader.trailer;
    const trailer = new PdfDict();
    for (const key of ['Root', 'Info', 'ID']) {
      const v = old.get(key);
      if (v !== undefined) trailer.set(key, v);
    }
    trailer.set('Prev', this.reader.lastXrefOffset);
    const xrefOffset = base + pos;
    if (this.reader.lastXrefKind === 'stream') {
      const xrefRef = new PdfRef(this.next++, 0);
      offsets.set(xrefRef.num, { offset: xrefOffset, gen: 0 });
      const { index, rows } = this.rows(offsets);
      const data = Buffer.alloc(rows.length * 7);
      rows.forEach(([num, e], i) => {
        void num;
        data[i * 7] = 1;
        data.writeUInt32BE(e.offset, i * 7 + 1);
        data.writeUInt16BE(e.gen, i * 7 + 5);
      });
      trailer
        .set('Type', name('XRef'))
        .set('Size', this.next)
        .set('W', [1, 4, 2])
        .set('Index', index);
      parts.push(serializeObject(xrefRef, new PdfStream(trailer, data)));
    } else {
      trailer.set('Size', this.next);
      const { groups } = this.rows(offsets);
      let table = 'xref\n';
      for (const g of groups) {
        table += `${g[0]![0]} ${g.length}\n`;
        for (const [, e] of g) table += xrefTableLine(e.offset, e.gen);
      }
      parts.push(Buffer.from(`${table}trailer\n${serialize(trailer)}\n`, 'latin1'));
    }
    parts.push(Buffer.from(`startxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }

  private rows(offsets: Map<number, { offset: number; gen: number }>) {
    const sorted = [...offsets.entries()].sort((a, b) => a[0] - b[0]);
    const groups: (typeof sorted)[] = [];
    for (const row of sorted) {
      const g = groups[groups.length - 1];
      if (g && g[g.length - 1]![0] + 1 === row[0]) g.push(row);
      else groups.push([row]);
    }
    const index = groups.flatMap((g) => [g[0]![0], g.length]);
    return { groups, index, rows: sorted };
  }
}

/** One in-use entry of an xref table: exactly 20 bytes, as PDF 32000-1 7.5.4 requires. */
function xrefTableLine(offset: number, gen: number): string {
  return `${String(offset).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`;
}
