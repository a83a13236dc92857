/**
 * Revocation services on loopback for tests: a real OCSP responder (`openssl ocsp -index … -port`,
 * signing with the test PKI's delegated responder certificate) and a tiny HTTP server handing out
 * CRLs made by `openssl ca -gencrl` on each request (so a revocation shows at once).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { createTestPki, type TestPki } from './pki';

/** A port free on loopback right now (the OS picks it; a tiny race is acceptable in tests). */
export async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TestOcspResponder {
  url: string;
  readonly running: boolean;
  /** (Re)starts `openssl ocsp`; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it (later requests are refused: the "responder down" case). */
  stop(): Promise<void>;
}

export function ocspResponder(pki: TestPki, port: number): TestOcspResponder {
  const fixtures = pki.revocation;
  if (!fixtures) throw new Error('the test PKI was made without revocation URLs');
  let child: ChildProcess | undefined;
  const args = [
    'ocsp',
    '-index',
    pki.indexFile,
    '-port',
    String(port),
    '-CA',
    pki.intermediate.certFile,
    '-rsigner',
    fixtures.ocspResponder.certFile,
    '-rkey',
    fixtures.ocspResponder.keyFile,
    '-nmin',
    '10',
    '-ignore_err',
  ];
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  return {
    url: fixtures.ocspUrl,
    get running() {
      return child !== undefined && child.exitCode === null;
    },
    async start() {
      await stop();
      const started = spawn('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      started.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
      child = started;
      // Ready when it says so: a probe connection would hold the one-at-a-time server forever.
      for (let i = 0; i < 100; i++) {
        if (started.exitCode !== null) throw new Error(`openssl ocsp exited: ${stderr}`);
        if (stderr.includes('waiting for OCSP client connections')) return;
        await sleep(50);
      }
      throw new Error(`openssl ocsp did not listen on ${port}: ${stderr}`);
    },
    stop,
  };
}

export interface TestCrlServer {
  /** Base URL: `${url}/root.crl`, `${url}/intermediate.crl`. */
  url: string;
  readonly requests: number;
  /** Serves the CRLs of this PKI (made once the PKI exists, since it needs the URL first). */
  serve(pki: TestPki): void;
  close(): Promise<void>;
}

export async function startCrlServer(): Promise<TestCrlServer> {
  let pki: TestPki | undefined;
  // Made again only when the CA database changed: `openssl ca -gencrl` is slow on a busy machine.
  const made = new Map<string, { index: string; der: Buffer }>();
  const crlOf = (p: TestPki, issuer: 'root' | 'intermediate') => {
    const index = readFileSync(p.indexFile, 'utf8');
    const hit = made.get(issuer);
    if (hit && hit.index === index) return hit.der;
    const der = p.crl(issuer === 'root' ? p.root : p.intermediate);
    made.set(issuer, { index, der });
    return der;
  };
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    const issuer = /^\/(root|intermediate)\.crl$/.exec(req.url ?? '')?.[1] as
      'root' | 'intermediate' | undefined;
    if (!pki || req.method !== 'GET' || !issuer) {
      res.writeHead(404).end();
      return;
    }
    try {
      const der = crlOf(pki, issuer);
      res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(der);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    serve: (p) => void (pki = p),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface RevocationTestbed {
  pki: TestPki;
  ocsp: TestOcspResponder;
  crl: TestCrlServer;
  close(): Promise<void>;
}

/** A test PKI whose certificates point at a running OCSP responder and CRL server on loopback. */
export async function startRevocationTestbed(dir: string): Promise<RevocationTestbed> {
  const crl = await startCrlServer();
  const ocspUrl = `http://127.0.0.1:${await freePort()}`;
  const pki = createTestPki(dir, { revocation: { ocspUrl, crlBaseUrl: crl.url } });
  crl.serve(pki);
  const ocsp = ocspResponder(pki, Number(new URL(ocspUrl).port));
  await ocsp.start();
  return {
    pki,
    ocsp,
    crl,
    close: async () => {
      await ocsp.stop();
      await crl.close();
    },
  };
}
