/**
 * The rules a seal or signature image must meet before it is registered (decision 0039): what
 * the appearance of every signature will draw, so it is checked once, by the server and by the
 * app before upload, with the same code. A PNG (by its bytes, never its name) of at most 750 KB,
 * with a sane pixel size read from its header before anything is decoded (a small file may
 * declare a huge image: a decompression bomb), that really decodes, and with a transparent
 * background: an opaque image would hide the signer's name and the signature under the seal.
 */
import { fail, ok, type Result } from '../../domain/common/result';
import {
  REGISTERED_IMAGE_MAX_BYTES,
  REGISTERED_IMAGE_MAX_SIDE_PX,
  REGISTERED_IMAGE_MIN_SIDE_PX,
  REGISTERED_IMAGE_TOO_LARGE_VI,
} from '../../domain/org/registered-image-limits';
import { decodePng, physicalSizePt } from '../pdf/png';
import { PNG_SIGNATURE } from '../pdf/png-encode';

export type RegisteredImageKind = 'seal' | 'signature';

export type RegisteredImageCode =
  'too_large' | 'not_png' | 'bad_dimensions' | 'undecodable' | 'not_transparent';

export interface RegisteredImageInfo {
  width: number;
  height: number;
  /** Drawn size in millimetres (a seal's true size from its resolution). */
  widthMm: number;
  heightMm: number;
}

const KIND_VI: Record<RegisteredImageKind, string> = {
  seal: 'Ảnh con dấu',
  signature: 'Ảnh chữ ký',
};

const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

export function checkRegisteredImage(
  bytes: Buffer,
  kind: RegisteredImageKind,
): Result<RegisteredImageInfo, RegisteredImageCode> {
  const what = KIND_VI[kind];
  if (bytes.length > REGISTERED_IMAGE_MAX_BYTES)
    return fail(
      'too_large',
      `a ${kind} image may have at most ${REGISTERED_IMAGE_MAX_BYTES} bytes, got ${bytes.length}`,
      `${what} ${REGISTERED_IMAGE_TOO_LARGE_VI}`,
    );
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE))
    return fail(
      'not_png',
      `a ${kind} image must be a PNG (the bytes are ${bytes.subarray(0, 3).equals(JPEG) ? 'a JPEG' : 'not a PNG'})`,
      bytes.subarray(0, 3).equals(JPEG)
        ? `${what} phải là tệp PNG nền trong suốt; ảnh JPEG không có nền trong suốt.`
        : `${what} phải là tệp ảnh PNG nền trong suốt.`,
    );
  // IHDR is the first chunk of every PNG: width and height before any pixel is inflated.
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (
    bytes.toString('latin1', 12, 16) !== 'IHDR' ||
    Math.max(width, height) > REGISTERED_IMAGE_MAX_SIDE_PX ||
    Math.min(width, height) < REGISTERED_IMAGE_MIN_SIDE_PX
  )
    return fail(
      'bad_dimensions',
      `a ${kind} image must be ${REGISTERED_IMAGE_MIN_SIDE_PX}–${REGISTERED_IMAGE_MAX_SIDE_PX} px a side, got ${width}×${height}`,
      `${what} phải có mỗi chiều từ ${REGISTERED_IMAGE_MIN_SIDE_PX} đến ${REGISTERED_IMAGE_MAX_SIDE_PX} điểm ảnh (ảnh này ${width}×${height}).`,
    );
  let decoded: ReturnType<typeof decodePng>;
  try {
    decoded = decodePng(bytes);
  } catch (err) {
    return fail(
      'undecodable',
      `the ${kind} image cannot be decoded: ${(err as Error).message}`,
      `${what} bị hỏng, không đọc được. Hãy chọn lại tệp ảnh.`,
    );
  }
  if (!decoded.alpha)
    return fail(
      'not_transparent',
      `a ${kind} image must have a transparent background (no pixel of this one is transparent)`,
      `${what} phải có nền trong suốt (PNG có kênh alpha), để không che chữ và chữ ký bên dưới.`,
    );
  const size = physicalSizePt(decoded);
  const mm = (pt: number) => Math.round((pt / 72) * 25.4 * 10) / 10;
  return ok({ width, height, widthMm: mm(size.width), heightMm: mm(size.height) });
}
