/**
 * Limits of a seal or signature image (decision 0039), shared by the screens (checked before a
 * file is read) and the image rules of src/signing/images. 750 KB: its base64 and the call around
 * it stay under the browser host's 1 MiB request limit, as statements do; a real seal or
 * signature scanned at 300–600 dpi is a few tens of kilobytes.
 */
export const REGISTERED_IMAGE_MAX_BYTES = 750_000;
export const REGISTERED_IMAGE_TOO_LARGE_VI = 'vượt quá 750 KB. Hãy dùng ảnh có dung lượng nhỏ hơn.';
/** Per side: 3000 px is a 25 cm seal at 300 dpi, more than any real scan needs. */
export const REGISTERED_IMAGE_MAX_SIDE_PX = 3000;
/** Per side: fewer pixels would print as blocks. */
export const REGISTERED_IMAGE_MIN_SIDE_PX = 32;
