/** Messages between `RemoteTokenModule` and its worker (structured-clone data only). */
import type { RsaMechanismChoice } from './token-session';

export type WorkerRequest = { id: number } & (
  | { op: 'open'; path: string }
  | { op: 'listTokens' }
  | { op: 'findSlot'; label?: string }
  | { op: 'listCertificates'; slot: string }
  | { op: 'login'; slot: string; pin: string | undefined }
  | {
      op: 'signer';
      session: number;
      options: { keyId?: string; now?: Date; rsaMechanism?: RsaMechanismChoice };
    }
  | { op: 'sign'; signer: number; data: Uint8Array }
  | { op: 'closeSession'; session: number }
  | { op: 'close' }
);

export interface WorkerError {
  name: string;
  message: string;
  code?: string;
  messageVi?: string;
  rv?: number;
}

export type WorkerReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WorkerError };
