import { z } from 'zod';
import { REGISTERED_IMAGE_MAX_BYTES } from '../domain/org/registered-image-limits';

/**
 * The DesktopApi calls of seal and signature images (decision 0039): the org's seal image in the
 * org's details ("Hình ảnh con dấu", set by an admin of the org), the user's own signature image
 * in his account ("Chữ ký"). Reading works offline from the cache; saving needs the server, and
 * the next pull brings the change to every cache. Merged into `desktopCalls` by contract.ts.
 */

const Id = z.string().trim().min(1).max(64);
/** A PNG's bytes in base64, at most the image limit (4 characters per 3 bytes). */
const ImageBase64 = z
  .string()
  .max(Math.ceil(REGISTERED_IMAGE_MAX_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

export const RegisteredImageView = z.object({
  /** The registered image's hash; null: none registered. */
  sha256: z.string().nullable(),
  /** The PNG in base64 for the preview; null when none, or not downloaded yet (offline). */
  base64: z.string().nullable(),
  /** Its size in pixels and as it is drawn (mm: a seal's true size from its resolution). */
  size: z
    .object({ width: z.number(), height: z.number(), widthMm: z.number(), heightMm: z.number() })
    .nullable(),
});
export type RegisteredImageView = z.infer<typeof RegisteredImageView>;

export const SealImageState = RegisteredImageView.extend({
  /** The org uses a seal ("Có con dấu"); without one there is no seal image to set. */
  hasSeal: z.boolean(),
  /** The user is an admin over the org (the server decides again). */
  canEdit: z.boolean(),
});
export type SealImageState = z.infer<typeof SealImageState>;

export const imageCalls = {
  orgSealImage: { input: z.object({ orgId: Id }), output: SealImageState },
  /** Registers the seal image (PNG, base64), or removes it with null. Online only. */
  saveOrgSealImage: {
    input: z.object({ orgId: Id, dataBase64: ImageBase64.nullable() }),
    output: SealImageState,
  },
  mySignatureImage: { input: z.object({}), output: RegisteredImageView },
  /** Registers the user's own signature image (PNG, base64), or removes it. Online only. */
  saveMySignatureImage: {
    input: z.object({ dataBase64: ImageBase64.nullable() }),
    output: RegisteredImageView,
  },
} as const;
