/** Messages between `verifyPdfIsolated` and its worker (structured-clone data only). */
import { z } from 'zod';
import type { VerifyReport } from './verify-pdf';

/** One verification asked of the worker: checked on arrival, it crossed a thread. */
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes expected');

export const VerifyJob = z.object({
  id: z.number().int(),
  pdf: bytes,
  /** DER of each trust anchor. */
  trustAnchors: z.array(bytes),
  /** ISO 8601. */
  now: z.iso.datetime({ offset: true }).optional(),
  /** The other (plain data) fields of `VerifyDocumentOptions`, passed through as they are. */
  extra: z.record(z.string(), z.unknown()),
});
export type VerifyJob = z.infer<typeof VerifyJob>;

export type VerifyReply = { id: number } & (
  | { ok: true; report: VerifyReport }
  /**
   * `unreadable`: the file is damaged or hostile (the reader refused it); `failed`: anything else.
   */
  | { ok: false; kind: 'unreadable' | 'failed'; message: string }
);
