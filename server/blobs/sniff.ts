import { fail, ok, type Result } from '../../src/domain/common/result';
import type { AttachmentContentType } from '../../src/domain/procedures/transfer-dossier';

export type SniffCode = 'unsupported_type' | 'malformed_pdf';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The type of a file from its bytes, never from its name or the declared header: PDF, PNG or
 * JPEG. A PDF must also look whole (header, a cross-reference pointer and %%EOF at the end), so a
 * truncated upload is refused with a message instead of failing later in a viewer.
 */
export function sniffContentType(bytes: Buffer): Result<AttachmentContentType, SniffCode> {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const tail = bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1');
    if (!/startxref\s+\d+\s+%%EOF\s*$/.test(tail))
      return fail(
        'malformed_pdf',
        'the PDF is damaged or truncated (no startxref/%%EOF at its end)',
        'Tệp PDF bị hỏng hoặc không đầy đủ. Vui lòng kiểm tra lại tệp và tải lên lại.',
      );
    return ok('application/pdf');
  }
  if (bytes.subarray(0, 8).equals(PNG)) return ok('image/png');
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return ok('image/jpeg');
  return fail(
    'unsupported_type',
    'only PDF, PNG and JPEG files are accepted',
    'Chỉ chấp nhận tệp PDF hoặc ảnh (PNG, JPEG).',
  );
}
