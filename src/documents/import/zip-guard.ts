import { inflateRawSync } from 'node:zlib';
import { fail, ok, type Result } from '../../domain/common/result';

/**
 * An .xlsx is a zip. Before the spreadsheet library inflates it, its directory is read and every
 * entry is inflated once with a ceiling of the size it declares, so a zip bomb (a few kilobytes
 * that inflate to gigabytes, or sizes that lie) is refused without ever holding its output.
 */
export interface ZipLimits {
  /** The sum of the entries' inflated sizes. */
  maxInflatedBytes: number;
  maxEntries: number;
}

export type ZipGuardCode = 'import_not_a_workbook' | 'import_zip_bomb';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

const notWorkbook = (why: string) =>
  fail(
    'import_not_a_workbook',
    `not a readable xlsx: ${why}`,
    'Tệp không phải tệp Excel (.xlsx) hợp lệ hoặc đã bị hỏng. Hãy mở bằng Excel và lưu lại dạng .xlsx.',
  );

const bomb = (why: string) =>
  fail(
    'import_zip_bomb',
    `the xlsx would inflate beyond the limits: ${why}`,
    'Tệp Excel có nội dung giải nén quá lớn (hoặc khai báo sai kích thước); không thể nhập. Hãy chia nhỏ tệp.',
  );

function endOfDirectory(zip: Buffer): number {
  const from = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= from; at--) if (zip.readUInt32LE(at) === EOCD) return at;
  return -1;
}

export function checkZip(zip: Buffer, limits: ZipLimits): Result<void, ZipGuardCode> {
  if (zip.length < 22) return notWorkbook('too short for a zip');
  const eocd = endOfDirectory(zip);
  if (eocd < 0) return notWorkbook('no zip end-of-directory record');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (entries === 0xffff || at === 0xffffffff) return bomb('zip64 archives are not accepted');
  if (entries > limits.maxEntries) return bomb(`${entries} entries, at most ${limits.maxEntries}`);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL)
      return notWorkbook(`central directory entry ${i} is damaged`);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const inflated = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    at += 46 + nameLength + extraLength + commentLength;
    if (compressed === 0xffffffff || inflated === 0xffffffff)
      return bomb('zip64 entries are not accepted');
    total += inflated;
    if (total > limits.maxInflatedBytes)
      return bomb(`the entries declare more than ${limits.maxInflatedBytes} bytes`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL)
      return notWorkbook(`local header of entry ${i} is damaged`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    if (method === STORED) {
      if (compressed !== inflated) return bomb(`stored entry ${i} declares two sizes`);
    } else if (method === DEFLATED) {
      try {
        // One byte over the declared size is enough to catch a lie.
        const out = inflateRawSync(data, { maxOutputLength: Math.max(1, inflated + 1) });
        if (out.length !== inflated)
          return bomb(`entry ${i} inflates to a size it does not declare`);
      } catch (err) {
        return err instanceof RangeError
          ? bomb(`entry ${i} inflates beyond its declared ${inflated} bytes`)
          : notWorkbook(`entry ${i} does not inflate: ${(err as Error).message}`);
      }
    } else return notWorkbook(`entry ${i} uses compression method ${method}`);
  }
  return ok(undefined);
}
