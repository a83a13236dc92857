/**
 * The token API with every PKCS#11 call in a worker thread (`token-worker.ts`), not only C_Sign:
 * a vendor module that is slow in C_Login, C_FindObjects or C_GetTokenInfo cannot freeze the UI.
 * Same errors as in-process (TokenError with its code and Vietnamese message). The PIN crosses to
 * the worker once per login, in memory, and lives there only inside the session.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../runtime/asset-paths';
import { describeCertificate } from './certificate';
import { TokenError } from './errors';
import { acquireSlot } from './slot-lock';
import type { TokenDescription } from './pkcs11-module';
import type { TokenCertificate } from './token-objects';
import type { SignerOptions, TokenSigner } from './token-session';
import type { WorkerReply, WorkerRequest } from './token-worker-protocol';

type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

interface PendingCall {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** The worker's answer to `signer`: the key's certificate and how it signs. */
interface SignerReply {
  id: number;
  der: Uint8Array;
  keyId: string;
  keyType: 'rsa' | 'ec';
  mechanism: TokenSigner['mechanism'];
  alwaysAuthenticate: boolean;
}

export class RemoteTokenModule {
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private failure: Error | undefined;
  /** Slots held by this module's open sessions, released when they close. */
  private readonly held = new Set<() => void>();

  private constructor(
    private readonly worker: Worker,
    private readonly path: string,
  ) {
    worker.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) p.resolve(reply.value);
      else {
        const e = reply.error;
        p.reject(
          e.code && e.messageVi
            ? new TokenError(e.code, e.messageVi, e.message, e.rv)
            : new Error(e.message),
        );
      }
    });
    const fail = (err: Error) => {
      this.failure ??= new TokenError(
        'SIGN_NATIVE_ERROR',
        'Thư viện USB ký số đã dừng bất thường. Hãy thử lại.',
        `token worker: ${err.message}`,
      );
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
    worker.unref();
  }

  static async open(path: string): Promise<RemoteTokenModule> {
    const worker = new Worker(workerEntry('token-worker'));
    const m = new RemoteTokenModule(worker, path);
    try {
      await m.call({ op: 'open', path });
    } catch (err) {
      await worker.terminate();
      throw err;
    }
    return m;
  }

  /** @internal */
  call<T>(req: Request): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.ref();
      this.worker.postMessage({ ...req, id });
    });
  }

  listTokens(): Promise<TokenDescription[]> {
    return this.call({ op: 'listTokens' });
  }

  async findSlot(label?: string): Promise<Buffer> {
    return Buffer.from(await this.call<string>({ op: 'findSlot', label }), 'hex');
  }

  async listCertificates(slot: Buffer): Promise<TokenCertificate[]> {
    const certs = await this.call<{ id: string; label: string; der: Uint8Array }[]>({
      op: 'listCertificates',
      slot: slot.toString('hex'),
    });
    return certs.map((c) => ({
      id: c.id,
      label: c.label,
      info: describeCertificate(Buffer.from(c.der)),
    }));
  }

  /**
   * Logs in once the slot is free of every other request of this process (each worker has its own
   * module handle, but the token's login state is the process's): this PIN is the one checked.
   */
  async login(slot: Buffer, pin: string | undefined): Promise<RemoteTokenSession> {
    const free = await acquireSlot(`${this.path}#${slot.toString('hex')}`);
    const release = () => {
      this.held.delete(release);
      free();
    };
    this.held.add(release);
    try {
      const id = await this.call<number>({ op: 'login', slot: slot.toString('hex'), pin });
      return new RemoteTokenSession(this, id, release);
    } catch (err) {
      release();
      throw err;
    }
  }

  async close(): Promise<void> {
    try {
      if (!this.failure) await this.call({ op: 'close' });
    } finally {
      this.failure ??= new TokenError(
        'SIGN_SESSION_CLOSED',
        'Phiên ký đã kết thúc, hãy nhập lại mã PIN.',
        'module closed',
      );
      await this.worker.terminate();
      // The worker closed (logged out) its sessions, or died with them.
      for (const release of [...this.held]) release();
    }
  }
}

export class RemoteTokenSession {
  constructor(
    private readonly module: RemoteTokenModule,
    private readonly id: number,
    private readonly release: () => void,
  ) {}

  async signer(options: SignerOptions = {}): Promise<TokenSigner> {
    const r = await this.module.call<SignerReply>({ op: 'signer', session: this.id, options });
    let tokenMs = 0;
    return {
      certificate: describeCertificate(Buffer.from(r.der)),
      keyId: r.keyId,
      keyType: r.keyType,
      mechanism: r.mechanism,
      alwaysAuthenticate: r.alwaysAuthenticate,
      sign: async (data) => {
        const out = await this.module.call<{ signature: Uint8Array; tokenMs: number }>({
          op: 'sign',
          signer: r.id,
          data,
        });
        tokenMs = out.tokenMs;
        return Buffer.from(out.signature);
      },
      get tokenMs() {
        return tokenMs;
      },
    };
  }

  /** Logs out and closes the session in the worker, then frees the slot for the next request. */
  async close(): Promise<void> {
    try {
      await this.module.call({ op: 'closeSession', session: this.id });
    } finally {
      this.release();
    }
  }
}
