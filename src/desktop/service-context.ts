import type { z } from 'zod';
import { invalidFieldVi } from '../api/field-labels-vi';
import { ApiClientError, type ApiClient } from '../api/client';
import type { SessionUser } from '../api/auth';
import type { SqliteHandle } from '../db/sqlite';
import type { SessionHolder } from '../sync/session';
import type { SyncEngine } from '../sync/sync-engine';
import type {
  DesktopCallName,
  DesktopCalls,
  DesktopError,
  DesktopEvent,
  DesktopOutput,
} from './contract';

/** Where the token module, trust anchors and TSA come from (config, env or the demo). */
export interface DesktopSigningOptions {
  /** PKCS#11 module path; absent: the first known vendor module installed (known-modules.ts). */
  pkcs11Module?: string;
  /** PEM of the roots signatures must chain to (the verifier of the signatures panel). */
  trustAnchorsPem?: string;
  /** RFC 3161 TSA for PAdES B-T; absent: B-B. */
  tsaUrl?: string;
  /** Registered seal images, `<org id>.png` or `<org code>.png`, drawn for orgs that have a seal. */
  sealDir?: string;
  /** Demo and tests: orgs with a seal but no registered image get the stand-in seal. */
  demoSeals?: boolean;
}

/** What every group of handlers (orgs, transfers, fees) gets from the desktop service. */
export interface ServiceContext {
  handle: SqliteHandle;
  serverUrl: string;
  /** The central API with the session's tokens; calls wrapped in `tracked` update `online`. */
  api: ApiClient;
  session: SessionHolder;
  engine: SyncEngine;
  /** Marks the app online/offline from the call's outcome. */
  tracked<T>(call: Promise<T>): Promise<T>;
  emit(event: DesktopEvent): void;
  /** The user logged in (online or offline), or null. */
  currentUser(): SessionUser | null;
  /** The user of a server session; fails with offline_session / not_logged_in otherwise. */
  requireServerSession(): SessionUser;
  /** True when the last call reached the server. */
  isOnline(): boolean;
  signing: DesktopSigningOptions;
}

/** Handlers of some calls of the contract. */
export type HandlersFor<K extends DesktopCallName> = {
  [N in K]: (
    input: z.output<DesktopCalls[N]['input']>,
  ) => DesktopOutput<N> | Promise<DesktopOutput<N>>;
};

/** A failure a handler answers with instead of a value. */
export class DesktopFailure extends Error {
  constructor(readonly error: DesktopError) {
    super(error.message);
  }
}

export const fail = (code: string, message: string, messageVi: string, field?: string): never => {
  throw new DesktopFailure({ code, message, messageVi, ...(field ? { field } : {}) });
};

export const notFound = (what: 'org' | 'member', id: string): never =>
  fail(
    'not_found',
    `${what} ${id} is not in the local cache`,
    what === 'org' ? 'Không tìm thấy tổ chức đảng.' : 'Không tìm thấy đảng viên.',
  );

export function invalidInput(error: z.ZodError): DesktopError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  return {
    code: 'invalid_input',
    message: issue ? `${field || 'input'}: ${issue.message}` : 'invalid input',
    messageVi: invalidFieldVi(field, issue?.message),
    ...(field ? { field } : {}),
  };
}

export function toDesktopError(err: unknown): DesktopError {
  if (err instanceof DesktopFailure) return err.error;
  if (err instanceof ApiClientError) {
    return {
      code: err.code,
      message: err.message,
      messageVi: err.messageVi,
      ...(err.field ? { field: err.field } : {}),
    };
  }
  console.error('desktop call failed', err);
  return {
    code: 'internal',
    message: err instanceof Error ? err.message : String(err),
    messageVi: 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại.',
  };
}
