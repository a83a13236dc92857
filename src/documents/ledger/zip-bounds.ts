import { inflateRaw } from 'node:zlib';

/**
 * Bounds of a ZIP container (an .xlsx is one) checked before any library inflates it: a file of
 * a few hundred kilobytes can hold gigabytes of zeros (a zip bomb). The central directory's
 * declared sizes are checked first; then every entry is inflated with its declared size as a
 * hard cap, so a directory that lies is caught after at most that many bytes.
 */
export interface ZipLimits {
  maxEntries: number;
  /** Largest uncompressed entry. */
  maxEntryBytes: number;
  /** All uncompressed entries together. */
  maxTotalBytes: number;
}

export type ZipVerdict =
  | { ok: true; entries: number; totalBytes: number }
  | { ok: false; code: 'zip_malformed' | 'zip_too_large'; message: string };

interface CentralEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
/** 0xFFFF / 0xFFFFFFFF mean "see the ZIP64 record": no spreadsheet we import needs one. */
const ZIP64_16 = 0xffff;
const ZIP64_32 = 0xffffffff;

const malformed = (message: string): ZipVerdict => ({ ok: false, code: 'zip_malformed', message });
const tooLarge = (message: string): ZipVerdict => ({ ok: false, code: 'zip_too_large', message });

function findEndOfCentralDirectory(zip: Buffer): number {
  const earliest = Math.max(0, zip.length - EOCD_MIN - 0xffff);
  for (let at = zip.length - EOCD_MIN; at >= earliest; at--)
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  return -1;
}

function readCentralDirectory(zip: Buffer, limits: ZipLimits): CentralEntry[] | ZipVerdict {
  const eocd = findEndOfCentralDirectory(zip);
  if (eocd < 0) return malformed('no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const offset = zip.readUInt32LE(eocd + 16);
  if (count === ZIP64_16 || size === ZIP64_32 || offset === ZIP64_32)
    return malformed('ZIP64 archives are not accepted');
  if (count > limits.maxEntries)
    return tooLarge(`${count} entries, more than ${limits.maxEntries}`);
  if (offset + size > eocd) return malformed('central directory outside the file');
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      return malformed(`central directory entry ${i} is broken`);
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (next > offset + size) return malformed(`central directory entry ${i} overruns`);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    });
    at = next;
  }
  return entries;
}

function inflateCapped(data: Buffer, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // maxOutputLength stops zlib the moment the output would pass the cap.
    inflateRaw(data, { maxOutputLength: Math.max(1, cap) }, (err, out) =>
      err ? reject(err) : resolve(out),
    ),
  );
}

/** Checks one entry's real size against its declared one, inflating at most that much. */
async function checkEntry(zip: Buffer, entry: CentralEntry): Promise<ZipVerdict | null> {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_SIGNATURE)
    return malformed(`${entry.name}: no local header`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) return malformed(`${entry.name}: data outside the file`);
  const data = zip.subarray(start, end);
  if (entry.method === 0)
    return data.length === entry.uncompressedSize
      ? null
      : malformed(`${entry.name}: stored size differs from the declared one`);
  if (entry.method !== 8) return malformed(`${entry.name}: compression method ${entry.method}`);
  let out: Buffer;
  try {
    out = await inflateCapped(data, entry.uncompressedSize);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
      ? tooLarge(`${entry.name} inflates past its declared ${entry.uncompressedSize} bytes`)
      : malformed(`${entry.name}: ${(err as Error).message}`);
  }
  return out.length === entry.uncompressedSize
    ? null
    : malformed(`${entry.name}: inflates to ${out.length}, declared ${entry.uncompressedSize}`);
}

export async function checkZipBounds(zip: Buffer, limits: ZipLimits): Promise<ZipVerdict> {
  if (zip.length < EOCD_MIN) return malformed('too short for a ZIP file');
  const entries = readCentralDirectory(zip, limits);
  if (!Array.isArray(entries)) return entries;
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize > limits.maxEntryBytes)
      return tooLarge(`${e.name} declares ${e.uncompressedSize} bytes`);
    total += e.uncompressedSize;
  }
  if (total > limits.maxTotalBytes) return tooLarge(`entries declare ${total} bytes in all`);
  // Only now inflate, one entry at a time, each capped at what it declared.
  for (const e of entries) {
    const bad = await checkEntry(zip, e);
    if (bad) return bad;
  }
  return { ok: true, entries: entries.length, totalBytes: total };
}
