import { BLOB_MAX_BYTES_DEFAULT } from '../../api/blobs';
import type { Attachment } from '../../domain/procedures/transfer-dossier';
import { blobCacheRepo, sha256Of } from '../../sync/repositories/blob-cache';
import type { PickedFile } from '../contract-residence';
import { fail, type ServiceContext } from '../service-context';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type the bytes are (as the server sniffs them on upload), or null. */
function sniffed(bytes: Buffer): PickedFile['contentType'] | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const tail = bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1');
    return /startxref\s+\d+\s+%%EOF\s*$/.test(tail) ? 'application/pdf' : null;
  }
  if (bytes.subarray(0, 8).equals(PNG)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A report or paper scan the user picked, checked here before anything is queued: the server
 * refuses on upload what is not a whole PDF, PNG or JPEG of the declared type within the blob
 * limit, and an action pointing at a refused file would wait in the outbox forever.
 */
export function readPickedFile(file: PickedFile): { attachment: Attachment; bytes: Buffer } {
  const data = file.dataBase64.replace(/\s+/g, '');
  // Decoded size first: the string alone says whether the bytes would fit.
  if (Math.floor((data.length * 3) / 4) > BLOB_MAX_BYTES_DEFAULT + 2)
    return fail(
      'file_too_large',
      `the file is larger than ${BLOB_MAX_BYTES_DEFAULT} bytes`,
      `Tệp quá lớn: tối đa ${BLOB_MAX_BYTES_DEFAULT / (1024 * 1024)} MB.`,
      'file',
    );
  if (!BASE64.test(data) || data.length % 4 !== 0)
    return fail('invalid_file', 'the file is not valid base64', 'Tệp không đọc được.', 'file');
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length === 0 || bytes.length > BLOB_MAX_BYTES_DEFAULT)
    return fail(
      'file_too_large',
      `the file is ${bytes.length} bytes`,
      `Tệp rỗng hoặc quá lớn: tối đa ${BLOB_MAX_BYTES_DEFAULT / (1024 * 1024)} MB.`,
      'file',
    );
  const actual = sniffed(bytes);
  if (actual !== file.contentType)
    return fail(
      'unsupported_type',
      `the file is declared ${file.contentType} but its bytes are ${actual ?? 'not PDF, PNG or JPEG'}`,
      actual === null
        ? 'Chỉ chấp nhận tệp PDF hoặc ảnh (PNG, JPEG) còn nguyên vẹn.'
        : 'Nội dung tệp không đúng với định dạng của tệp.',
      'file',
    );
  return {
    attachment: {
      sha256: sha256Of(bytes),
      fileName: file.fileName,
      contentType: actual,
      size: bytes.length,
    },
    bytes,
  };
}

/** Keeps a checked file for upload (the outbox entry refers to it by its hash). */
export function keepForUpload(
  ctx: ServiceContext,
  file: { attachment: Attachment; bytes: Buffer },
  now: Date,
): void {
  blobCacheRepo(ctx.handle).put({
    sha256: file.attachment.sha256,
    contentType: file.attachment.contentType,
    bytes: file.bytes,
    needsUpload: true,
    now,
  });
}
