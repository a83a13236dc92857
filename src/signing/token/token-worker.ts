/**
 * The worker side of `RemoteTokenModule`: this thread owns the PKCS#11 module, its sessions and
 * signers, so every token call (C_Login, C_FindObjects, C_SignInit, C_Sign, C_GetTokenInfo…) runs
 * off the caller's event loop. One request at a time, in arrival order: PKCS#11 sessions allow one
 * operation each, and a slow vendor module then delays only token work.
 */
import { parentPort } from 'node:worker_threads';
import { TokenError } from './errors';
import { Pkcs11Module } from './pkcs11-module';
import type { SignerOptions, TokenSession, TokenSigner } from './token-session';
import type { WorkerReply, WorkerRequest } from './token-worker-protocol';

let module: Pkcs11Module | undefined;
const sessions = new Map<number, TokenSession>();
const signers = new Map<number, { signer: TokenSigner; session: number }>();
let nextId = 1;

const need = <T>(v: T | undefined, what: string): T => {
  if (v === undefined)
    throw new TokenError(
      'SIGN_SESSION_CLOSED',
      'Phiên ký đã kết thúc, hãy nhập lại mã PIN.',
      `${what} unknown or closed`,
    );
  return v;
};
const slotOf = (hex: string) => Buffer.from(hex, 'hex');

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.op) {
    case 'open':
      module = Pkcs11Module.open(req.path);
      return null;
    case 'listTokens':
      return need(module, 'module').listTokens();
    case 'findSlot':
      return need(module, 'module').findSlot(req.label).toString('hex');
    case 'listCertificates':
      return need(module, 'module')
        .listCertificates(slotOf(req.slot))
        .map((c) => ({ id: c.id, label: c.label, der: c.info.der }));
    case 'login': {
      const session = need(module, 'module').login(slotOf(req.slot), req.pin);
      const id = nextId++;
      sessions.set(id, session);
      return id;
    }
    case 'signer': {
      const signer = need(sessions.get(req.session), 'session').signer(
        req.options as SignerOptions,
      );
      const id = nextId++;
      signers.set(id, { signer, session: req.session });
      const { keyId, keyType, mechanism, alwaysAuthenticate } = signer;
      return { id, der: signer.certificate.der, keyId, keyType, mechanism, alwaysAuthenticate };
    }
    case 'sign': {
      const { signer } = need(signers.get(req.signer), 'signer');
      const signature = await signer.sign(Buffer.from(req.data));
      return { signature, tokenMs: signer.tokenMs };
    }
    case 'closeSession': {
      sessions.get(req.session)?.close();
      sessions.delete(req.session);
      for (const [id, s] of signers) if (s.session === req.session) signers.delete(id);
      return null;
    }
    case 'close':
      for (const s of sessions.values()) s.close();
      sessions.clear();
      signers.clear();
      module?.close();
      module = undefined;
      return null;
  }
}

let queue: Promise<unknown> = Promise.resolve();
parentPort!.on('message', (req: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = { id: req.id, ok: true, value: await handle(req) };
    } catch (err) {
      const e = err as Partial<TokenError>;
      reply = {
        id: req.id,
        ok: false,
        error: {
          name: e.name ?? 'Error',
          message: e.message ?? String(err),
          code: e.code,
          messageVi: e.messageVi,
          rv: e.rv,
        },
      };
    }
    parentPort!.postMessage(reply);
  });
});
